/** How a request reached us (docs/playbook.md §10.2: "telefone, e-mail ou portal"; plus the web chat). */
export const TICKET_CHANNELS = ['phone', 'email', 'portal', 'web'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** The channel an agent works on: phone technicians and web technicians (docs/playbook.md §4.3). */
export const AGENT_CHANNELS = ['web', 'phone'] as const;
export type AgentChannel = (typeof AGENT_CHANNELS)[number];

/** A trâmite: a reply the customer sees, an internal note, or a system event. */
export const ENTRY_KINDS = ['public', 'internal', 'event'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Whose words an entry is: the customer's message, our reply to the customer, or ours alone. */
export const ENTRY_DIRECTIONS = ['from_customer', 'to_customer', 'internal'] as const;
export type EntryDirection = (typeof ENTRY_DIRECTIONS)[number];
