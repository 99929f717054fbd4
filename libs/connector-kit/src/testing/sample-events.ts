import { randomUUID } from 'node:crypto';
import type { ConnectorEvent } from '../connector-event.js';
import type { EventPayload, EventType } from '../events/event-catalogue.js';
import type { TicketSummary } from '../events/ticket-summary.js';

const TICKET_ID = '6f1c1d3e-8a4b-4c41-9d0e-2b7f5a9c1e01';
const USER_ID = '0b8e6c2a-3d1f-4e5a-8b9c-7d6e5f4a3b21';
const at = '2026-12-03T13:00:00.000Z';

/** A ticket as the events carry it: N1 stage 1, URGENTE, assigned, one clock running. */
export const SAMPLE_TICKET: TicketSummary = {
  id: TICKET_ID,
  number: 1234,
  subject: 'Busca NF-e parada',
  status: 'in_analysis',
  unit: { key: 'N1-E1', tier: 'N1', stage: 1 },
  category: 'nfe',
  tags: ['URGENTE'],
  customer: { id: '9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d', name: 'Mercado Bom Preço' },
  contact: { name: 'Carla Souza', email: 'carla@bompreco.example' },
  assignee: { id: USER_ID, name: 'Ana Lima', email: 'ana@escala.example' },
  slaClocks: [{ kind: 'analysis', unit: 'N1-E1', dueAt: '2026-12-03T14:00:00.000Z' }],
  url: `http://127.0.0.1:3000/tickets/${TICKET_ID}`,
};

const ticket = { ticketId: TICKET_ID, number: 1234, ticket: SAMPLE_TICKET };
const request = { requestId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99' };
const clock = {
  unitKey: 'N1-E1',
  clock: 'analysis' as const,
  clockId: '1:N1-E1:analysis',
  targetHours: 1,
  dueAt: '2026-12-03T14:00:00.000Z',
  blamedUnit: 'N1-E1',
  currentUnit: 'N1-E1',
};
const member = { userId: USER_ID, login: 'ana', displayName: 'Ana Lima', email: 'ana@escala.example' };
const actor = { userId: USER_ID, displayName: 'Ana Lima' };

/** One realistic payload of every type of the catalogue (each is checked against its schema). */
export const SAMPLE_PAYLOADS: { [T in EventType]: EventPayload<T> } = {
  'ticket.created': {
    ...ticket,
    unitKey: 'N1-E1',
    category: 'nfe',
    channel: 'email',
    customerId: SAMPLE_TICKET.customer.id,
    structureVersion: 1,
    subject: SAMPLE_TICKET.subject,
    tags: [],
  },
  'ticket.escalated': { ...ticket, fromUnit: 'N1-E1', toUnit: 'N2', reason: 'Falha no webservice', spocId: USER_ID },
  'ticket.status_changed': { ...ticket, from: 'new', to: 'in_analysis' },
  'ticket.assigned': { ...ticket, assigneeId: USER_ID, previousAssigneeId: null },
  'ticket.updated': { ...ticket, changed: ['tags'] },
  'ticket.urgent': {
    ...ticket,
    declaration: {
      serviceCode: 'busca-nfe',
      serviceLabel: 'Busca NF-e',
      urgency: 'Loja parada sem emitir notas',
      declaredBy: 'Ana Lima',
      declaredAt: at,
      leaderAlert: 'URGENTE #1234: Busca NF-e inoperante — loja parada sem emitir notas',
    },
  },
  'ticket.reply_sent': {
    ...ticket,
    entryId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    author: { id: USER_ID, name: 'Ana Lima', email: 'ana@escala.example' },
    text: 'Olá Carla,\n\nO serviço voltou.',
    html: '<p>Olá Carla,</p>\n<p>O serviço voltou.</p>',
    recipients: { to: ['carla@bompreco.example'], cc: [] },
    attachments: [],
    references: [{ system: 'email', id: '<CAF1x@mail.bompreco.example>' }],
  },
  'ticket.customer_wrote': {
    ...ticket,
    entryId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
    text: 'Continua fora do ar.',
    attachments: [{ name: 'print.png', contentType: 'image/png', sizeBytes: 2048, url: null }],
    externalReference: { system: 'email', id: '<CAF2y@mail.bompreco.example>' },
  },
  'ticket.note_added': { ...ticket, entryId: '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e', authorId: USER_ID },
  'ticket.partner_product_marked': { ...ticket, partnerName: 'Parceira SA', productName: 'Ponto' },
  'ticket.priority_requested': { ...ticket, ...request, kind: 'ticket-priority', unitKey: 'N1-E1' },
  'ticket.priority_approved': { ...ticket, ...request, kind: 'ticket-priority', devRequestRef: null },
  'ticket.priority_declined': { ...ticket, ...request, kind: 'dev-request-prioritisation', devRequestRef: 'DEV-77' },
  'sla.warning': { ...ticket, ...clock, fraction: 0.8, timer: { kind: 'sla:1:N1-E1:analysis:warning:0.8', dueAt: at } },
  'sla.breached': { ...ticket, ...clock, timer: { kind: 'sla:1:N1-E1:analysis:breached', dueAt: at } },
  'third_party.resend_due': {
    ...ticket,
    thirdPartyName: 'Prefeitura',
    timer: { kind: 'third-party.resend@x', dueAt: at },
  },
  'third_party.report_due': {
    ...ticket,
    thirdPartyName: 'Prefeitura',
    timer: { kind: 'third-party.report@x', dueAt: at },
  },
  'third_party.resend_recorded': {
    ...ticket,
    thirdPartyName: 'Prefeitura',
    means: 'email',
    to: 'iss@prefeitura.example',
    text: 'Reenviamos a solicitação.',
  },
  'third_party.report_produced': { ...ticket, thirdPartyName: 'Prefeitura', cause: 'no-answer' },
  'error_sheet.requested': { ...ticket, ...request },
  'error_sheet.authorised': {
    ...ticket,
    ...request,
    customer: { id: SAMPLE_TICKET.customer.id, name: SAMPLE_TICKET.customer.name },
    module: 'Fiscal',
    description: 'Nota rejeitada com CFOP válido',
    authorisedBy: actor,
    authorisedAt: at,
  },
  'error_sheet.declined': {
    ...ticket,
    ...request,
    reason: 'Falta o passo a passo para reproduzir',
    declinedBy: actor,
    declinedAt: at,
  },
  'announcement.published': {
    announcementId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    groupId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
    group: 'Avisos Importantes',
    title: 'Manutenção no sábado',
    body: 'O ambiente fica fora das 8h às 10h.',
    locale: 'pt-BR',
    audience: [member],
    publishedBy: actor,
    acknowledgeBy: null,
  },
  'announcement.reminder_requested': {
    announcementId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    groupId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
    group: 'Avisos Importantes',
    title: 'Manutenção no sábado',
    pending: [member],
    requestedBy: actor,
    acknowledgeBy: at,
  },
  'support_structure.changed': { version: 2, preset: 'n1-n5' },
  'suggestion.registered': { suggestionId: 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f', title: 'Atalho para notas' },
  'triage.item_held': {
    itemId: 'f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102',
    channelId: 'a7b8c9d0-e1f2-4a3b-8c4d-6e7f80910213',
    sender: 'fulano@desconhecido.com',
    subject: 'Orçamento',
    receivedAt: at,
  },
  'triage.item_resolved': {
    itemId: 'f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102',
    channelId: 'a7b8c9d0-e1f2-4a3b-8c4d-6e7f80910213',
    resolution: 'unit',
    ticketId: 'b8c9d0e1-f2a3-4b4c-8d5e-7f8091021324',
    by: actor,
  },
  'connector.delivery_dead_lettered': {
    deliveryId: 'd4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f80',
    eventId: 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8091',
    eventType: 'ticket.urgent',
    attempts: 12,
    errorKind: 'temporary',
    error: 'HTTP 503',
    reason: 'attempts exhausted',
  },
  'connector.channel_unhealthy': {
    channelId: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8',
    channel: 'Teams — líderes',
    connector: 'microsoft-teams',
    detail: 'The sign-in of the service account escala@contoso.test expired or was revoked',
    checkedAt: at,
  },
};

const AGGREGATE: Record<string, string> = {
  announcement: 'announcement',
  support_structure: 'support_structure',
  suggestion: 'suggestion',
  connector: 'channel',
};

/** A valid event of the catalogue (`ticket.urgent` unless `type` says otherwise), as a channel receives it. */
export function sampleEvent<T extends EventType = 'ticket.urgent'>(
  overrides: { type?: T } & Partial<Omit<ConnectorEvent<T>, 'type'>> = {},
): ConnectorEvent<T> {
  const type = overrides.type ?? ('ticket.urgent' as T);
  const payload = SAMPLE_PAYLOADS[type];
  const aggregateType = AGGREGATE[type.split('.')[0]!] ?? 'ticket';
  return {
    id: randomUUID(),
    aggregateType,
    aggregateId: 'ticket' in payload ? payload.ticketId : randomUUID(),
    occurredAt: new Date().toISOString(),
    payload,
    ...overrides,
    type,
  } as ConnectorEvent<T>;
}
