import { PlaybookRuleError, type PlaybookEvent } from './playbook-event.js';
import type { Localized } from './templates.js';

/** Seed 002 §3: the tag that marks an inoperative service with an urgent customer. */
export const URGENT_TAG = 'URGENTE';

export interface InoperativeService {
  readonly code: string;
  readonly label: Localized;
  /** Admins retire a service from the catalogue without losing past declarations that name it. */
  readonly active: boolean;
}

/** The services the seed names, as a starting catalogue admins extend. */
export const DEFAULT_INOPERATIVE_SERVICES: readonly InoperativeService[] = [
  { code: 'nfe-download-webservice', label: { 'pt-BR': 'Download de NF-e (WebService)', en: 'NF-e download (WebService)' }, active: true },
  { code: 'busca-nfe', label: { 'pt-BR': 'Busca NF-e', en: 'NF-e search (Busca NF-e)' }, active: true },
  { code: 'nfse-download', label: { 'pt-BR': 'Download de NFS-e', en: 'NFS-e download' }, active: true },
  { code: 'cte-download', label: { 'pt-BR': 'Download de CT-e', en: 'CT-e download' }, active: true },
  { code: 'dominio-web-access', label: { 'pt-BR': 'Acesso ao Domínio WEB', en: 'Domínio WEB access' }, active: true },
];

export interface UrgentDeclarationInput {
  readonly serviceCode: string;
  /** The customer's urgency in the agent's words: what makes this worth skipping the queue for. */
  readonly urgency: string;
  readonly declaredBy: string;
  readonly at: Date;
}

export interface UrgentDeclaration {
  readonly tag: typeof URGENT_TAG;
  /** Queue rule 4.1: a ticket classified urgent may be taken out of oldest-first order. */
  readonly skipEligible: true;
  readonly service: InoperativeService;
  readonly urgency: string;
  readonly declaredBy: string;
  readonly at: Date;
  /** For the tier's leader; the Teams connector delivers it. */
  readonly event: PlaybookEvent;
}

export function declareUrgent(catalogue: readonly InoperativeService[], input: UrgentDeclarationInput): UrgentDeclaration {
  const service = catalogue.find((candidate) => candidate.code === input.serviceCode);
  if (!service || !service.active) throw new PlaybookRuleError('invalid', `"${input.serviceCode}" is not an inoperative-service option`);
  const urgency = input.urgency.trim();
  if (!urgency) throw new PlaybookRuleError('invalid', "Describe the customer's urgency");
  return {
    tag: URGENT_TAG,
    skipEligible: true,
    service,
    urgency,
    declaredBy: input.declaredBy,
    at: input.at,
    event: {
      type: 'ticket.urgent',
      payload: { serviceCode: service.code, serviceLabel: service.label['pt-BR'], urgency, declaredBy: input.declaredBy },
      occurredAt: input.at,
    },
  };
}
