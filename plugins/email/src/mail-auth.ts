import { ConnectorError } from '@escala/connector-kit';
import { z } from 'zod';
import type { EmailConfig } from './email.config.js';

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

/**
 * The login for IMAP and SMTP: the password, or an XOAUTH2 access token from the OAuth client
 * credentials flow (Microsoft 365 and Google both take it for IMAP and SMTP). Tokens are fetched per
 * call: a poll or a delivery is one session, and nothing secret is kept in memory between calls.
 */
export async function mailLogin(
  config: EmailConfig,
  signal: AbortSignal,
): Promise<{ user: string; pass: string } | { user: string; accessToken: string }> {
  if (config.auth === 'password') return { user: config.username, pass: config.password! };
  const response = await fetch(config.oauthTokenUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.oauthClientId!,
      client_secret: config.oauthClientSecret!,
      scope: config.oauthScope!,
    }),
    signal,
  });
  if (response.status === 400 || response.status === 401)
    throw ConnectorError.authentication(`the token endpoint refused the client (${response.status})`);
  if (!response.ok) throw ConnectorError.temporary(`the token endpoint answered ${response.status}`);
  const { access_token } = TokenAnswer.parse(await response.json());
  return { user: config.username, accessToken: access_token };
}
