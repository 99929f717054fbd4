import type { ExternalIdentity } from './core-port.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
const SYSTEM = /^[a-z][a-z0-9-]{1,40}$/;
const MAX_ID = 320;

/**
 * The systems whose identifiers have a known shape, and how each is written once normalised. Any
 * other system (a connector's own key) takes any identifier of up to 320 characters as it is.
 */
const KNOWN: Record<string, { shape: string; normalise(id: string): string | null }> = {
  /** Microsoft Entra (Azure AD) object id, as Graph reports it in mentions and reactions. */
  entra: {
    shape: 'a GUID (Entra object id)',
    normalise: (id) => (GUID.test(id.toLowerCase()) ? id.toLowerCase() : null),
  },
  /** A Google account: its e-mail address, or the numeric account id (`sub`). */
  google: {
    shape: 'the account e-mail or its numeric id',
    normalise: (id) => (/^\d{5,30}$/.test(id) ? id : EMAIL.test(id) ? id.toLowerCase() : null),
  },
  email: { shape: 'an e-mail address', normalise: (id) => (EMAIL.test(id) ? id.toLowerCase() : null) },
};

export const KNOWN_IDENTITY_SYSTEMS = Object.keys(KNOWN);

export type IdentityCheck =
  { ok: true; identity: ExternalIdentity } | { ok: false; field: 'system' | 'id'; message: string };

/**
 * Validates and normalises an outside identity, so a lookup finds what an admin linked whatever
 * the case it arrives in (e-mail addresses and GUIDs compare case-insensitively).
 */
export function checkExternalIdentity(identity: { system?: unknown; id?: unknown }): IdentityCheck {
  const system = typeof identity.system === 'string' ? identity.system.trim() : '';
  if (!SYSTEM.test(system))
    return { ok: false, field: 'system', message: 'a system name: lower-case letters, digits and -, 2–41 characters' };
  const id = typeof identity.id === 'string' ? identity.id.trim() : '';
  if (id.length === 0 || id.length > MAX_ID) return { ok: false, field: 'id', message: `1–${MAX_ID} characters` };
  const known = KNOWN[system];
  if (!known) return { ok: true, identity: { system, id } };
  const normalised = known.normalise(id);
  return normalised === null
    ? { ok: false, field: 'id', message: `a ${system} identity is ${known.shape}` }
    : { ok: true, identity: { system, id: normalised } };
}
