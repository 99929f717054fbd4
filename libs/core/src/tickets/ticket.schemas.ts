import {
  ENTRY_KINDS,
  SENSITIVE_DATA_KINDS,
  TICKET_CHANNELS,
  TICKET_STATUSES,
  type HistoryMessage,
} from '@escala/domain';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const categoryKey = z.string().trim().min(1).max(40);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_ -]+$/u, 'letters, digits, spaces, - and _ only');
const tags = z
  .array(tag)
  .max(30)
  .transform((list) => [...new Set(list)]);

export const DeadlineBody = z.strictObject({ description: text(500), dueOn: z.iso.date() });

export const AttachmentBody = z.strictObject({
  name: text(255),
  contentType: text(100),
  sizeBytes: z.number().int().min(0).max(1_000_000_000),
  url: z.url().max(2000).nullable().default(null),
});

export const CreateTicketBody = z.strictObject({
  customerId: z.uuid(),
  contactId: z.uuid().nullable().default(null),
  channel: z.enum(TICKET_CHANNELS),
  product: text(200).nullable().default(null),
  module: text(200).nullable().default(null),
  category: categoryKey,
  subject: text(300),
  description: text(100_000),
  tags: tags.default([]),
  deadlines: z.array(DeadlineBody).max(50).default([]),
  assigneeId: z.uuid().nullable().default(null),
});

export const UpdateTicketBody = z
  .strictObject({
    subject: text(300).optional(),
    description: text(100_000).optional(),
    product: text(200).nullable().optional(),
    module: text(200).nullable().optional(),
    tags: tags.optional(),
    deadlines: z.array(DeadlineBody).max(50).optional(),
    assigneeId: z.uuid().nullable().optional(),
    spocId: z.uuid().nullable().optional(),
    priorityEmail: z.boolean().optional(),
    customerContactedAgain: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

/** What an outside tool may set on a ticket (the error sheet: dev request, fix version, its status, a note). */
export const ExternalTicketFieldsBody = z
  .strictObject({
    devRequestReference: text(200).nullable().optional(),
    fixVersion: text(100).nullable().optional(),
    externalStatus: text(100).nullable().optional(),
    externalNote: text(5000).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const StatusBody = z.strictObject({ status: z.enum(TICKET_STATUSES), reason: text(2000).optional() });

export const EscalateBody = z.strictObject({
  toUnit: z.string().trim().min(1).max(40),
  reason: text(5000),
  assigneeId: z.uuid().nullable().default(null),
});

export const EntryBody = z.strictObject({
  kind: z.enum(ENTRY_KINDS.filter((k) => k !== 'event') as ['public', 'internal']),
  body: text(100_000),
  attachments: z.array(AttachmentBody).max(20).default([]),
  /** The agent's explicit mark that a public reply asks for sensitive data; detection covers the rest. */
  sensitiveData: z.array(z.enum(SENSITIVE_DATA_KINDS)).max(SENSITIVE_DATA_KINDS.length).default([]),
});

export const AnalysisBody = z.strictObject({
  summary: text(20_000),
  cause: text(20_000).nullable().default(null),
  solution: text(20_000).nullable().default(null),
  customerContacted: z.boolean().default(false),
  cancellationReason: text(2000).nullable().default(null),
});

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((value) =>
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(20));

export const ListTicketsQuery = z.strictObject({
  status: csv(z.enum(TICKET_STATUSES)).optional(),
  unitKey: csv(z.string().max(40)).optional(),
  assigneeId: z.uuid().optional(),
  spocId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  tag: tag.optional(),
  category: categoryKey.optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  createdFrom: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  createdTo: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  q: z.string().trim().min(1).max(500).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor returned by a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type CreateTicketInput = z.infer<typeof CreateTicketBody>;
export type UpdateTicketInput = z.infer<typeof UpdateTicketBody>;
export type ExternalTicketFields = z.infer<typeof ExternalTicketFieldsBody>;
/** Callers inside the core (the queue, the core port) may leave the sensitive-data mark out. */
/** `fromCustomer`: a public entry that is the customer's message (an inbound connector's), not our reply. */
/** `message`: a connector's own line, of the history catalogue; `body` then holds its pt-BR rendering. */
export type EntryInput = Omit<z.infer<typeof EntryBody>, 'sensitiveData'> &
  Partial<Pick<z.infer<typeof EntryBody>, 'sensitiveData'>> & { fromCustomer?: boolean; message?: HistoryMessage };
export type AnalysisInput = z.infer<typeof AnalysisBody>;
export type ListTicketsInput = z.infer<typeof ListTicketsQuery>;
