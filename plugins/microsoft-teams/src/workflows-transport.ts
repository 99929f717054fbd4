import { ConnectorError, expectOk } from '@escala/connector-kit';
import { assertValidCard, type AdaptiveCard } from './adaptive-card-schema.js';
import { mentionName, type Recipient, type SendRequest, type Transport } from './transport.js';

/** Mentions inside the card: Teams' `msteams.entities`, since a Workflows post has no message body. */
function withMentions(card: AdaptiveCard, mentions: Recipient[]): AdaptiveCard {
  if (mentions.length === 0) return card;
  const tags = mentions.map((mention) => `<at>${mentionName(mention.name)}</at>`);
  return {
    ...card,
    body: [...(card.body as unknown[]), { type: 'TextBlock', text: tags.join(' '), wrap: true }],
    msteams: {
      entities: mentions.map((mention, index) => ({
        type: 'mention',
        text: tags[index],
        mentioned: { id: mention.entraId, name: mention.name },
      })),
    },
  };
}

/**
 * A Teams Workflows flow ("when a Teams webhook request is received"): no Graph permission at all,
 * the URL is the credential. It answers 202 with no message id, so a post cannot be looked up: a
 * 5xx after the flow accepted the post may post again on the next attempt (the only transport
 * where that can happen); reactions cannot be read.
 */
export function workflowsTransport(url: string, signal: AbortSignal): Transport {
  return {
    capabilities: { cards: true, mentions: true, returnsMessageId: false, readsReactions: false },

    async send({ message, mentions }: SendRequest) {
      const card = withMentions(message.card, mentions);
      assertValidCard(card);
      const response = await expectOk(
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
          }),
          signal,
        }),
      );
      await response.body?.cancel();
      return {};
    },

    async health() {
      if (!url.includes('sig='))
        throw ConnectorError.invalidConfiguration(
          'The Workflows URL has no sig parameter: copy the whole URL the flow shows',
        );
      return { status: 'healthy', detail: 'a Workflows URL can only be checked by posting to it' };
    },
  };
}
