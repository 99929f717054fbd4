import type { Localized } from '../playbook/templates.js';
import {
  MEDIATION_STATUS_LABEL,
  PRIORITY_KIND_LABEL,
  SKIP_REASON_LABEL,
  TICKET_FIELD_LABEL,
  TICKET_STATUS_LABEL,
} from './history-labels.js';

/**
 * How a value of a history line is shown. A code is shown through its labels (so the stored value
 * stays the code and the line reads the reader's language); `text` is someone's words or a name,
 * shown as written; `localized` carries its own wording in every locale; `unit` is a unit of the
 * support structure, shown by the name it had when the line was written.
 */
export const VALUE_LABELS = {
  status: TICKET_STATUS_LABEL,
  'skip-reason': SKIP_REASON_LABEL,
  'mediation-status': MEDIATION_STATUS_LABEL,
  'priority-kind': PRIORITY_KIND_LABEL,
  'ticket-field': TICKET_FIELD_LABEL,
} as const;

type CodeKind = keyof typeof VALUE_LABELS;
export type ValueKind = CodeKind | 'text' | 'number' | 'unit' | 'localized';

export interface ValueTypes {
  text: string;
  number: number;
  unit: { key: string; name: string };
  localized: Localized;
}

type TypeOf<K extends ValueKind> = K extends CodeKind
  ? keyof (typeof VALUE_LABELS)[K] & string
  : K extends keyof ValueTypes
    ? ValueTypes[K]
    : never;

export interface ValueSpec {
  readonly kind: ValueKind;
  /** An optional value's part of the body sits in a Mustache section (`{{#reason}} — {{reason}}{{/reason}}`). */
  readonly optional?: boolean;
}

const required = <K extends ValueKind>(kind: K) => ({ kind }) as const;
const optional = <K extends ValueKind>(kind: K) => ({ kind, optional: true }) as const;

/** One line of the catalogue: its values and its Mustache body in each locale. */
export interface HistoryMessageDefinition {
  readonly values: Readonly<Record<string, ValueSpec>>;
  readonly body: Localized;
}

const STATUS_MOVE_PT = '{{#to}} — situação: {{from}} → {{to}}{{/to}}';
const STATUS_MOVE_EN = '{{#to}} — status: {{from}} → {{to}}{{/to}}';

/**
 * Every line the system writes in a ticket's history. Services and connectors name a key and its
 * values; the body is rendered here, in pt-BR when the line is written and in the reader's
 * language when it is read (docs/decisions/0007-history-language.md).
 */
export const HISTORY_MESSAGES = {
  'ticket.taken': {
    values: { agent: required('text'), from: optional('status'), to: optional('status') },
    body: {
      'pt-BR': `Atendimento assumido por {{agent}} (próximo da fila)${STATUS_MOVE_PT}`,
      en: `Taken by {{agent}} (next in the queue)${STATUS_MOVE_EN}`,
    },
  },
  'ticket.taken-ahead': {
    values: {
      agent: required('text'),
      reason: required('skip-reason'),
      from: optional('status'),
      to: optional('status'),
    },
    body: {
      'pt-BR': `Atendimento assumido antes dos mais antigos por {{agent}} — motivo: {{reason}}${STATUS_MOVE_PT}`,
      en: `Taken ahead of older tickets by {{agent}} — reason: {{reason}}${STATUS_MOVE_EN}`,
    },
  },
  'ticket.status-changed': {
    values: { from: required('status'), to: required('status'), reason: optional('text') },
    body: {
      'pt-BR': 'Situação: {{from}} → {{to}}{{#reason}} — {{reason}}{{/reason}}',
      en: 'Status: {{from}} → {{to}}{{#reason}} — {{reason}}{{/reason}}',
    },
  },
  'ticket.escalated': {
    values: {
      fromUnit: required('unit'),
      toUnit: required('unit'),
      reason: required('text'),
      from: optional('status'),
      to: optional('status'),
    },
    body: {
      'pt-BR': `Escalado de {{fromUnit}} para {{toUnit}}: {{reason}}${STATUS_MOVE_PT}`,
      en: `Escalated from {{fromUnit}} to {{toUnit}}: {{reason}}${STATUS_MOVE_EN}`,
    },
  },
  'partner.support-notified': {
    values: { partner: required('text'), by: required('text'), note: required('text') },
    body: {
      'pt-BR': 'Suporte de {{partner}} notificado por {{by}}: {{note}}',
      en: '{{partner}} support notified by {{by}}: {{note}}',
    },
  },
  'priority.approved': {
    values: { kind: required('priority-kind'), by: required('text') },
    body: {
      'pt-BR': 'Solicitação de prioridade ({{kind}}) aprovada — {{by}}',
      en: 'Priority request ({{kind}}) approved — {{by}}',
    },
  },
  'priority.declined': {
    values: { kind: required('priority-kind'), reason: required('text'), by: required('text') },
    body: {
      'pt-BR': 'Solicitação de prioridade ({{kind}}) recusada: {{reason}} — {{by}}',
      en: 'Priority request ({{kind}}) declined: {{reason}} — {{by}}',
    },
  },
  'mediation.changed': {
    values: { thirdParty: required('text'), status: required('mediation-status') },
    body: {
      'pt-BR': 'Mediação com {{thirdParty}}: {{status}}',
      en: 'Mediation with {{thirdParty}}: {{status}}',
    },
  },
  'mediation.resent': {
    values: { thirdParty: required('text'), to: required('text'), text: required('text') },
    body: {
      'pt-BR': 'Reenvio à {{thirdParty}} ({{to}}) após 24 h sem retorno:\n\n{{text}}',
      en: 'Resent to {{thirdParty}} ({{to}}) after 24 h without an answer:\n\n{{text}}',
    },
  },
  'entitlement.verified': {
    values: { explanation: required('localized') },
    body: { 'pt-BR': 'Direito verificado: {{explanation}}', en: 'Entitlement verified: {{explanation}}' },
  },
  'entitlement.missing': {
    values: { explanation: required('localized') },
    body: { 'pt-BR': 'Sem direito: {{explanation}}', en: 'Not entitled: {{explanation}}' },
  },
  'error-sheet.declined': {
    values: { reason: required('text') },
    body: {
      'pt-BR': 'Inclusão na planilha de correção de erros recusada: {{reason}}',
      en: 'Inclusion in the error-correction sheet declined: {{reason}}',
    },
  },
  'delivery.reply-undelivered': {
    values: { channel: required('text'), error: required('text') },
    body: {
      'pt-BR': 'A resposta pública não foi entregue pelo canal «{{channel}}»: {{error}}',
      en: 'The public reply was not delivered by channel «{{channel}}»: {{error}}',
    },
  },
  'mail.bounced': {
    values: { address: optional('text'), status: optional('text') },
    body: {
      'pt-BR':
        'Devolução de e-mail: a entrega para {{#address}}{{address}}{{/address}}{{^address}}um destinatário{{/address}} falhou ({{#status}}{{status}}{{/status}}{{^status}}sem detalhe{{/status}}). O endereço foi marcado como devolvido.',
      en: 'Mail bounced: delivery to {{#address}}{{address}}{{/address}}{{^address}}a recipient{{/address}} failed ({{#status}}{{status}}{{/status}}{{^status}}no detail{{/status}}). The address was marked as bounced.',
    },
  },
  'mail.automatic-reply': {
    values: { from: optional('text'), automatic: required('text'), text: required('text') },
    body: {
      'pt-BR':
        'Resposta automática recebida de {{#from}}{{from}}{{/from}}{{^from}}remetente desconhecido{{/from}} ({{automatic}}):\n\n{{text}}',
      en: 'Automatic reply received from {{#from}}{{from}}{{/from}}{{^from}}an unknown sender{{/from}} ({{automatic}}):\n\n{{text}}',
    },
  },
  'mail.opening-attachments': {
    values: {},
    body: { 'pt-BR': 'Anexos da mensagem de abertura.', en: 'Attachments of the opening message.' },
  },
  'sheet.conflict': {
    values: {
      tab: required('text'),
      row: required('number'),
      field: required('ticket-field'),
      escala: required('text'),
      sheet: required('text'),
    },
    body: {
      'pt-BR':
        'Conflito na planilha "{{tab}}", linha {{row}}: {{field}} mudou no Escala ("{{escala}}") e na planilha ("{{sheet}}") desde a última sincronização; vale o valor da planilha.',
      en: 'Conflict in sheet "{{tab}}", row {{row}}: {{field}} changed in Escala ("{{escala}}") and in the sheet ("{{sheet}}") since the last sync; the sheet\'s value wins.',
    },
  },
  'sheet.status-refused': {
    values: { tab: required('text'), row: required('number'), status: required('text'), error: required('text') },
    body: {
      'pt-BR':
        'A planilha "{{tab}}", linha {{row}}, marcou Status "{{status}}", mas o chamado não pôde mudar de situação: {{error}}',
      en: 'Sheet "{{tab}}", row {{row}}, set Status "{{status}}", but the ticket could not change status: {{error}}',
    },
  },
  'sheet.row-deleted': {
    values: { number: required('number'), tab: required('text') },
    body: {
      'pt-BR': 'A linha do chamado {{number}} foi apagada da planilha "{{tab}}"; o Escala deixou de sincronizá-la.',
      en: 'The row of ticket {{number}} was deleted from sheet "{{tab}}"; Escala stopped syncing it.',
    },
  },
} as const satisfies Record<string, HistoryMessageDefinition>;

export type HistoryMessageKey = keyof typeof HISTORY_MESSAGES;
export const HISTORY_MESSAGE_KEYS = Object.keys(HISTORY_MESSAGES) as HistoryMessageKey[];

type Specs<K extends HistoryMessageKey> = (typeof HISTORY_MESSAGES)[K]['values'];
type RequiredNames<S> = { [N in keyof S]: S[N] extends { optional: true } ? never : N }[keyof S];
type OptionalNames<S> = Exclude<keyof S, RequiredNames<S>>;
type KindOf<T> = T extends { kind: infer K extends ValueKind } ? K : never;

export type HistoryMessageValues<K extends HistoryMessageKey> = {
  readonly [N in RequiredNames<Specs<K>>]: TypeOf<KindOf<Specs<K>[N]>>;
} & { readonly [N in OptionalNames<Specs<K>>]?: TypeOf<KindOf<Specs<K>[N]>> | null };

/** A line of the catalogue as it is written and stored: its key and the values its body needs. */
export type HistoryMessage = {
  [K in HistoryMessageKey]: { readonly key: K; readonly values: HistoryMessageValues<K> };
}[HistoryMessageKey];
