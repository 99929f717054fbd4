/**
 * Everything a connector may ask of the core. Nothing else: no database, no internals. The core
 * implements it; a plugin receives it when it hands over inbound changes.
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
  requester?: { name?: string; email?: string };
  category?: string;
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
