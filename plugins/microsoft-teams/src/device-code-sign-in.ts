import { ConnectorError, expectOk, HttpFailure, type ChannelPort } from '@escala/connector-kit';
import { z } from 'zod';
import { authority, DELEGATED_SCOPES, delegatedApp } from './entra-tokens.js';
import type { MicrosoftTeamsConfig } from './microsoft-teams.config.js';

/** The device code of a sign-in an admin started and a person has not finished yet. */
const PENDING_SECRET = 'device-code-pending';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const DeviceCodeAnswer = z.object({
  user_code: z.string(),
  device_code: z.string(),
  verification_uri: z.string(),
  expires_in: z.number(),
  message: z.string(),
});
const Pending = z.object({ deviceCode: z.string(), expiresAt: z.string() });

export interface SignInStarted {
  status: 'waiting-for-person';
  userCode: string;
  verificationUri: string;
  message: string;
  expiresAt: string;
}

export type SignInProgress =
  | { status: 'signed-in'; account: string }
  | { status: 'waiting-for-person' }
  | { status: 'not-started' }
  | { status: 'expired' | 'declined'; detail: string };

function endpoint(config: MicrosoftTeamsConfig, path: string): string {
  return `${authority(config).authority}/oauth2/v2.0/${path}`;
}

async function post(config: MicrosoftTeamsConfig, path: string, form: Record<string, string>, signal: AbortSignal) {
  return fetch(endpoint(config, path), { method: 'POST', body: new URLSearchParams(form), signal });
}

/**
 * Step 1, from the admin API: asks Entra ID for a device code and keeps it sealed. The admin gives
 * the code to the person who owns the service account, who enters it at the verification page.
 * Split in two steps (MSAL's device-code call holds one request open until the person finishes),
 * so no HTTP request of ours waits on a person and any instance can finish the sign-in.
 */
export async function startSignIn(
  config: MicrosoftTeamsConfig,
  port: ChannelPort,
  signal: AbortSignal,
): Promise<SignInStarted> {
  const response = await expectOk(
    await post(
      config,
      'devicecode',
      { client_id: config.clientId!, scope: [...DELEGATED_SCOPES, 'offline_access'].join(' ') },
      signal,
    ),
  );
  const answer = DeviceCodeAnswer.parse(await response.json());
  const expiresAt = new Date(Date.now() + answer.expires_in * 1000).toISOString();
  await port.secrets.put(PENDING_SECRET, JSON.stringify({ deviceCode: answer.device_code, expiresAt }));
  return {
    status: 'waiting-for-person',
    userCode: answer.user_code,
    verificationUri: answer.verification_uri,
    message: answer.message,
    expiresAt,
  };
}

/**
 * Step 2 (the admin asks again, and the maintenance task checks too): once the person signed in,
 * the tokens go into MSAL's cache — sealed as a channel secret — and from then on every call
 * refreshes silently.
 */
export async function continueSignIn(
  config: MicrosoftTeamsConfig,
  port: ChannelPort,
  signal: AbortSignal,
): Promise<SignInProgress> {
  const stored = await port.secrets.get(PENDING_SECRET);
  if (!stored) return { status: 'not-started' };
  const pending = Pending.parse(JSON.parse(stored));
  const response = await post(
    config,
    'token',
    { grant_type: DEVICE_CODE_GRANT, client_id: config.clientId!, device_code: pending.deviceCode },
    signal,
  );
  if (!response.ok) {
    const failure = await HttpFailure.from(response);
    const { error, error_description: description } = (failure.json() ?? {}) as {
      error?: string;
      error_description?: string;
    };
    if (error === 'authorization_pending' || error === 'slow_down') return { status: 'waiting-for-person' };
    if (error === 'expired_token' || error === 'authorization_declined' || error === 'invalid_grant') {
      await port.secrets.put(PENDING_SECRET, null);
      return { status: error === 'authorization_declined' ? 'declined' : 'expired', detail: description ?? error };
    }
    throw failure;
  }
  const { refresh_token: refreshToken } = z.object({ refresh_token: z.string() }).parse(await response.json());
  const result = await delegatedApp(config, port).acquireTokenByRefreshToken({
    refreshToken,
    scopes: DELEGATED_SCOPES,
    // MSAL caches a refresh-token result only when told to: this is how the sign-in enters its cache.
    forceCache: true,
  });
  if (!result?.account)
    throw ConnectorError.authentication('Entra ID returned no account for the signed-in service account');
  await port.secrets.put(PENDING_SECRET, null);
  return { status: 'signed-in', account: result.account.username };
}
