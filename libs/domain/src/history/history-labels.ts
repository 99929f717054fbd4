import type { Localized } from '../playbook/templates.js';
import type { MediationStatus } from '../playbook/third-party-mediation.js';
import type { PriorityRequestKind } from '../playbook/priority.js';
import type { SkipReason } from '../queue/queue-policy.js';
import type { TicketStatus } from '../tickets/ticket-status.js';

/**
 * What a person reads for each code a history line may carry: a line shows "Em análise", never
 * `in_analysis` (docs/decisions/0007-history-language.md). The status names match the console's.
 */
export const TICKET_STATUS_LABEL: Readonly<Record<TicketStatus, Localized>> = {
  new: { 'pt-BR': 'Novo', en: 'New' },
  in_analysis: { 'pt-BR': 'Em análise', en: 'In analysis' },
  waiting_customer: { 'pt-BR': 'Aguardando cliente', en: 'Waiting for customer' },
  waiting_third_party: { 'pt-BR': 'Aguardando terceiro', en: 'Waiting for third party' },
  waiting_development: { 'pt-BR': 'Aguardando desenvolvimento', en: 'Waiting for development' },
  resolved: { 'pt-BR': 'Resolvido', en: 'Resolved' },
  closed: { 'pt-BR': 'Encerrado', en: 'Closed' },
};

/** Why a ticket was taken ahead of older ones. */
export const SKIP_REASON_LABEL: Readonly<Record<SkipReason, Localized>> = {
  urgent: { 'pt-BR': 'urgência', en: 'urgency' },
  'leader-priority': { 'pt-BR': 'prioridade marcada pelo líder', en: "the leader's priority mark" },
  'customer-contacted-again': { 'pt-BR': 'cliente entrou em contato novamente', en: 'the customer contacted us again' },
  'priority-email': { 'pt-BR': 'e-mail de prioridade', en: 'a priority e-mail' },
};

export const MEDIATION_STATUS_LABEL: Readonly<Record<MediationStatus, Localized>> = {
  'awaiting-first-contact': { 'pt-BR': 'aguardando o primeiro contato', en: 'awaiting the first contact' },
  'waiting-third-party': { 'pt-BR': 'aguardando o terceiro', en: 'waiting for the third party' },
  refused: { 'pt-BR': 'recusada pelo terceiro', en: 'refused by the third party' },
  reported: { 'pt-BR': 'relatório emitido', en: 'report produced' },
  concluded: { 'pt-BR': 'concluída', en: 'concluded' },
};

export const PRIORITY_KIND_LABEL: Readonly<Record<PriorityRequestKind, Localized>> = {
  'ticket-priority': { 'pt-BR': 'prioridade do atendimento', en: 'ticket priority' },
  'dev-request-prioritisation': { 'pt-BR': 'priorizar SS', en: 'development request prioritisation' },
};

/** The ticket fields an outside tool may change (the error sheet's columns). */
export const TICKET_FIELD_LABEL: Readonly<
  Record<'externalStatus' | 'devRequestReference' | 'fixVersion' | 'note', Localized>
> = {
  externalStatus: { 'pt-BR': 'Status', en: 'Status' },
  devRequestReference: { 'pt-BR': 'SS/Desenvolvimento', en: 'Development request' },
  fixVersion: { 'pt-BR': 'Versão da correção', en: 'Fix version' },
  note: { 'pt-BR': 'Observações', en: 'Notes' },
};
