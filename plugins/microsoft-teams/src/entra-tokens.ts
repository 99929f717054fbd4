import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type ICachePlugin,
  type TokenCacheContext,
} from '@azure/msal-node';
import { ConnectorError, type ChannelPort } from '@escala/connector-kit';
import type { MicrosoftTeamsConfig } from './microsoft-teams.config.js';

/** What the service account is allowed to do: post, and read messages back (reactions). */
export const DELEGATED_SCOPES = [
  'ChannelMessage.Send',
  'ChatMessage.Send',
  'ChannelMessage.Read.All',
  'Chat.ReadWrite',
];
/** The MSAL token cache (refresh token included), sealed by the core as a channel secret. */
export const TOKEN_CACHE_SECRET = 'delegated-token-cache';

/** Graph national clouds name their own resource; any other host (a proxy, an emulator) fronts the global one. */
const CLOUD_RESOURCES = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
];

export function graphResource(config: MicrosoftTeamsConfig): string {
  const host = new URL(config.graphBaseUrl).hostname;
  return `https://${CLOUD_RESOURCES.includes(host) ? host : 'graph.microsoft.com'}`;
}

export function authority(config: MicrosoftTeamsConfig): { authority: string; knownAuthorities: string[] } {
  const host = new URL(config.authorityHost);
  // Naming the host as known skips MSAL's instance discovery, which only knows Microsoft's own hosts.
  return { authority: `${host.origin}/${config.tenantId}`, knownAuthorities: [host.host] };
}

/** Client-credentials tokens (activity feed, reading messages); MSAL keeps them in memory until they expire. */
const confidentialApps = new Map<string, ConfidentialClientApplication>();

export async function appOnlyToken(config: MicrosoftTeamsConfig, forceRefresh = false): Promise<string> {
  const key = JSON.stringify([config.authorityHost, config.tenantId, config.clientId, config.clientSecret]);
  let app = confidentialApps.get(key);
  if (!app) {
    app = new ConfidentialClientApplication({
      auth: { clientId: config.clientId!, clientSecret: config.clientSecret!, ...authority(config) },
    });
    confidentialApps.set(key, app);
  }
  const result = await app.acquireTokenByClientCredential({
    scopes: [`${graphResource(config)}/.default`],
    skipCache: forceRefresh,
  });
  if (!result) throw ConnectorError.authentication('Entra ID returned no token for the client credentials');
  return result.accessToken;
}

/** MSAL's cache kept in the channel's sealed secrets: read before each use, written when it changed. */
function sealedCache(port: ChannelPort): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      const stored = await port.secrets.get(TOKEN_CACHE_SECRET);
      if (stored) context.tokenCache.deserialize(stored);
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (context.cacheHasChanged) await port.secrets.put(TOKEN_CACHE_SECRET, context.tokenCache.serialize());
    },
  };
}

export function delegatedApp(config: MicrosoftTeamsConfig, port: ChannelPort): PublicClientApplication {
  return new PublicClientApplication({
    auth: { clientId: config.clientId!, ...authority(config) },
    cache: { cachePlugin: sealedCache(port) },
  });
}

/** The service account's token, refreshed silently; a dead grant is an authentication error a person must fix. */
export async function delegatedToken(
  config: MicrosoftTeamsConfig,
  port: ChannelPort,
  forceRefresh = false,
): Promise<string> {
  const app = delegatedApp(config, port);
  const [account] = await app.getTokenCache().getAllAccounts();
  if (!account)
    throw ConnectorError.invalidConfiguration(
      'No service account is signed in: start the device-code sign-in (POST /channels/{id}/actions/sign-in) and complete it',
    );
  try {
    const result = await app.acquireTokenSilent({ account, scopes: DELEGATED_SCOPES, forceRefresh });
    return result.accessToken;
  } catch (error) {
    if (!grantIsDead(error)) throw error;
    throw ConnectorError.authentication(
      `The sign-in of the service account ${account.username} expired or was revoked (${errorCode(error)}): sign in again by device code (POST /channels/{id}/actions/sign-in)`,
    );
  }
}

/** A refresh token refused for good: revoked (password reset), expired, or blocked by Conditional Access. */
function grantIsDead(error: unknown): boolean {
  return (
    error instanceof InteractionRequiredAuthError ||
    (error instanceof AuthError && /invalid_grant|interaction_required/.test(error.errorCode))
  );
}

function errorCode(error: unknown): string {
  const { errorCode: code, subError } = (error ?? {}) as { errorCode?: string; subError?: string };
  return [code, subError].filter(Boolean).join('/') || (error instanceof Error ? error.message : String(error));
}
