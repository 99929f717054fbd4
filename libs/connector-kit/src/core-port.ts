import type { ChannelSecrets } from './channel-secrets.js';
import type { HistoryMessage, TicketStatus } from '@escala/domain';

/** The history catalogue's line type, for connectors that write their own lines (`NewSystemEntry`). */
export type { HistoryMessage } from '@escala/domain';
import type { ChannelState } from './channel-state.js';
import type { TicketSummary } from './events/ticket-summary.js';

/**
 * What a connector may read of the core, from any call it gets: `deliver`, `poll`, webhooks,
 * `health` and maintenance tasks. Reads are the channel's own view: external references are the
 * ones this channel linked.
 */
export interface CoreReads {
  findTicketByExternalReference(reference: ExternalReference): Promise<TicketRef | null>;
  /** The references this channel linked to the ticket, oldest first (a mail thread's Message-IDs in order). */
  listExternalReferences(ticketId: string): Promise<LinkedReference[]>;
  /** The Escala user linked to an outside identity (an Entra object id, a Google account, an e-mail address). */
  findUserByExternalIdentity(identity: ExternalIdentity): Promise<UserRef | null>;

  /** The ticket as events carry it (the catalogue's summary), by id or number; null when there is none. */
  getTicketSummary(ticket: { id: string } | { number: number }): Promise<TicketSummary | null>;
  /** The outside identities linked to a user, oldest first (to @mention a member in Teams); `not_found` for no such user. */
  listUserIdentities(userId: string): Promise<ExternalIdentity[]>;

  /**
   * The customer a sender belongs to: the one whose contact has this address, else the one customer
   * whose contacts share its domain; null when none or more than one could be meant.
   */
  findCustomerByEmail(email: string): Promise<CustomerMatch | null>;
  /** The fields an outside tool may change, as the ticket holds them now (what a sheet shows in its columns). */
  getExternalTicketFields(ticketId: string): Promise<Required<AllowedTicketFields>>;
}

/**
 * The port a connector gets in its `ConnectorContext`: the reads, and the channel's own small state.
 * State written through it outside an inbound change is staged and committed when the call
 * succeeds (see `ChannelState`).
 */
export interface ChannelPort extends CoreReads {
  state: ChannelState;
  /** The channel's own secrets, sealed by the core (a token cache); same commit rules as `state`. */
  secrets: ChannelSecrets;
}

/**
 * Everything a connector may ask of the core. Nothing else: no database, no internals. The core
 * implements it; a plugin receives it when it applies an inbound change, in that change's
 * transaction: the change's writes and its `state` writes commit together or not at all. Each
 * channel gets its own port: external references are that channel's, and the audit trail names the
 * channel as the actor. Data the core refuses (unknown category, oversize field, no customer) fails
 * as a `permanent` ConnectorError naming the field; a reference to a ticket that does not exist as
 * `not_found`.
 */
export interface CorePort extends ChannelPort {
  createTicket(input: NewTicket): Promise<TicketRef>;
  addEntry(ticketId: string, entry: NewEntry): Promise<void>;
  linkExternalReference(ticketId: string, reference: ExternalReference): Promise<void>;
  /** With an `attribution`, the audit trail names the person (through this channel) instead of the channel alone. */
  updateTicketFields(ticketId: string, fields: AllowedTicketFields, attribution?: Attribution): Promise<void>;
  /** Records a member's acknowledgement of an announcement (a like on the Teams post); a repeat records nothing. */
  acknowledgeAnnouncement(acknowledgement: AnnouncementAcknowledgement): Promise<{ recorded: boolean }>;
  /** Marks that a priority e-mail arrived for the ticket: its own queue skip reason (`priority-email`); a repeat records nothing. */
  markPriorityEmail(ticketId: string): Promise<void>;
  /**
   * Moves the ticket as the domain allows (a sheet's Status "Corrigido"): a move the lifecycle does
   * not allow is refused as `permanent`; asking for the status it already has changes nothing.
   */
  changeTicketStatus(ticketId: string, status: TicketStatus, options?: StatusChangeOptions): Promise<void>;
  /**
   * Hands a message no ticket or customer could take (a mail from an unknown sender) to the
   * relationship desk's triage queue, where a person redirects it. The same `key` on this channel
   * again records nothing (`recorded: false`, the first item's id): a replayed batch holds once.
   */
  holdForTriage(item: NewTriageItem): Promise<{ id: string; recorded: boolean }>;
}

/**
 * Who made an outside change, when the service tells (a Drive file's last modifying user): the core
 * looks the person up by identity; when found the audit trail names them, through the channel.
 */
export interface Attribution {
  identity: ExternalIdentity;
}

export interface StatusChangeOptions {
  /** Shown on the ticket's history with the move (e.g. where in the sheet it was made). */
  reason?: string;
  attribution?: Attribution;
}

/** An identifier of the ticket in another system: a sheet row key, a mail Message-ID, a dev request. */
export interface ExternalReference {
  /** The connector key or system name, e.g. `google-sheets`, `email`. */
  system: string;
  id: string;
}

export interface LinkedReference extends ExternalReference {
  /** ISO 8601. */
  linkedAt: string;
}

/**
 * A person's identity in another system. Known systems are validated and normalised by the core:
 * `entra` (a Microsoft Entra object id, a GUID), `google` (the account's e-mail or numeric id),
 * `email` (an address, compared case-insensitively).
 */
export interface ExternalIdentity {
  system: string;
  id: string;
}

export interface UserRef {
  id: string;
  displayName: string;
  email: string | null;
  /** A deactivated user is still found (to attribute an old edit) but should not be mentioned. */
  active: boolean;
}

export interface TicketRef {
  id: string;
  number?: number;
}

export interface NewTicket {
  subject: string;
  body: string;
  /** The customer, when the connector knows it; otherwise the requester's e-mail must be a contact's. */
  customerId?: string;
  requester?: { name?: string; email?: string };
  /** A category key of the active support structure: the ticket is routed by it. */
  category?: string;
  /** How the customer reached us; `portal` when left out. */
  channel?: 'phone' | 'email' | 'portal' | 'web';
  priority?: boolean;
  externalReference?: ExternalReference;
  /**
   * An internal note written with the ticket, in its creation (a mail's files and original kept
   * beside the description): one write, where a separate `addEntry` would be a second change. The
   * connector's own words about it are a message of the history catalogue, as in `NewSystemEntry`.
   */
  openingNote?:
    | { body: string; message?: never; attachments?: EntryAttachment[] }
    | { message: HistoryMessage; body?: never; attachments?: EntryAttachment[] };
}

/** Someone's words (the customer's mail, a reply made elsewhere), or a line the connector itself writes. */
export type NewEntry = NewWrittenEntry | NewSystemEntry;

export interface NewWrittenEntry extends NewEntryCommon {
  body: string;
  message?: never;
}

/**
 * A line the connector writes about what it saw or did (a bounce, a sheet conflict): a message of the
 * history catalogue, never prose, so the core writes it in pt-BR and shows it in each reader's
 * language (docs/decisions/0007-history-language.md). Always an internal note.
 */
export interface NewSystemEntry extends NewEntryCommon {
  direction: 'internal';
  message: HistoryMessage;
  body?: never;
}

interface NewEntryCommon {
  /**
   * Whose words: `from_customer` for the customer's message (a mail they sent), `to_customer` for
   * a reply made elsewhere on our behalf, `internal` for a note only we see. Only `to_customer`
   * entries become `ticket.reply_sent`, so a mail channel never sends the customer their own mail.
   */
  direction: 'from_customer' | 'to_customer' | 'internal';
  author?: { name?: string; email?: string };
  externalReference?: ExternalReference;
  /** Files that came with the message (at most 20): where each is kept, or `url: null` when it was not kept. */
  attachments?: EntryAttachment[];
}

export interface EntryAttachment {
  name: string;
  contentType: string;
  sizeBytes: number;
  url: string | null;
}

export interface CustomerMatch {
  customerId: string;
  customerName: string;
  /** `address`: a contact has exactly this e-mail; `domain`: only the domain matched. */
  matchedBy: 'address' | 'domain';
}

/** The ticket fields an outside tool may change (the error sheet edits these); the rest stay the core's. */
export interface AllowedTicketFields {
  devRequestReference?: string | null;
  fixVersion?: string | null;
  externalStatus?: string | null;
  note?: string | null;
}

export interface AnnouncementAcknowledgement {
  announcementId: string;
  /** The member by Escala user id, by e-mail, or by an identity linked to a user. */
  member: { userId: string } | { email: string } | { identity: ExternalIdentity };
  /** How the member acknowledged: the one outside way the playbook knows today is a like on the Teams post. */
  via: 'teams-reaction';
  /** When the member acknowledged (the time of the like); now when left out. ISO 8601. */
  at?: string;
}

/** A message waiting for a person to decide where it belongs (the relationship desk's triage). */
export interface NewTriageItem {
  /** Unique on the channel: a mail's Message-ID, or its mailbox place when it has none. */
  key: string;
  sender: { email: string; name?: string };
  subject: string;
  /** What the sender wrote, as a ticket entry would keep it (sanitised, quoted history trimmed). */
  body: string;
  /** When the message reached us (ISO 8601). */
  receivedAt: string;
  /** At most 20, as on an entry. */
  attachments?: EntryAttachment[];
  /** Where the original stays (a mail's `imap://` URL). */
  sourceUrl?: string;
  /** Linked to the ticket the item becomes, so later messages of the thread land on it (a Message-ID). */
  externalReference?: ExternalReference;
  /** The category a new ticket made from the item is offered (the channel's own). */
  category?: string;
}
