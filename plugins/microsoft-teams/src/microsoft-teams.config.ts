import { secret } from '@escala/connector-kit';
import { z } from 'zod';

const Guid = z.uuid({ error: 'must be a GUID (an Entra object or application id)' });
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https URL' });

/** Where Graph messages go: a team's channel, or a chat (a group chat of the leaders). */
export const TeamsTarget = z.union([
  z.strictObject({ teamId: z.string().min(1), channelId: z.string().min(1) }),
  z.strictObject({ chatId: z.string().min(1) }),
]);
export type TeamsTarget = z.output<typeof TeamsTarget>;

/**
 * `graph`: channel or chat messages through Microsoft Graph; `activity-feed`: a Teams activity
 * notification straight to each supervisor (app-only); `workflows-webhook`: a Teams Workflows
 * (Power Automate) "when a webhook request is received" flow.
 */
export const TRANSPORTS = ['graph', 'activity-feed', 'workflows-webhook'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

/** What an admin fills in for one channel of this connector. `secret()` fields are stored encrypted. */
export const microsoftTeamsConfigSchema = z
  .strictObject({
    transport: z.enum(TRANSPORTS).describe('How messages reach Teams; see docs/microsoft-teams.md'),
    /**
     * `delegated`: a service-account user signed in once by device code (the only way Graph lets an
     * application post channel and chat messages); `app-only`: client credentials (activity feed).
     */
    auth: z.enum(['delegated', 'app-only']).default('delegated').describe('How Escala obtains Graph tokens'),
    tenantId: z.string().min(1).optional().describe('Entra tenant id or domain'),
    clientId: Guid.optional().describe('Application (client) id of the app registration'),
    clientSecret: secret(z.string().min(8, 'must be at least 8 characters'))
      .optional()
      .describe('Client secret (app-only)'),
    target: TeamsTarget.optional().describe('The channel or chat messages are posted to (graph transport)'),
    workflowUrl: secret(httpsUrl)
      .optional()
      .describe('The Workflows trigger URL (it carries its own signature: treat it as a password)'),
    /** Unit key → Entra object ids of its supervisors: mentioned on cards, notified on the activity feed. */
    supervisors: z.record(z.string().min(1), z.array(Guid).max(20)).default({}).describe('Supervisors per unit'),
    locale: z.enum(['pt-BR', 'en']).default('pt-BR').describe('Language of cards and messages'),
    timeZone: z
      .string()
      .refine(
        (zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC',
        'must be an IANA time zone',
      )
      .default('America/Sao_Paulo')
      .describe('Time zone of the dates on cards'),
    reminderAfterHours: z
      .number()
      .positive()
      .max(24 * 14)
      .default(4)
      .describe('Remind members who have not acknowledged an announcement after this long'),
    graphBaseUrl: httpsUrl.default('https://graph.microsoft.com').describe('Graph endpoint (national clouds)'),
    authorityHost: httpsUrl.default('https://login.microsoftonline.com').describe('Entra authority host'),
    timeoutMs: z.number().int().min(1000).max(120_000).default(20_000).describe('How long one call may take'),
  })
  .superRefine((config, context) => {
    const need = (field: keyof typeof config, why: string) => {
      if (config[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: `required ${why}` });
    };
    if (config.transport === 'workflows-webhook') return need('workflowUrl', 'by the workflows-webhook transport');
    need('tenantId', `by the ${config.transport} transport`);
    need('clientId', `by the ${config.transport} transport`);
    if (config.transport === 'graph') need('target', 'by the graph transport');
    if (config.transport === 'activity-feed' && config.auth !== 'app-only')
      context.addIssue({ code: 'custom', path: ['auth'], message: 'the activity-feed transport signs in app-only' });
    if (config.auth === 'app-only') need('clientSecret', 'for app-only sign-in');
  });

export type MicrosoftTeamsConfig = z.output<typeof microsoftTeamsConfigSchema>;
