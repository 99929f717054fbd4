/**
 * Everything a connector may ask of the core. Nothing else: no database, no internals. The core
 * implements it; a plugin receives it when it hands over inbound changes. Each channel gets its own
 * port: external references are that channel's, and the audit trail names the channel as the actor.
 * Data the core refuses (unknown category, oversize field, no customer) fails as a `permanent`
 * ConnectorError naming the field; a reference to a ticket that does not exist as `not_found`.
 */
export interface CorePort {
  createTicket(input: NewTicket): Promise<TicketRef>;
  addEntry(ticketId: string, entry: NewEntry): Promise<void>;
  findTicketByExternalReference(reference: ExternalReference): Promise<TicketRef | null>;
  linkExternalReference(ticketId: string, reference: ExternalReference): Promise<void>;
  updateTicketFields(ticketId: string, fields: AllowedTicketFields): Promise<void>;
}

/** An identifier of the ticket in another system: a sheet row key, a mail Message-ID, a dev request. */
export interface ExternalReference {
  /** The connector key or system name, e.g. `google-sheets`, `email`. */
  system: string;
  id: string;
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
}

export interface NewEntry {
  visibility: 'public' | 'internal';
  body: string;
  author?: { name?: string; email?: string };
  externalReference?: ExternalReference;
}

/** The ticket fields an outside tool may change (the error sheet edits these); the rest stay the core's. */
export interface AllowedTicketFields {
  devRequestReference?: string | null;
  fixVersion?: string | null;
  externalStatus?: string | null;
  note?: string | null;
}
