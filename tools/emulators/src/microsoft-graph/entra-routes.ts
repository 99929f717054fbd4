import type { Route, RouteRequest } from '../http/emulator-server.js';
import { opaque, type GraphDirectory, type TokenGrant } from './graph-directory.js';
import { oauthError } from './graph-errors.js';

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
const OIDC_SCOPES = ['openid', 'profile', 'offline_access', 'email'];
/** MSAL sends the short name; RFC 8628 clients the URN. Entra takes both. */
const DEVICE_CODE_GRANTS = ['device_code', 'urn:ietf:params:oauth:grant-type:device_code'];
/** Telemetry and client parameters MSAL adds to every token request besides the grant's own. */
const CLIENT_PARAMETER =
  /^(client_info|client-request-id|claims|token_type|req_cnf|x-client-[\w-]+|x-ms-[\w-]+|x-app-[\w-]+)$/;

export interface EntraOptions {
  url: () => string;
  directory: GraphDirectory;
  /** Seconds the device-code flow asks clients to wait between polls. */
  deviceCodeIntervalSeconds: number;
  accessTokenLifetimeSeconds: number;
}

/** Microsoft Entra ID v2.0: OpenID discovery, instance discovery, device code and token endpoints. */
export function entraRoutes(options: EntraOptions): Route[] {
  const { directory } = options;
  const tenant = (request: RouteRequest) => {
    const name = request.params.tenant!;
    if (name !== directory.tenantId && name !== 'organizations' && name !== 'common')
      throw oauthError(
        400,
        'invalid_request',
        90002,
        `Tenant '${name}' not found. Check to make sure you have the correct tenant ID.`,
      );
    return name;
  };
  return [
    {
      method: 'GET',
      path: /^\/(?<tenant>[^/]+)\/v2\.0\/\.well-known\/openid-configuration$/,
      handle(request) {
        const name = tenant(request);
        const base = `${options.url()}/${name}`;
        return {
          body: {
            token_endpoint: `${base}/oauth2/v2.0/token`,
            token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
            jwks_uri: `${base}/discovery/v2.0/keys`,
            response_modes_supported: ['query', 'fragment', 'form_post'],
            subject_types_supported: ['pairwise'],
            id_token_signing_alg_values_supported: ['RS256'],
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
            scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
            issuer: `${options.url()}/${directory.tenantId}/v2.0`,
            request_uri_parameter_supported: false,
            userinfo_endpoint: `${options.url()}/oidc/userinfo`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
            http_logout_supported: true,
            frontchannel_logout_supported: true,
            end_session_endpoint: `${base}/oauth2/v2.0/logout`,
            claims_supported: [
              'sub',
              'iss',
              'aud',
              'exp',
              'iat',
              'nonce',
              'preferred_username',
              'name',
              'tid',
              'ver',
              'oid',
            ],
            tenant_region_scope: 'SA',
            cloud_instance_name: 'microsoftonline.com',
          },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/common\/discovery\/instance$/,
      handle() {
        const host = new URL(options.url()).host;
        return {
          body: {
            tenant_discovery_endpoint: `${options.url()}/${directory.tenantId}/v2.0/.well-known/openid-configuration`,
            'api-version': '1.1',
            metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
          },
        };
      },
    },
    {
      method: 'POST',
      path: /^\/(?<tenant>[^/]+)\/oauth2\/v2\.0\/devicecode$/,
      handle(request) {
        tenant(request);
        const form = formOf(request, ['client_id', 'scope']);
        const app = application(directory, form.client_id);
        if (app.clientSecret)
          throw oauthError(
            400,
            'invalid_client',
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
          );
        const scopes = delegatedScopes(app, form.scope);
        const userCode = opaque('')
          .replace(/[^A-Z0-9]/gi, '')
          .slice(0, 9)
          .toUpperCase();
        const deviceCode = opaque('DAQABAAEAAAD');
        directory.deviceCodes.set(deviceCode, {
          deviceCode,
          userCode,
          clientId: app.clientId,
          scopes,
          expiresAt: Date.now() + 900_000,
          state: { status: 'pending' },
        });
        return {
          body: {
            user_code: userCode,
            device_code: deviceCode,
            verification_uri: 'https://microsoft.com/devicelogin',
            expires_in: 900,
            interval: options.deviceCodeIntervalSeconds,
            message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.`,
          },
        };
      },
    },
    {
      method: 'POST',
      path: /^\/(?<tenant>[^/]+)\/oauth2\/v2\.0\/token$/,
      handle(request) {
        tenant(request);
        const grantType = (request.body as Record<string, string> | undefined)?.grant_type;
        if (grantType === 'client_credentials') return clientCredentials(options, request);
        if (DEVICE_CODE_GRANTS.includes(grantType ?? '')) return deviceCodeToken(options, request);
        if (grantType === 'refresh_token') return refreshToken(options, request);
        throw oauthError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${grantType ?? ''}'.`,
        );
      },
    },
  ];
}

function clientCredentials(options: EntraOptions, request: RouteRequest) {
  const form = formOf(request, ['grant_type', 'client_id', 'client_secret', 'scope']);
  const app = application(options.directory, form.client_id);
  if (!app.clientSecret || form.client_secret !== app.clientSecret)
    throw oauthError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
    );
  if (form.scope !== GRAPH_DEFAULT_SCOPE)
    throw oauthError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${form.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  const grant: TokenGrant = { kind: 'app', clientId: app.clientId, scopes: [], roles: app.roles ?? [], expiresAt: 0 };
  return { body: { token_type: 'Bearer', ...issueAccessToken(options, grant) } };
}

function deviceCodeToken(options: EntraOptions, request: RouteRequest) {
  const form = formOf(request, ['grant_type', 'client_id', 'device_code', 'scope']);
  const pending = options.directory.deviceCodes.get(form.device_code ?? '');
  if (!pending || pending.clientId !== form.client_id)
    throw oauthError(400, 'invalid_grant', 70000, "The provided value for the 'device_code' parameter is not valid.");
  if (Date.now() > pending.expiresAt)
    throw oauthError(
      400,
      'expired_token',
      70020,
      'The provided value for the input parameter device_code has expired.',
    );
  if (pending.state.status === 'pending')
    throw oauthError(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    );
  if (pending.state.status === 'declined')
    throw oauthError(400, 'authorization_declined', 70000, 'The user declined the sign-in request.');
  options.directory.deviceCodes.delete(pending.deviceCode);
  return { body: delegatedTokens(options, pending.clientId, pending.state.userId, pending.scopes) };
}

function refreshToken(options: EntraOptions, request: RouteRequest) {
  const form = formOf(request, ['grant_type', 'client_id', 'refresh_token', 'scope', 'client_secret']);
  const grant = options.directory.refreshTokens.get(form.refresh_token ?? '');
  if (!grant || grant.clientId !== form.client_id)
    throw oauthError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  const broken = options.directory.brokenGrants.get(grant.userId);
  if (broken === 'interaction_required')
    throw oauthError(
      400,
      'interaction_required',
      50076,
      'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access this resource.',
    );
  if (broken === 'invalid_grant')
    throw oauthError(
      400,
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
    );
  const app = application(options.directory, grant.clientId);
  const scopes = form.scope ? delegatedScopes(app, form.scope) : grant.scopes;
  return { body: delegatedTokens(options, grant.clientId, grant.userId, scopes) };
}

function delegatedTokens(options: EntraOptions, clientId: string, userId: string, scopes: string[]) {
  const { directory } = options;
  const user = directory.users.get(userId)!;
  const refresh = opaque('0.AAAA');
  directory.refreshTokens.set(refresh, { clientId, userId, scopes });
  const now = Math.floor(Date.now() / 1000);
  const idToken = unsignedJwt({
    aud: clientId,
    iss: `${options.url()}/${directory.tenantId}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    sub: user.id,
    tid: directory.tenantId,
    ver: '2.0',
  });
  return {
    token_type: 'Bearer',
    scope: scopes.join(' '),
    ...issueAccessToken(options, { kind: 'delegated', clientId, userId, scopes, roles: [], expiresAt: 0 }),
    refresh_token: refresh,
    id_token: idToken,
    client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: directory.tenantId })).toString('base64url'),
  };
}

function issueAccessToken(options: EntraOptions, grant: TokenGrant) {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = options.accessTokenLifetimeSeconds;
  const accessToken = unsignedJwt({
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${options.directory.tenantId}/`,
    iat: now,
    exp: now + lifetime,
    appid: grant.clientId,
    tid: options.directory.tenantId,
    ...(grant.userId ? { oid: grant.userId, scp: grant.scopes.join(' ') } : { roles: grant.roles }),
    jti: opaque(''),
  });
  options.directory.accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + lifetime * 1000 });
  return { expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken };
}

/** Token-shaped but unsigned: MSAL reads id_token claims without checking a signature. */
function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'none' })}.${part(claims)}.emulated`;
}

function application(directory: GraphDirectory, clientId: string | undefined) {
  const app = directory.applications.get(clientId ?? '');
  if (!app)
    throw oauthError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId ?? ''}' was not found in the directory '${directory.tenantId}'.`,
    );
  return app;
}

/** Graph scopes asked for (resource prefix and OpenID scopes removed), refused if not consented. */
function delegatedScopes(
  app: { clientId: string; delegatedScopes?: string[]; displayName?: string },
  scope: string | undefined,
) {
  const requested = (scope ?? '')
    .split(' ')
    .filter((item) => item && !OIDC_SCOPES.includes(item))
    .map((item) => item.replace(/^https:\/\/graph\.microsoft\.com\//, ''));
  const missing = app.delegatedScopes ? requested.filter((item) => !app.delegatedScopes!.includes(item)) : [];
  if (missing.length)
    throw oauthError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName ?? app.clientId}'. Send an interactive authorization request for this user and resource.`,
    );
  return requested;
}

/** The form fields of a token request, refusing any the endpoint does not take. */
function formOf(request: RouteRequest, allowed: string[]): Record<string, string | undefined> {
  const form = request.body;
  if (!form || typeof form !== 'object')
    throw oauthError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'grant_type'.",
    );
  for (const name of Object.keys(form)) {
    if (!allowed.includes(name) && !CLIENT_PARAMETER.test(name))
      throw oauthError(400, 'invalid_request', 900144, `Microsoft Entra emulator: unexpected parameter '${name}'.`);
  }
  return form as Record<string, string | undefined>;
}
