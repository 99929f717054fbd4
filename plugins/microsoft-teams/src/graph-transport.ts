import { createHash } from 'node:crypto';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ConnectorError } from '@escala/connector-kit';
import { assertValidCard } from './adaptive-card-schema.js';
import { GraphApi, messagesPath, type GraphMessage } from './graph-api.js';
import type { TeamsTarget } from './microsoft-teams.config.js';
import { mentionName, type Reaction, type SendRequest, type Transport } from './transport.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** How far back the check before a repeated post looks: the channel's latest messages. */
const CHECK_DEPTH = 50;

/** The attachment id carries the delivery's idempotency key: the mark a check before a retry looks for. */
export function attachmentIdFor(idempotencyKey: string): string {
  return `escala-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** Did this failure happen after Graph may have stored the message (so a new POST could post twice)? */
function mayHaveLanded(error: unknown): boolean {
  if (error instanceof GraphError) return error.statusCode === 503 || error.statusCode === 504 || error.statusCode <= 0;
  return error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError');
}

export const APP_ONLY_POST_REFUSED =
  'Microsoft Graph does not let an application post channel or chat messages with app-only (client-credentials) tokens, except for data imports: set auth to "delegated" and sign in a service account by device code, or use the workflows-webhook transport';

/** Channel or chat messages posted by the signed-in service account: cards, @mentions, ids, reactions. */
export function graphTransport(api: GraphApi, target: TeamsTarget, auth: 'delegated' | 'app-only'): Transport {
  const path = messagesPath(target);
  const posted = async (attachmentId: string) => {
    const { value } = await api.get<{ value: GraphMessage[] }>(path, CHECK_DEPTH);
    return value.find((message) => message.attachments?.some((attachment) => attachment.id === attachmentId));
  };

  return {
    capabilities: { cards: true, mentions: true, returnsMessageId: true, readsReactions: true },

    async send({ message, mentions, idempotencyKey, attempt }: SendRequest) {
      if (auth === 'app-only') throw ConnectorError.invalidConfiguration(APP_ONLY_POST_REFUSED);
      assertValidCard(message.card);
      const attachmentId = attachmentIdFor(idempotencyKey);
      if (attempt > 1) {
        const earlier = await posted(attachmentId);
        if (earlier) return { messageId: earlier.id };
      }
      const tags = mentions.map((mention, id) => `<at id="${id}">${mentionName(mention.name)}</at>`).join(' ');
      const body = {
        ...('channelId' in target ? { subject: message.title } : {}),
        importance: 'channelId' in target && message.importance === 'urgent' ? 'high' : message.importance,
        body: {
          contentType: 'html',
          content: `${tags}${tags ? '<br>' : ''}<attachment id="${attachmentId}"></attachment>`,
        },
        attachments: [{ id: attachmentId, contentType: ADAPTIVE_CARD, content: JSON.stringify(message.card) }],
        mentions: mentions.map((mention, id) => ({
          id,
          mentionText: mentionName(mention.name),
          mentioned: { user: { id: mention.entraId, displayName: mention.name, userIdentityType: 'aadUser' } },
        })),
      };
      try {
        const created = await api.post<GraphMessage>(path, body);
        return { messageId: created.id };
      } catch (error) {
        if (!mayHaveLanded(error)) throw error;
        const landed = await posted(attachmentId).catch(() => undefined);
        if (landed) return { messageId: landed.id };
        throw error;
      }
    },

    async health() {
      // Reading the target proves the token, the ids and (delegated) the account's membership.
      await api.get(path, 1);
      if (auth === 'app-only') return { status: 'unhealthy', detail: APP_ONLY_POST_REFUSED };
      const me = await api.get<{ userPrincipalName: string }>('/me');
      return { status: 'healthy', detail: `posting as ${me.userPrincipalName}` };
    },

    async reactions(messageId: string): Promise<Reaction[]> {
      const message = await api.get<GraphMessage>(`${path}/${encodeURIComponent(messageId)}`);
      return (message.reactions ?? []).flatMap((reaction) => {
        const entraId = reaction.user?.user?.id;
        return entraId ? [{ entraId, reactionType: reaction.reactionType, at: reaction.createdDateTime }] : [];
      });
    },
  };
}
