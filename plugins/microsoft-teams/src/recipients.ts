import type { ChannelPort } from '@escala/connector-kit';
import type { MicrosoftTeamsConfig } from './microsoft-teams.config.js';
import type { Recipient } from './transport.js';

/**
 * The unit's supervisors as configured, each only when an admin linked that Entra identity to an
 * active Escala user: the card then names them as Escala knows them, and a person who left (user
 * deactivated) is not called on any more.
 */
export async function supervisorsOf(
  port: ChannelPort,
  config: MicrosoftTeamsConfig,
  unitKey: string | null,
): Promise<Recipient[]> {
  if (!unitKey) return [];
  const recipients: Recipient[] = [];
  for (const entraId of config.supervisors[unitKey] ?? []) {
    const user = await port.findUserByExternalIdentity({ system: 'entra', id: entraId });
    if (user?.active) recipients.push({ entraId: entraId.toLowerCase(), name: user.displayName });
  }
  return recipients;
}

/** Members by Escala user id, each with the Entra identity linked to them (members without one are left out). */
export async function membersInTeams(
  port: ChannelPort,
  members: Array<{ userId: string; name: string }>,
): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const member of members) {
    const entra = (await port.listUserIdentities(member.userId)).find((identity) => identity.system === 'entra');
    if (entra) recipients.push({ entraId: entra.id, name: member.name });
  }
  return recipients;
}
