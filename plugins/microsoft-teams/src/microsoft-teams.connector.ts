import { CONNECTOR_CONTRACT_VERSION, defineConnector, type ConnectorContext } from '@escala/connector-kit';
import { activityFeedTransport } from './activity-feed-transport.js';
import { composeMessage, reminderMessage, TEAMS_EVENT_TYPES } from './alert-cards.js';
import {
  acknowledgementsFrom,
  reminderDue,
  saveTracked,
  track,
  trackedAnnouncements,
} from './announcement-tracking.js';
import { continueSignIn, startSignIn } from './device-code-sign-in.js';
import { appOnlyToken, delegatedToken } from './entra-tokens.js';
import { GraphApi } from './graph-api.js';
import { graphTransport } from './graph-transport.js';
import { microsoftTeamsConfigSchema, type MicrosoftTeamsConfig } from './microsoft-teams.config.js';
import { membersInTeams, supervisorsOf } from './recipients.js';
import { translateTeamsError } from './teams-errors.js';
import type { Transport } from './transport.js';
import { workflowsTransport } from './workflows-transport.js';

type Context = ConnectorContext<MicrosoftTeamsConfig>;

function callSignal({ config, signal }: Context): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]);
}

/** The channel's transport, with the tokens its auth setting gives. */
export function transportOf(context: Context): Transport {
  const { config, port } = context;
  const signal = callSignal(context);
  if (config.transport === 'workflows-webhook') return workflowsTransport(config.workflowUrl!, signal);
  const token =
    config.auth === 'app-only'
      ? (force: boolean) => appOnlyToken(config, force)
      : (force: boolean) => delegatedToken(config, port, force);
  const api = new GraphApi(config, token, signal);
  return config.transport === 'graph'
    ? graphTransport(api, config.target!, config.auth)
    : activityFeedTransport(api, () => token(false));
}

/** Sends the reminder to the members who have not acknowledged, @mentioning those Teams knows. */
async function remind(
  context: Context,
  announcementId: string,
  title: string,
  pending: Array<{ userId: string; name: string }>,
) {
  const message = reminderMessage(
    context.config.locale,
    title,
    pending.map((member) => member.name),
  );
  const mentions = await membersInTeams(context.port, pending);
  // Attempt 2: look for an earlier reminder before posting, in case a failed poll had sent it.
  return transportOf(context).send({ message, mentions, idempotencyKey: `reminder:${announcementId}`, attempt: 2 });
}

export const microsoftTeamsConnector = defineConnector({
  key: 'microsoft-teams',
  displayName: 'Microsoft Teams',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: microsoftTeamsConfigSchema,
  consumes: TEAMS_EVENT_TYPES,

  async deliver(context, { event, idempotencyKey, attempt }) {
    const { config, port } = context;
    if (event.type === 'announcement.reminder_requested') {
      const { title, pending } = event.payload;
      const members = pending.map((member) => ({ userId: member.userId, name: member.displayName }));
      const message = reminderMessage(
        config.locale,
        title,
        members.map((member) => member.name),
      );
      const sent = await transportOf(context).send({
        message,
        mentions: await membersInTeams(port, members),
        idempotencyKey,
        attempt,
      });
      return { externalId: sent.messageId };
    }
    const message = composeMessage(event, { locale: config.locale, timeZone: config.timeZone });
    if (!message) return {};
    const transport = transportOf(context);
    const sent = await transport.send({
      message,
      mentions: await supervisorsOf(port, config, message.unitKey),
      idempotencyKey,
      attempt,
    });
    if (event.type === 'announcement.published' && sent.messageId && transport.capabilities.readsReactions)
      await track(port, event, sent.messageId, new Date());
    return { externalId: sent.messageId };
  },

  poll: {
    intervalSeconds: 120,
    async poll(context, cursor) {
      const transport = transportOf(context);
      if (!transport.reactions) return { changes: [], cursor };
      const now = new Date();
      const tracked = (await trackedAnnouncements(context.port)).filter(
        (item) => Date.parse(item.until) > now.getTime(),
      );
      const changes = [];
      for (const announcement of tracked) {
        changes.push(
          ...(await acknowledgementsFrom(
            context.port,
            announcement,
            await transport.reactions(announcement.messageId),
          )),
        );
        const pending = reminderDue(announcement, context.config.reminderAfterHours, now);
        if (pending.length > 0) {
          await remind(context, announcement.announcementId, announcement.title, pending);
          announcement.remindedAt = now.toISOString();
        }
      }
      await saveTracked(context.port, tracked);
      return { changes, cursor };
    },
  },

  /** Keeps the service account's refresh token alive (and finishes a device-code sign-in a person completed). */
  maintenance: {
    intervalSeconds: 15 * 60,
    async run(context) {
      if (context.config.transport === 'workflows-webhook' || context.config.auth !== 'delegated') return;
      const progress = await continueSignIn(context.config, context.port, callSignal(context));
      if (progress.status === 'not-started') await delegatedToken(context.config, context.port, true);
    },
  },

  actions: {
    'sign-in': {
      description: 'Starts the device-code sign-in of the service account: answers the code and the page to enter it',
      run: async (context) => ({ ...(await startSignIn(context.config, context.port, callSignal(context))) }),
    },
    'sign-in-status': {
      description:
        'Finishes the sign-in once the person entered the code: answers signed-in, waiting-for-person, expired or declined',
      run: async (context) => ({ ...(await continueSignIn(context.config, context.port, callSignal(context))) }),
    },
  },

  /** "Test connection": reports, never throws; the detail names the transport's capabilities. */
  async health(context) {
    const transport = transportOf(context);
    const can = Object.entries(transport.capabilities)
      .filter(([, yes]) => yes)
      .map(([name]) => name)
      .join(', ');
    try {
      const report = await transport.health();
      return { ...report, detail: `${report.detail} (${context.config.transport}: ${can || 'text only'})` };
    } catch (error) {
      const translated = translateTeamsError(error);
      return { status: translated.kind === 'rate_limited' ? 'degraded' : 'unhealthy', detail: translated.message };
    }
  },

  translateError: translateTeamsError,
});
