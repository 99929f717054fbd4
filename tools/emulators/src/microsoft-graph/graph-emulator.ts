import { EmulatorError } from '../http/emulator-error.js';
import { startEmulatorServer, type EmulatorServer } from '../http/emulator-server.js';
import { entraRoutes } from './entra-routes.js';
import {
  GraphDirectory,
  type ActivityNotification,
  type ChatMessage,
  type Conversation,
  type GraphApplication,
  type GraphUser,
} from './graph-directory.js';
import { formatMicrosoftError, graphErrors, microsoftFaultError } from './graph-errors.js';
import { graphRoutes } from './graph-routes.js';
import { workflowsRoutes, type WorkflowPost, type WorkflowTrigger } from './workflows-routes.js';
import {
  testCertificateAuthority,
  trustInThisProcess,
  type TestCertificateAuthority,
} from './test-certificate-authority.js';

export const DEFAULT_TENANT_ID = '8f0c2a51-5e3b-4d7a-9c1e-3a2b7d6e4f10';
/** A confidential client with the app-only permissions the connector asks for. */
export const DEFAULT_CONFIDENTIAL_APP: GraphApplication = {
  clientId: '2d4c6e8a-1b3d-4f5a-8c7e-9a0b1c2d3e4f',
  clientSecret: 'emulated-client-secret',
  displayName: 'Escala',
  roles: ['TeamsActivity.Send', 'ChannelMessage.Read.All'],
};
/** A public client for the device-code sign-in of a service account. */
export const DEFAULT_PUBLIC_APP: GraphApplication = {
  clientId: '7e9f1a3b-5c7d-4e9f-a1b3-c5d7e9f1a3b5',
  displayName: 'Escala (service account)',
};

export type ConversationRef = { teamId: string; channelId: string } | { chatId: string };

export interface MicrosoftGraphEmulatorOptions {
  tenantId?: string;
  applications?: GraphApplication[];
  users?: GraphUser[];
  teams?: Array<{ id: string; channels: string[]; members: string[] }>;
  chats?: Array<{ id: string; members: string[] }>;
  /** Workflows (Power Automate) webhook triggers served at `/workflows/{id}/triggers/manual/paths/invoke`. */
  workflows?: WorkflowTrigger[];
  /** Poll interval the device-code flow announces (seconds); 1 keeps tests quick. */
  deviceCodeIntervalSeconds?: number;
  accessTokenLifetimeSeconds?: number;
  /** Trust the test CA in this process (global fetch, node:https, MSAL); default true. */
  trustCa?: boolean;
}

export interface MicrosoftGraphEmulator extends EmulatorServer {
  tenantId: string;
  /** `https://127.0.0.1:PORT` — Graph `baseUrl` and Entra authority host alike. */
  host: string;
  /** `url/tenantId`: the MSAL authority. */
  authority: string;
  ca: TestCertificateAuthority;
  /** A user signs in on microsoft.com/devicelogin with this code (after the client started the flow). */
  approveDeviceCode(userCode: string, userId: string): void;
  declineDeviceCode(userCode: string): void;
  /** User codes of device-code flows waiting for a person. */
  pendingUserCodes(): string[];
  /** From now on the user's refresh tokens fail like after a password reset or a Conditional Access change. */
  breakGrants(userId: string, error: 'invalid_grant' | 'interaction_required'): void;
  restoreGrants(userId: string): void;
  /** Every access token issued so far stops working (401 token expired). */
  expireAccessTokens(): void;
  /** Someone reacts in Teams: `like`, `heart`… from older clients, an emoji (`👍`) from newer ones. */
  addReaction(where: ConversationRef, messageId: string, userId: string, reactionType: string): void;
  messages(where: ConversationRef): ChatMessage[];
  notifications: ActivityNotification[];
  setTeamsAppInstalled(userId: string, installed: boolean): void;
  /** The full secret URL of a workflow trigger, as Teams shows it to the person who made the flow. */
  workflowUrl(workflowId: string): string;
  workflowPosts: WorkflowPost[];
}

/** Starts Microsoft Graph v1.0 + Entra ID over TLS on 127.0.0.1 with a certificate from a test CA. */
export async function startMicrosoftGraphEmulator(
  options: MicrosoftGraphEmulatorOptions = {},
): Promise<MicrosoftGraphEmulator> {
  const directory = new GraphDirectory(options.tenantId ?? DEFAULT_TENANT_ID);
  for (const app of options.applications ?? [DEFAULT_CONFIDENTIAL_APP, DEFAULT_PUBLIC_APP])
    directory.applications.set(app.clientId, app);
  for (const user of options.users ?? []) directory.users.set(user.id, user);
  for (const team of options.teams ?? [])
    for (const channelId of team.channels)
      directory.channels.set(`${team.id}/${channelId}`, { members: team.members, messages: [] });
  for (const chat of options.chats ?? []) directory.chats.set(chat.id, { members: chat.members, messages: [] });

  const triggers = new Map((options.workflows ?? []).map((trigger) => [trigger.id, trigger]));
  const workflowPosts: WorkflowPost[] = [];
  const ca = await testCertificateAuthority();
  if (options.trustCa ?? true) trustInThisProcess(ca.caCert);
  let url = '';
  const server = await startEmulatorServer({
    name: 'Microsoft Graph',
    tls: { key: ca.serverKey, cert: ca.serverCert },
    routes: [
      ...entraRoutes({
        url: () => url,
        directory,
        deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 1,
        accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3599,
      }),
      ...graphRoutes(directory),
      ...workflowsRoutes(triggers, workflowPosts),
    ],
    formatError: formatMicrosoftError,
    unknownRoute: graphErrors.unknownSegment,
    faultError: microsoftFaultError,
  });
  url = server.url;

  const pendingByUserCode = (userCode: string) => {
    const grant = [...directory.deviceCodes.values()].find((candidate) => candidate.userCode === userCode);
    if (!grant) throw new Error(`no device-code sign-in waiting with user code ${userCode}`);
    return grant;
  };
  const conversation = (where: ConversationRef): Conversation => {
    const found =
      'chatId' in where
        ? directory.chats.get(where.chatId)
        : directory.channels.get(`${where.teamId}/${where.channelId}`);
    if (!found) throw new Error(`no such conversation ${JSON.stringify(where)}`);
    return found;
  };

  return {
    ...server,
    tenantId: directory.tenantId,
    host: server.url,
    authority: `${server.url}/${directory.tenantId}`,
    ca,
    approveDeviceCode(userCode, userId) {
      if (!directory.users.has(userId)) throw new Error(`unknown user ${userId}`);
      if (directory.brokenGrants.has(userId))
        throw new EmulatorError(400, `user ${userId} cannot sign in while their grants are broken`);
      pendingByUserCode(userCode).state = { status: 'approved', userId };
    },
    declineDeviceCode(userCode) {
      pendingByUserCode(userCode).state = { status: 'declined' };
    },
    pendingUserCodes: () =>
      [...directory.deviceCodes.values()]
        .filter((grant) => grant.state.status === 'pending')
        .map((grant) => grant.userCode),
    breakGrants(userId, error) {
      directory.brokenGrants.set(userId, error);
    },
    restoreGrants(userId) {
      directory.brokenGrants.delete(userId);
    },
    expireAccessTokens() {
      for (const grant of directory.accessTokens.values()) grant.expiresAt = 0;
    },
    addReaction(where, messageId, userId, reactionType) {
      const message = conversation(where).messages.find((candidate) => candidate.id === messageId);
      if (!message) throw new Error(`no message ${messageId} in ${JSON.stringify(where)}`);
      message.reactions.push({
        reactionType,
        createdDateTime: new Date().toISOString(),
        user: { application: null, device: null, user: { id: userId, displayName: null, userIdentityType: 'aadUser' } },
      });
    },
    messages: (where) => conversation(where).messages,
    notifications: directory.notifications,
    setTeamsAppInstalled(userId, installed) {
      const user = directory.users.get(userId);
      if (!user) throw new Error(`unknown user ${userId}`);
      user.teamsAppInstalled = installed;
    },
    workflowUrl(workflowId) {
      const trigger = triggers.get(workflowId);
      if (!trigger) throw new Error(`no workflow ${workflowId}`);
      return `${server.url}/workflows/${trigger.id}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${trigger.sig}`;
    },
    workflowPosts,
  };
}
