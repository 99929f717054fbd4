import type { Localized } from './templates.js';

/** How we reached someone: the customer (cancellation contact) or a third party (mediation attempts). */
export const CONTACT_MEANS = [
  'phone',
  'email',
  'whatsapp',
  'teams',
  'portal',
  'video-call',
  'in-person',
  'other',
] as const;
export type ContactMeans = (typeof CONTACT_MEANS)[number];

export const CONTACT_MEANS_LABELS: Readonly<Record<ContactMeans, Localized>> = {
  phone: { 'pt-BR': 'telefone', en: 'phone' },
  email: { 'pt-BR': 'e-mail', en: 'e-mail' },
  whatsapp: { 'pt-BR': 'WhatsApp', en: 'WhatsApp' },
  teams: { 'pt-BR': 'Teams', en: 'Teams' },
  portal: { 'pt-BR': 'portal de atendimento', en: 'support portal' },
  'video-call': { 'pt-BR': 'videochamada', en: 'video call' },
  'in-person': { 'pt-BR': 'presencial', en: 'in person' },
  other: { 'pt-BR': 'outro meio', en: 'other means' },
};

export function isContactMeans(value: unknown): value is ContactMeans {
  return typeof value === 'string' && (CONTACT_MEANS as readonly string[]).includes(value);
}
