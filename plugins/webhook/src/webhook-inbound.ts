import { ConnectorError, type CorePort, type ExternalReference, type InboundChange } from '@escala/connector-kit';
import { z } from 'zod';

/** The system name of the references a webhook sender gives its tickets. */
export const WEBHOOK_SYSTEM = 'webhook';

// Shapes only: lengths, categories and customers are the core's to judge, with the API's rules.
const Text = z.string();
const delivery = {
  /** The sender's id of this delivery: a delivery sent again with the same id is applied once. */
  id: z.string().trim().min(1).max(200),
  /** The sender's id of the ticket this is about. */
  reference: z.string().trim().min(1).max(500),
};

export const InboundDelivery = z.discriminatedUnion('type', [
  z.strictObject({
    ...delivery,
    type: z.literal('ticket.create'),
    ticket: z.strictObject({
      subject: Text,
      body: Text,
      customerId: Text.optional(),
      requester: z.strictObject({ name: Text.optional(), email: Text.optional() }).optional(),
      category: Text.optional(),
      channel: z.enum(['phone', 'email', 'portal', 'web']).optional(),
      priority: z.boolean().optional(),
    }),
  }),
  z.strictObject({
    ...delivery,
    type: z.literal('ticket.entry'),
    entry: z.strictObject({ visibility: z.enum(['public', 'internal']), body: Text, id: Text.optional() }),
  }),
  z.strictObject({
    ...delivery,
    type: z.literal('ticket.fields'),
    fields: z.strictObject({
      devRequestReference: Text.nullable().optional(),
      fixVersion: Text.nullable().optional(),
      externalStatus: Text.nullable().optional(),
      note: Text.nullable().optional(),
    }),
  }),
]);

export type InboundDelivery = z.infer<typeof InboundDelivery>;

async function linkedTicket(port: CorePort, reference: ExternalReference) {
  const ticket = await port.findTicketByExternalReference(reference);
  if (!ticket) throw ConnectorError.notFound(`no ticket is linked to the reference ${reference.id}`);
  return ticket;
}

async function apply(delivery: InboundDelivery, port: CorePort): Promise<void> {
  const reference = { system: WEBHOOK_SYSTEM, id: delivery.reference };
  switch (delivery.type) {
    case 'ticket.create':
      await port.createTicket({ ...delivery.ticket, externalReference: reference });
      return;
    case 'ticket.entry': {
      const { id, visibility, body } = delivery.entry;
      const ticket = await linkedTicket(port, reference);
      // A public entry from the outside tool is the customer's message there (a portal post), never our reply.
      await port.addEntry(ticket.id, {
        direction: visibility === 'public' ? 'from_customer' : 'internal',
        body,
        ...(id ? { externalReference: { system: WEBHOOK_SYSTEM, id } } : {}),
      });
      return;
    }
    case 'ticket.fields':
      await port.updateTicketFields((await linkedTicket(port, reference)).id, delivery.fields);
  }
}

/** Reads one delivery (one change) from a request body; a body it cannot read is a permanent error naming why. */
export function inboundChanges(rawBody: string): InboundChange[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw ConnectorError.permanent('the body is not JSON');
  }
  const result = InboundDelivery.safeParse(json);
  if (!result.success) {
    throw ConnectorError.permanent(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '),
    );
  }
  const parsed = result.data;
  return [{ key: parsed.id, apply: (port) => apply(parsed, port) }];
}
