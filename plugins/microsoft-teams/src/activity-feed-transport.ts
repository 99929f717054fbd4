import { GraphError } from '@microsoft/microsoft-graph-client';
import { ConnectorError } from '@escala/connector-kit';
import type { GraphApi } from './graph-api.js';
import type { SendRequest, Transport } from './transport.js';

/** Graph's limit on the preview line of an activity notification. */
const PREVIEW_MAX = 150;

/**
 * A Teams activity-feed notification straight to each supervisor (app-only, `TeamsActivity.Send`):
 * text and a deep link, no card, no message id. Needs the organisation's Teams app installed for
 * each recipient. A notification cannot be looked up afterwards, so a failure after Graph accepted
 * one recipient's may notify that person again on the next attempt.
 */
export function activityFeedTransport(api: GraphApi, token: () => Promise<string>): Transport {
  return {
    capabilities: { cards: false, mentions: false, returnsMessageId: false, readsReactions: false },

    async send({ message, mentions }: SendRequest) {
      if (!message.url)
        throw ConnectorError.invalidConfiguration(
          'The activity-feed transport notifies supervisors about tickets; announcements need the graph or workflows-webhook transport',
        );
      if (mentions.length === 0)
        throw ConnectorError.invalidConfiguration(
          `No active supervisor with a linked Entra identity is configured for unit ${message.unitKey}: nobody to notify`,
        );
      for (const recipient of mentions) {
        await api
          .post(`/users/${encodeURIComponent(recipient.entraId)}/teamwork/sendActivityNotification`, {
            topic: { source: 'text', value: message.title, webUrl: message.url },
            activityType: 'systemDefault',
            previewText: { content: message.title.slice(0, PREVIEW_MAX) },
            templateParameters: [{ name: 'systemDefaultText', value: message.title }],
          })
          .catch((error: unknown) => {
            if (error instanceof GraphError && /expected Teams app is installed/i.test(error.message))
              throw ConnectorError.invalidConfiguration(
                `The organisation's Teams app is not installed for ${recipient.name} (${recipient.entraId}): install it for them, or use another transport`,
              );
            throw error;
          });
      }
      return {};
    },

    async health() {
      // A token proves the app's credentials; Graph has no dry run for a notification.
      await token();
      return {
        status: 'healthy',
        detail: 'app-only credentials accepted; notifications need the Teams app installed for each supervisor',
      };
    },
  };
}
