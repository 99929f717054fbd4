import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EmulatorError } from '../http/emulator-error.js';
import { startEmulatorServer, type EmulatorServer } from '../http/emulator-server.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** The mailbox its tokens open (what introspection answers as `username`). */
  username: string;
}

export interface OAuthTokenServer extends EmulatorServer {
  /** Client-credentials grant: `POST`, form-encoded, as Entra ID and Google answer it. */
  tokenUrl: string;
  /** RFC 7662 introspection (`POST token=…`): what Dovecot's oauth2 passdb asks. */
  introspectionUrl: string;
  /** The mailbox a live token opens, or null (unknown, revoked, expired): for the SMTP listener. */
  usernameOf(token: string): string | null;
  /** Every token issued so far stops working (an admin revoked the app's sessions). */
  revokeTokens(): void;
  /** The token endpoint refuses this client from now on (its secret was rotated or it was disabled). */
  disableClient(clientId: string): void;
  /** How many tokens were issued (a connector fetching one per session shows here). */
  issued(): number;
  /** Tokens issued from now on live this long; 0 issues tokens already expired (a skewed or misconfigured issuer). */
  setTokenLifetime(seconds: number): void;
}

const TokenRequest = z.strictObject({
  grant_type: z.string(),
  client_id: z.string(),
  client_secret: z.string(),
  scope: z.string(),
});
/** Dovecot 2.3 sends its (here unset, so empty) client credentials beside the token. */
const IntrospectionRequest = z.strictObject({
  token: z.string(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

/**
 * A strict OAuth 2 authorization server for mail: issues opaque client-credentials tokens and
 * answers introspection for them, so Dovecot (passdb oauth2) and the SMTP listener validate real
 * XOAUTH2 logins. Tokens live `tokenLifetimeSeconds`; revoked or expired ones introspect inactive.
 */
export async function startOAuthTokenServer(options: {
  clients: OAuthClient[];
  tokenLifetimeSeconds?: number;
}): Promise<OAuthTokenServer> {
  let lifetime = options.tokenLifetimeSeconds ?? 3600;
  const tokens = new Map<string, { username: string; scope: string; expiresAt: number }>();
  const disabled = new Set<string>();
  const live = (token: string) => {
    const found = tokens.get(token);
    return found && found.expiresAt > Date.now() ? found : null;
  };
  const server = await startEmulatorServer({
    name: 'OAuth token server',
    routes: [
      {
        method: 'POST',
        path: /^\/token$/,
        handle({ body }) {
          const request = parse(TokenRequest, body);
          if (request.grant_type !== 'client_credentials')
            throw new EmulatorError(400, `grant ${request.grant_type} is not served here`, {
              error: 'unsupported_grant_type',
            });
          const client = options.clients.find((candidate) => candidate.clientId === request.client_id);
          if (!client || client.clientSecret !== request.client_secret || disabled.has(client.clientId))
            throw new EmulatorError(401, 'client authentication failed', { error: 'invalid_client' });
          const token = randomBytes(24).toString('base64url');
          tokens.set(token, {
            username: client.username,
            scope: request.scope,
            expiresAt: Date.now() + lifetime * 1000,
          });
          return { body: { access_token: token, token_type: 'Bearer', expires_in: lifetime } };
        },
      },
      {
        method: 'POST',
        path: /^\/introspect$/,
        handle({ body }) {
          const found = live(parse(IntrospectionRequest, body).token);
          return {
            body: found
              ? { active: true, username: found.username, scope: found.scope, exp: Math.floor(found.expiresAt / 1000) }
              : { active: false },
          };
        },
      },
    ],
    formatError: (error) => ({
      status: error.status,
      body: { error: (error.details.error as string) ?? 'invalid_request', error_description: error.message },
    }),
    faultError: (fault) =>
      new EmulatorError(fault.status, fault.message ?? 'temporarily unavailable', { error: 'temporarily_unavailable' }),
    unknownRoute: (method, path) => new EmulatorError(404, `${method} ${path} is not an endpoint of this server`),
  });
  return {
    ...server,
    tokenUrl: `${server.url}/token`,
    introspectionUrl: `${server.url}/introspect`,
    usernameOf: (token) => live(token)?.username ?? null,
    revokeTokens: () => tokens.clear(),
    disableClient: (clientId) => disabled.add(clientId),
    setTokenLifetime: (seconds) => {
      lifetime = seconds;
    },
    issued: () => server.received.filter((request) => request.path === '/token' && request.status === 200).length,
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new EmulatorError(400, `malformed request: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`, {
      error: 'invalid_request',
    });
  return parsed.data;
}
