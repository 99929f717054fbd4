import { Injectable } from '@nestjs/common';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ENTRY_DIRECTIONS,
  parseHistoryMessage,
  PRIORITY_TAG,
  Refusal,
  TICKET_STATUSES,
  type HistoryMessage,
  type TicketStatus,
} from '@escala/domain';
import {
  checkExternalIdentity,
  ConnectorError,
  SealedChannelSecrets,
  type Sealer,
  type AllowedTicketFields,
  type AnnouncementAcknowledgement,
  type Attribution,
  type CorePort,
  type CoreReads,
  type CustomerMatch,
  type ExternalIdentity,
  type ExternalReference,
  type LinkedReference,
  type NewEntry,
  type NewTicket,
  type NewTriageItem,
  type StatusChangeOptions,
  type TicketRef,
  type TicketSummary,
  type UserRef,
} from '@escala/connector-kit';
import { AnnouncementAcknowledgementsService } from '../announcements/announcement-acknowledgements.service.js';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { parsed } from '../http/zod-validation.pipe.js';
import { CombinedWrite } from '../persistence/combined-write.js';
import { CustomerContactSchema, TicketExternalReferenceSchema } from '../persistence/entities/index.js';
import { systemLine, TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { CreateTicketBody, EntryBody, ExternalTicketFieldsBody } from '../tickets/ticket.schemas.js';
import type { TicketCaller } from '../tickets/ticket-view.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { TicketWorkflowService } from '../tickets/ticket-workflow.service.js';
import { HoldTriageItemBody } from '../triage/triage.schemas.js';
import { TriageService } from '../triage/triage.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { ContactBody } from '../customers/customer.schemas.js';
import { UserIdentitiesService } from '../users/user-identities.service.js';
import { ChannelStateStore } from './channel-state.repository.js';
import { StagedChannelState, TransactionalChannelState } from './channel-state.js';
import { asConnectorError, raceLost } from './core-port-refusals.js';
import { CallPort, type CorePorts } from './core-ports.js';
import { channelSecretsSealer } from './channel-secrets-sealer.js';
import { SecretBox } from './secret-box.js';
import { TicketSummaries } from './ticket-summaries.repository.js';
import { escapeLike } from '../persistence/escape-like.js';

/** What `priority: true` from an outside tool becomes: the priority tag, which the queue reads as a skip reason. */
export const INBOUND_PRIORITY_TAG = PRIORITY_TAG;

const Reference = z.strictObject({ system: z.string().trim().min(1).max(100), id: z.string().trim().min(1).max(500) });
const TicketId = z.uuid();
const UserId = z.uuid();
const Acknowledgement = z.strictObject({
  announcementId: z.uuid(),
  member: z.union([
    z.strictObject({ userId: z.uuid() }),
    z.strictObject({ email: z.email() }),
    z.strictObject({ identity: z.strictObject({ system: z.string(), id: z.string() }) }),
  ]),
  via: z.literal('teams-reaction'),
  at: z.iso.datetime({ offset: true }).optional(),
});
const TicketKeyBody = z.union([
  z.strictObject({ id: z.uuid() }),
  z.strictObject({ number: z.number().int().positive() }),
]);
const EntryDirectionBody = z.strictObject({ direction: z.enum(ENTRY_DIRECTIONS) });
const SenderAddress = z.strictObject({ email: z.email().max(320) });
const StatusChange = z.strictObject({
  status: z.enum(TICKET_STATUSES),
  reason: z.string().trim().min(1).max(2000).optional(),
});

/**
 * The kit's port, implemented with the ticket services so inbound changes are validated, routed,
 * audited and put in the outbox exactly as the HTTP API's are. The channel is the actor.
 */
class ChannelCorePort implements CorePort {
  private readonly caller: TicketCaller;
  /** In the transaction the inbound change runs in: its state writes commit with it. */
  readonly state: TransactionalChannelState;
  readonly secrets: SealedChannelSecrets;

  constructor(
    private readonly channelId: string,
    private readonly services: ChannelCorePorts,
  ) {
    this.caller = { system: `connector:${channelId}` };
    this.state = new TransactionalChannelState(services.stateStore, services.em, channelId);
    this.secrets = new SealedChannelSecrets(this.state, services.sealerFor(channelId));
  }

  createTicket(input: NewTicket): Promise<TicketRef> {
    return this.refusing(async () => {
      const reference = input.externalReference && parsed(Reference, input.externalReference);
      const existing = reference && (await this.findTicketByExternalReference(reference));
      if (existing) return existing;
      const body = parsed(CreateTicketBody, {
        ...(await this.customerOf(input)),
        channel: input.channel ?? 'portal',
        category: input.category,
        subject: input.subject,
        // Mail often has an empty body: the subject is then all the customer wrote.
        description: input.body?.trim() ? input.body : input.subject,
        tags: input.priority ? [INBOUND_PRIORITY_TAG] : [],
      });
      const line = input.openingNote && this.catalogueLine({ direction: 'internal', ...input.openingNote }, 'internal');
      const note =
        input.openingNote &&
        parsed(EntryBody, {
          kind: 'internal',
          body: line ? systemLine(line).body : input.openingNote.body,
          attachments: input.openingNote.attachments ?? [],
        });
      const ticket = await this.services.tickets.create(this.caller, body);
      // The link and the note follow as one statement each, now that the ticket has its number; not
      // one: PostgreSQL does not promise the order of a statement's parts, and the audit trail shows it.
      if (reference) await this.linkWith(ticket, reference);
      if (note) {
        const write = new CombinedWrite(this.services.em);
        this.services.entries.noteWith(write, ticket, this.caller, line ?? note.body, note.attachments);
        await write.run();
      }
      return { id: ticket.id, number: ticket.number };
    });
  }

  addEntry(ticketId: string, entry: NewEntry): Promise<void> {
    return this.refusing(async () => {
      const id = this.ticketId(ticketId);
      const { direction } = parsed(EntryDirectionBody, { direction: entry.direction });
      const message = this.catalogueLine(entry, direction);
      const body = parsed(EntryBody, {
        kind: direction === 'internal' ? 'internal' : 'public',
        body: message ? systemLine(message).body : entry.body,
        attachments: entry.attachments ?? [],
      });
      const reference = entry.externalReference && parsed(Reference, entry.externalReference);
      // An entry whose reference is already linked was added before (a repeated mail, a replayed row).
      if (reference && (await this.findTicketByExternalReference(reference))) return;
      await this.services.entries.add(
        this.caller,
        id,
        { ...body, fromCustomer: direction === 'from_customer', message },
        reference ?? null,
      );
      if (reference) await this.linkUnlinked(id, reference);
    });
  }

  /** A connector's own line: a known message of the history catalogue with fitting values, as an internal note. */
  private catalogueLine(entry: NewEntry, direction: NewEntry['direction']): HistoryMessage | undefined {
    if (entry.message === undefined) return undefined;
    if (entry.body !== undefined) throw Refusal.invalid('(body)', 'an entry has either a body or a message, not both');
    if (direction !== 'internal') throw Refusal.invalid('direction', 'a message of the history catalogue is internal');
    return parseHistoryMessage(
      (entry.message as { key?: unknown }).key,
      (entry.message as { values?: unknown }).values,
    );
  }

  getTicketSummary(key: { id: string } | { number: number }): Promise<TicketSummary | null> {
    return this.reading(() => this.services.summaries.read(parsed(TicketKeyBody, key)));
  }

  findTicketByExternalReference(reference: ExternalReference): Promise<TicketRef | null> {
    return this.reading(async () => {
      const { system, id } = parsed(Reference, reference);
      const [found] = await this.services.em.execute<Array<{ id: string; number: string }>>(
        `select t.id, t.number from ticket_external_references r join tickets t on t.id = r.ticket_id
          where r.channel_id = ? and r.system = ? and r.external_id = ?`,
        [this.channelId, system, id],
      );
      return found ? { id: found.id, number: Number(found.number) } : null;
    });
  }

  listExternalReferences(ticketId: string): Promise<LinkedReference[]> {
    return this.reading(async () => {
      const rows = await this.services.em.find(
        TicketExternalReferenceSchema,
        { channelId: this.channelId, ticketId: this.ticketId(ticketId) },
        { orderBy: { createdAt: 'asc' } },
      );
      return rows.map((row) => ({ system: row.system, id: row.externalId, linkedAt: row.createdAt.toISOString() }));
    });
  }

  findUserByExternalIdentity(identity: ExternalIdentity): Promise<UserRef | null> {
    return this.reading(() => this.services.identities.findUser(identity));
  }

  listUserIdentities(userId: string): Promise<ExternalIdentity[]> {
    return this.reading(async () => {
      const linked = await this.services.identities.list(parsed(UserId, userId));
      return linked.map(({ system, id }) => ({ system, id }));
    });
  }

  acknowledgeAnnouncement(acknowledgement: AnnouncementAcknowledgement): Promise<{ recorded: boolean }> {
    return this.refusing(async () => {
      const { announcementId, member, via, at } = parsed(Acknowledgement, acknowledgement);
      const outcome = await this.services.acknowledgements.acknowledge(this.caller, {
        announcementId,
        member: 'identity' in member ? { userId: await this.userNamedBy(member.identity) } : member,
        via,
        at: at ? new Date(at) : undefined,
      });
      return { recorded: outcome.recorded };
    });
  }

  linkExternalReference(ticketId: string, reference: ExternalReference): Promise<void> {
    return this.refusing(() => this.link(this.ticketId(ticketId), parsed(Reference, reference)));
  }

  updateTicketFields(ticketId: string, fields: AllowedTicketFields, attribution?: Attribution): Promise<void> {
    return this.refusing(async () => {
      const id = this.ticketId(ticketId);
      const { note, ...rest } = fields;
      const wanted = Object.fromEntries(
        Object.entries({ ...rest, externalNote: note }).filter(([, value]) => value !== undefined),
      );
      const changes = parsed(ExternalTicketFieldsBody, wanted);
      const ticket = await this.services.tickets.get(id);
      // The same values again (a sheet re-read) change nothing and so record nothing.
      if (Object.entries(changes).every(([key, value]) => (ticket[key as keyof typeof changes] ?? null) === value))
        return;
      await this.services.tickets.update(await this.attributed(attribution), id, changes);
    });
  }

  findCustomerByEmail(email: string): Promise<CustomerMatch | null> {
    return this.reading(async () => {
      const address = parsed(SenderAddress, { email: email.trim() }).email.toLowerCase();
      const byAddress = await this.customersWithContacts(escapeLike(address));
      if (byAddress.length === 1) return { ...byAddress[0]!, matchedBy: 'address' as const };
      if (byAddress.length > 1) return null;
      const byDomain = await this.customersWithContacts(`%@${escapeLike(address.split('@')[1]!)}`);
      return byDomain.length === 1 ? { ...byDomain[0]!, matchedBy: 'domain' as const } : null;
    });
  }

  markPriorityEmail(ticketId: string): Promise<void> {
    return this.refusing(async () => {
      const id = this.ticketId(ticketId);
      const ticket = await this.services.tickets.get(id);
      if (ticket.priorityEmail) return;
      await this.services.tickets.update(this.caller, id, { priorityEmail: true });
    });
  }

  /** The distinct customers (at most two: more only says "ambiguous") whose contacts' e-mail matches, in one read. */
  private customersWithContacts(pattern: string): Promise<Array<Omit<CustomerMatch, 'matchedBy'>>> {
    return this.services.em.execute(
      `select distinct c.id as "customerId", c.name as "customerName"
         from customer_contacts cc join customers c on c.id = cc.customer_id
        where cc.email ilike ? limit 2`,
      [pattern],
    );
  }

  getExternalTicketFields(ticketId: string): Promise<Required<AllowedTicketFields>> {
    return this.reading(async () => {
      const ticket = await this.services.tickets.get(this.ticketId(ticketId));
      return {
        devRequestReference: ticket.devRequestReference ?? null,
        fixVersion: ticket.fixVersion ?? null,
        externalStatus: ticket.externalStatus ?? null,
        note: ticket.externalNote ?? null,
      };
    });
  }

  changeTicketStatus(ticketId: string, status: TicketStatus, options: StatusChangeOptions = {}): Promise<void> {
    return this.refusing(async () => {
      const id = this.ticketId(ticketId);
      const change = parsed(StatusChange, { status, ...(options.reason ? { reason: options.reason } : {}) });
      const ticket = await this.services.tickets.get(id);
      // The sheet read again after the move asks for it again: nothing to do, nothing recorded.
      if (ticket.status === change.status) return;
      const caller = await this.attributed(options.attribution);
      await this.services.workflow.changeStatus(caller, id, change.status, change.reason);
    });
  }

  holdForTriage(item: NewTriageItem): Promise<{ id: string; recorded: boolean }> {
    return this.refusing(() => this.services.triage.hold(this.channelId, parsed(HoldTriageItemBody, item)));
  }

  /**
   * The channel, or the person the service named when an admin linked their identity: the audit
   * trail then shows the person and, in the label, the channel they worked through.
   */
  private async attributed(attribution: Attribution | undefined): Promise<TicketCaller> {
    if (!attribution) return this.caller;
    const checked = checkExternalIdentity(attribution.identity ?? {});
    if (!checked.ok) throw Refusal.invalid(`attribution.identity.${checked.field}`, checked.message);
    const user = await this.services.identities.findUser(checked.identity);
    if (!user) return this.caller;
    return {
      userId: user.id,
      login: `${user.displayName} via connector:${this.channelId}`,
      displayName: user.displayName,
    };
  }

  /**
   * Links with the ticket's row locked, in the transaction of the port call (always a `refusing` one,
   * which rolls it back on a refusal); the key (channel, system, id) admits one ticket.
   */
  private link(ticketId: string, reference: { system: string; id: string }): Promise<void> {
    return this.services.em.transactional(
      async (tx) => {
        const ticket = await this.services.tickets.lock(tx, ticketId);
        const key = { channelId: this.channelId, system: reference.system, externalId: reference.id };
        const existing = await tx.findOne(TicketExternalReferenceSchema, key);
        if (existing?.ticketId === ticketId) return;
        if (existing) throw Refusal.conflict(`${reference.system} ${reference.id} is already linked to another ticket`);
        tx.create(TicketExternalReferenceSchema, { ...key, ticketId, createdAt: new Date() });
        this.services.journal.record(this.linked(ticket.id, reference));
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }

  /**
   * Links a reference found unlinked earlier in this transaction to a ticket created or locked in
   * it: nothing to look up or lock again. Two changes linking one reference at once meet on the
   * unique key; the loser rolls back and, retried, finds the reference linked.
   */
  private async linkUnlinked(ticketId: string, reference: { system: string; id: string }): Promise<void> {
    const em = this.services.em.getContext();
    em.create(TicketExternalReferenceSchema, {
      channelId: this.channelId,
      system: reference.system,
      externalId: reference.id,
      ticketId,
      createdAt: new Date(),
    });
    this.services.journal.record(this.linked(ticketId, reference));
    await em.flush().catch(raceLost);
  }

  /** `linkUnlinked` for a ticket created in this call, in one statement (its row and its audit record). */
  private async linkWith(ticket: { id: string; createdAt: Date }, reference: { system: string; id: string }) {
    const write = new CombinedWrite(this.services.em).insert(TicketExternalReferenceSchema, {
      channelId: this.channelId,
      system: reference.system,
      externalId: reference.id,
      ticketId: ticket.id,
      createdAt: ticket.createdAt,
    });
    this.services.journal.write(write, this.linked(ticket.id, reference));
    await write.run().catch(raceLost);
  }

  private linked(ticketId: string, reference: { system: string; id: string }) {
    return {
      actor: this.caller,
      action: 'ticket.external_reference_linked',
      subjectType: 'ticket',
      subjectId: ticketId,
      after: { channelId: this.channelId, system: reference.system, externalId: reference.id },
    };
  }

  /** The customer named by id, or the one whose contact has the requester's e-mail. */
  private async customerOf(input: NewTicket): Promise<{ customerId: string | undefined; contactId: string | null }> {
    const email = input.requester?.email?.trim();
    if (input.customerId) {
      // The requester's contact at that customer, when they are one: replies go to the contact's e-mail.
      const known = email && TicketId.safeParse(input.customerId).success;
      const contact = known
        ? await this.services.em.findOne(CustomerContactSchema, {
            customerId: input.customerId,
            email: { $ilike: escapeLike(email) },
          })
        : null;
      const added = !contact && known ? await this.colleagueContact(input.customerId, input.requester!) : null;
      return { customerId: input.customerId, contactId: contact?.id ?? added };
    }
    if (!email)
      throw Refusal.invalid(
        'customerId',
        'the change names no customer: a customerId or the e-mail of a known contact is needed',
      );
    const contacts = await this.services.em.find(
      CustomerContactSchema,
      { email: { $ilike: escapeLike(email) } },
      { limit: 2 },
    );
    if (contacts.length !== 1) {
      throw Refusal.invalid(
        'requester.email',
        contacts.length === 0
          ? `no customer has a contact with the e-mail ${email}`
          : `more than one customer has a contact with the e-mail ${email}`,
      );
    }
    return { customerId: contacts[0]!.customerId, contactId: contacts[0]!.id };
  }

  /**
   * A requester writing from the domain of the customer's contacts (a colleague of theirs) becomes
   * one of its contacts: replies reach them, and their next message matches by address. Someone
   * from any other domain stays unknown: naming a customer does not make a stranger its contact.
   */
  private async colleagueContact(customerId: string, requester: { name?: string; email?: string }) {
    const email = requester.email!.trim().toLowerCase();
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const colleague =
      email.includes('@') &&
      (await this.services.em.findOne(CustomerContactSchema, {
        customerId,
        email: { $ilike: `%@${escapeLike(domain)}` },
      }));
    if (!colleague) return null;
    const contact = parsed(ContactBody, { name: requester.name?.trim() || email, email });
    const added = await this.services.customers.add(this.caller, customerId, 'contact', contact);
    return added.id;
  }

  private async userNamedBy(identity: ExternalIdentity): Promise<string> {
    const checked = checkExternalIdentity(identity);
    if (!checked.ok) throw Refusal.invalid(`member.identity.${checked.field}`, checked.message);
    const user = await this.services.identities.findUser(checked.identity);
    if (!user)
      throw ConnectorError.notFound(
        `no user is linked to the ${checked.identity.system} identity ${checked.identity.id}`,
      );
    return user.id;
  }

  private ticketId(id: string): string {
    if (!TicketId.safeParse(id).success) throw Refusal.notFound(`No ticket with id ${id}`);
    return id;
  }

  /**
   * A read inside an inbound change joins its transaction as it is: a read writes nothing a
   * savepoint would have to undo, and each savepoint is two more round trips per call. Outside one
   * (deliver, poll) it gets a transaction of its own, as the context a read needs.
   */
  private async reading<T>(work: () => Promise<T>): Promise<T> {
    if (!this.services.em.getTransactionContext()) return this.refusing(work);
    try {
      return await work();
    } catch (error) {
      throw asConnectorError(error);
    }
  }

  private async refusing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.services.em.transactional(() => work());
    } catch (error) {
      throw asConnectorError(error);
    }
  }
}

/** Hands each channel its port onto the core's services. */
@Injectable()
export class ChannelCorePorts implements CorePorts {
  constructor(
    readonly em: EntityManager,
    readonly tickets: TicketsService,
    readonly workflow: TicketWorkflowService,
    readonly entries: TicketEntriesService,
    readonly journal: ChangeJournal,
    readonly identities: UserIdentitiesService,
    readonly acknowledgements: AnnouncementAcknowledgementsService,
    readonly stateStore: ChannelStateStore,
    readonly summaries: TicketSummaries,
    readonly triage: TriageService,
    readonly customers: CustomersService,
    private readonly box: SecretBox,
  ) {}

  sealerFor(channelId: string): Sealer {
    return channelSecretsSealer(this.box, channelId);
  }

  forChannel(channelId: string): CorePort {
    return new ChannelCorePort(channelId, this);
  }

  forCall(channelId: string, em: EntityManager): CallPort {
    const reads: CoreReads = new ChannelCorePort(channelId, this);
    const state = new StagedChannelState(this.stateStore, em, channelId);
    return new CallPort(reads, state, new SealedChannelSecrets(state, this.sealerFor(channelId)));
  }
}
