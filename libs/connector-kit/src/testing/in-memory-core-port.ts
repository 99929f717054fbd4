import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { SealedChannelSecrets, type Sealer } from '../channel-secrets.js';
import {
  CHANNEL_STATE_LIMITS,
  channelStateFull,
  checkStateWrite,
  sameStateValue,
  stateValueBytes,
  type ChannelState,
  type JsonValue,
} from '../channel-state.js';
import { ConnectorError } from '../connector-error.js';
import { parseHistoryMessage, Refusal, type TicketStatus } from '@escala/domain';
import type {
  AllowedTicketFields,
  AnnouncementAcknowledgement,
  Attribution,
  CorePort,
  CustomerMatch,
  ExternalIdentity,
  ExternalReference,
  LinkedReference,
  NewEntry,
  NewTicket,
  NewTriageItem,
  StatusChangeOptions,
  TicketRef,
  UserRef,
} from '../core-port.js';
import type { TicketSummary } from '../events/ticket-summary.js';
import { checkExternalIdentity } from '../external-identity.js';

export interface FakeTicket {
  id: string;
  number: number;
  input: NewTicket;
  entries: NewEntry[];
  fields: AllowedTicketFields;
  /** Set once `changeTicketStatus` moved it; `new` until then. */
  status: TicketStatus;
  /** Every field update and status move, with who the connector said made it. */
  changes: Array<
    | { kind: 'fields'; fields: AllowedTicketFields; attribution?: Attribution }
    | { kind: 'status'; status: TicketStatus; reason?: string; attribution?: Attribution }
  >;
}

/** A channel's state kept in memory, with the store's key rules and size limits. */
export class InMemoryChannelState implements ChannelState {
  readonly values = new Map<string, JsonValue>();

  async get(key: string): Promise<JsonValue> {
    return structuredClone(this.values.get(key) ?? null);
  }

  async put(key: string, value: JsonValue): Promise<void> {
    checkStateWrite(key, value);
    const total = [...this.values].reduce((sum, [k, v]) => (k === key ? sum : sum + stateValueBytes(v)), 0);
    if (total + stateValueBytes(value) > CHANNEL_STATE_LIMITS.channelMaxBytes)
      throw channelStateFull(key, total + stateValueBytes(value));
    if (value === null) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }

  async compareAndSet(key: string, expected: JsonValue, value: JsonValue): Promise<boolean> {
    if (!sameStateValue(await this.get(key), expected)) return false;
    await this.put(key, value);
    return true;
  }
}

/** AES-256-GCM under a key made per port: sealed values in memory show nothing of the secret, as in the core. */
export function memorySealer(): Sealer {
  const key = randomBytes(32);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
    },
    open(sealed) {
      const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv!).setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
    },
  };
}

/** What the core refuses in a connector's own line: an internal note of a known catalogue message with fitting values. */
function checkSystemLine(entry: NewEntry): void {
  if (entry.direction !== 'internal' || entry.body !== undefined)
    throw ConnectorError.permanent(
      'refused by the core: a message of the history catalogue is an internal note without a body',
    );
  try {
    parseHistoryMessage(entry.message?.key, entry.message?.values);
  } catch (error) {
    if (error instanceof Refusal) throw ConnectorError.permanent(`refused by the core: ${error.message}`);
    throw error;
  }
}

/**
 * An in-memory `CorePort` for plugin specs: it behaves as the core's port does where a plugin can
 * tell — a reference admits one ticket, an entry whose reference is linked is not added again,
 * unknown tickets are `not_found`, identities are normalised as the core does, state has the
 * store's limits — and keeps what it was asked, for assertions. Writes apply at once (there is no
 * transaction to roll back).
 */
export class InMemoryCorePort implements CorePort {
  readonly tickets: FakeTicket[] = [];
  readonly acknowledgements: Array<Required<AnnouncementAcknowledgement>> = [];
  /** What `getTicketSummary` finds: a spec puts the tickets its events are about here (e.g. `SAMPLE_TICKET`). */
  readonly summaries: TicketSummary[] = [];
  readonly state = new InMemoryChannelState();
  readonly secrets = new SealedChannelSecrets(this.state, memorySealer());
  private readonly references: Array<LinkedReference & { ticketId: string }> = [];
  private readonly users: Array<UserRef & { identities: ExternalIdentity[] }> = [];
  private readonly customers: Array<{ id: string; name: string; contacts: string[] }> = [];
  /** Tickets a priority e-mail was marked on. */
  readonly priorityEmails = new Set<string>();
  /** Messages held for the relationship desk's triage, one per key. */
  readonly triage: Array<NewTriageItem & { id: string }> = [];

  /** Makes a customer findable by its contacts' addresses (and their domain). */
  addCustomer(customer: { id?: string; name: string; contacts: string[] }): { id: string; name: string } {
    const added = { id: customer.id ?? randomUUID(), name: customer.name, contacts: customer.contacts.map(lower) };
    this.customers.push(added);
    return { id: added.id, name: added.name };
  }

  /** Makes a user findable by its identities (normalised as the core does). */
  addUser(user: Partial<UserRef> & { displayName: string; identities: ExternalIdentity[] }): UserRef {
    const ref = {
      id: user.id ?? randomUUID(),
      displayName: user.displayName,
      email: user.email ?? null,
      active: user.active ?? true,
    };
    this.users.push({ ...ref, identities: user.identities.map((identity) => this.identity(identity)) });
    return ref;
  }

  ticket(id: string): FakeTicket {
    const ticket = this.tickets.find((t) => t.id === id);
    if (!ticket) throw ConnectorError.notFound(`No ticket with id ${id}`);
    return ticket;
  }

  async createTicket(input: NewTicket): Promise<TicketRef> {
    if (!input.subject?.trim()) throw ConnectorError.permanent('refused by the core: subject: required');
    const existing = input.externalReference && (await this.findTicketByExternalReference(input.externalReference));
    if (existing) return existing;
    const ticket: FakeTicket = {
      id: randomUUID(),
      number: this.tickets.length + 1,
      input,
      entries: [],
      fields: {},
      status: 'new',
      changes: [],
    };
    this.tickets.push(ticket);
    if (input.externalReference) await this.linkExternalReference(ticket.id, input.externalReference);
    if (input.openingNote) {
      const note: NewEntry = { direction: 'internal', ...input.openingNote };
      if (note.message) checkSystemLine(note);
      ticket.entries.push(note);
    }
    return { id: ticket.id, number: ticket.number };
  }

  async addEntry(ticketId: string, entry: NewEntry): Promise<void> {
    const ticket = this.ticket(ticketId);
    if (entry.message) checkSystemLine(entry);
    if (entry.externalReference && (await this.findTicketByExternalReference(entry.externalReference))) return;
    ticket.entries.push(entry);
    if (entry.externalReference) await this.linkExternalReference(ticketId, entry.externalReference);
  }

  async findTicketByExternalReference(reference: ExternalReference): Promise<TicketRef | null> {
    const found = this.references.find((r) => r.system === reference.system && r.id === reference.id);
    return found ? { id: found.ticketId, number: this.ticket(found.ticketId).number } : null;
  }

  async listExternalReferences(ticketId: string): Promise<LinkedReference[]> {
    return this.references
      .filter((r) => r.ticketId === ticketId)
      .map(({ system, id, linkedAt }) => ({ system, id, linkedAt }));
  }

  async linkExternalReference(ticketId: string, reference: ExternalReference): Promise<void> {
    this.ticket(ticketId);
    const existing = this.references.find((r) => r.system === reference.system && r.id === reference.id);
    if (existing?.ticketId === ticketId) return;
    if (existing)
      throw ConnectorError.permanent(
        `refused by the core: ${reference.system} ${reference.id} is already linked to another ticket`,
      );
    this.references.push({ ...reference, ticketId, linkedAt: new Date().toISOString() });
  }

  async updateTicketFields(ticketId: string, fields: AllowedTicketFields, attribution?: Attribution): Promise<void> {
    const ticket = this.ticket(ticketId);
    Object.assign(ticket.fields, fields);
    ticket.changes.push({ kind: 'fields', fields, ...(attribution ? { attribution } : {}) });
  }

  async getExternalTicketFields(ticketId: string): Promise<Required<AllowedTicketFields>> {
    const { fields } = this.ticket(ticketId);
    return {
      devRequestReference: fields.devRequestReference ?? null,
      fixVersion: fields.fixVersion ?? null,
      externalStatus: fields.externalStatus ?? null,
      note: fields.note ?? null,
    };
  }

  /** Moves freely (the lifecycle's rules are the core's); the same status again records nothing, as the core does. */
  async changeTicketStatus(ticketId: string, status: TicketStatus, options: StatusChangeOptions = {}): Promise<void> {
    const ticket = this.ticket(ticketId);
    if (ticket.status === status) return;
    ticket.status = status;
    ticket.changes.push({ kind: 'status', status, ...options });
  }

  async getTicketSummary(key: { id: string } | { number: number }): Promise<TicketSummary | null> {
    const found = this.summaries.find((summary) =>
      'id' in key ? summary.id === key.id : summary.number === key.number,
    );
    return found ? structuredClone(found) : null;
  }

  async findUserByExternalIdentity(identity: ExternalIdentity): Promise<UserRef | null> {
    const wanted = this.identity(identity);
    const user = this.users.find((u) => u.identities.some((i) => i.system === wanted.system && i.id === wanted.id));
    return user ? { id: user.id, displayName: user.displayName, email: user.email, active: user.active } : null;
  }

  async listUserIdentities(userId: string): Promise<ExternalIdentity[]> {
    const user = this.users.find((u) => u.id === userId);
    if (!user) throw ConnectorError.notFound(`No user with id ${userId}`);
    return structuredClone(user.identities);
  }

  async acknowledgeAnnouncement(acknowledgement: AnnouncementAcknowledgement): Promise<{ recorded: boolean }> {
    const member = JSON.stringify(acknowledgement.member);
    const seen = this.acknowledgements.some(
      (a) => a.announcementId === acknowledgement.announcementId && JSON.stringify(a.member) === member,
    );
    if (!seen) this.acknowledgements.push({ at: new Date().toISOString(), ...acknowledgement });
    return { recorded: !seen };
  }

  async findCustomerByEmail(email: string): Promise<CustomerMatch | null> {
    const address = lower(email);
    const domain = address.split('@')[1];
    const byAddress = this.customers.filter((c) => c.contacts.includes(address));
    if (byAddress.length === 1)
      return { customerId: byAddress[0]!.id, customerName: byAddress[0]!.name, matchedBy: 'address' };
    if (byAddress.length > 1 || !domain) return null;
    const byDomain = this.customers.filter((c) => c.contacts.some((contact) => contact.endsWith(`@${domain}`)));
    return byDomain.length === 1
      ? { customerId: byDomain[0]!.id, customerName: byDomain[0]!.name, matchedBy: 'domain' }
      : null;
  }

  async markPriorityEmail(ticketId: string): Promise<void> {
    this.ticket(ticketId);
    this.priorityEmails.add(ticketId);
  }

  async holdForTriage(item: NewTriageItem): Promise<{ id: string; recorded: boolean }> {
    if (!item.key?.trim()) throw ConnectorError.permanent('refused by the core: key: required');
    if (!/^[^@\s]+@[^@\s]+$/.test(item.sender?.email ?? ''))
      throw ConnectorError.permanent('refused by the core: sender.email: not an e-mail address');
    if (Number.isNaN(Date.parse(item.receivedAt)))
      throw ConnectorError.permanent('refused by the core: receivedAt: not an ISO 8601 instant');
    const held = this.triage.find((t) => t.key === item.key);
    if (held) return { id: held.id, recorded: false };
    const id = randomUUID();
    this.triage.push({ ...structuredClone(item), id });
    return { id, recorded: true };
  }

  private identity(identity: ExternalIdentity): ExternalIdentity {
    const checked = checkExternalIdentity(identity);
    if (!checked.ok)
      throw ConnectorError.permanent(`refused by the core: identity.${checked.field}: ${checked.message}`);
    return checked.identity;
  }
}

const lower = (email: string) => email.trim().toLowerCase();
