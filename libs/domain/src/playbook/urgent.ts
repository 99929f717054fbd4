import { Refusal } from '../refusal/refusal.js';
import type { Localized } from './templates.js';

export interface InoperativeService {
  readonly code: string;
  readonly label: Localized;
  /** Admins retire a service from the catalogue without losing past declarations that name it. */
  readonly active: boolean;
}

/** The services the playbook names (docs/playbook.md §3), as a starting catalogue admins extend. */
export const DEFAULT_INOPERATIVE_SERVICES: readonly InoperativeService[] = [
  {
    code: 'nfe-download-webservice',
    label: { 'pt-BR': 'Download de NF-e (WebService)', en: 'NF-e download (WebService)' },
    active: true,
  },
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

/**
 * docs/playbook.md §3: the ticket gets the tag URGENTE and becomes skip-eligible (queue rule 4.1); `alert`
 * holds the fields the ticket layer adds to its `ticket.urgent` outbox event for the tier's leader.
 */
export interface UrgentDeclaration {
  readonly tag: 'URGENTE';
  readonly skipEligible: true;
  readonly service: InoperativeService;
  readonly alert: {
    readonly serviceCode: string;
    readonly serviceLabel: string;
    readonly urgency: string;
    readonly declaredBy: string;
    readonly declaredAt: string;
  };
}

export function declareUrgent(
  catalogue: readonly InoperativeService[],
  input: UrgentDeclarationInput,
): UrgentDeclaration {
  const service = catalogue.find((candidate) => candidate.code === input.serviceCode);
  if (!service || !service.active)
    throw Refusal.invalid('serviceCode', `"${input.serviceCode}" is not an inoperative-service option`);
  // The alert's sentence brings its own full stop ("Urgência informada: {{urgency}}."): one typed by the agent would double it.
  const urgency = input.urgency.trim().replace(/[\s.…]+$/u, '');
  if (!urgency) throw Refusal.invalid('urgency', "Describe the customer's urgency");
  return {
    tag: 'URGENTE',
    skipEligible: true,
    service,
    alert: {
      serviceCode: service.code,
      serviceLabel: service.label['pt-BR'],
      urgency,
      declaredBy: input.declaredBy,
      declaredAt: input.at.toISOString(),
    },
  };
}
