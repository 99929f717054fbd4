import type { HealthReport } from '@escala/connector-kit';
import type { TeamsMessage } from './alert-cards.js';

/** What a transport can do; the connector decides with these, never by the transport's name. */
export interface TransportCapabilities {
  cards: boolean;
  mentions: boolean;
  returnsMessageId: boolean;
  readsReactions: boolean;
}

/** A supervisor or member to call on, by Entra object id, with the name Escala knows them by. */
export interface Recipient {
  entraId: string;
  name: string;
}

export interface Reaction {
  entraId: string;
  reactionType: string;
  at: string;
}

export interface SendRequest {
  message: TeamsMessage;
  mentions: Recipient[];
  idempotencyKey: string;
  attempt: number;
}

export interface Transport {
  /** Resolves to a report; may throw, and the connector's health turns the failure into one. */
  capabilities: TransportCapabilities;
  send(request: SendRequest): Promise<{ messageId?: string }>;
  health(): Promise<HealthReport & { detail: string }>;
  /** Who reacted to a message this transport posted; only when `capabilities.readsReactions`. */
  reactions?(messageId: string): Promise<Reaction[]>;
}

/** A name safe between `<at>` tags (and in mentionText, which must match the tag's text). */
export function mentionName(name: string): string {
  return name.replace(/[<>&"]/g, '').trim() || '?';
}
