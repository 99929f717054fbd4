import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@escala/domain';
import { concretePath, routeTable, type RouteEntry } from './support/route-table.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const EVERYONE: Role[] = [...ROLES];

/**
 * Who may call what. Reviewed by hand: a new route fails this test until it is listed here, and a
 * listed route is called once per role to prove the answer.
 */
const MATRIX: Record<string, Role[] | 'public'> = {
  'POST /auth/login': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  // Verified by the channel's connector instead of a token (see route-authentication.test.ts).
  'POST /inbound/webhooks/:channelId': 'public',
  'GET /inbound/webhooks/:channelId': 'public',
  'GET /auth/me': EVERYONE,
  'POST /auth/logout': EVERYONE,
  'GET /metrics': ['admin'],
  'GET /users': ['admin', 'leader'],
  'POST /users': ['admin'],
  'PATCH /users/:id': ['admin'],
  'POST /users/:id/api-tokens': ['admin'],
  'DELETE /api-tokens/:id': ['admin'],
  'GET /users/:id/external-identities': ['admin'],
  'POST /users/:id/external-identities': ['admin'],
  'DELETE /users/:id/external-identities/:system/:externalId': ['admin'],
  'GET /support-structure': EVERYONE,
  'GET /support-structure/presets': EVERYONE,
  'GET /support-structure/versions': ['admin', 'leader'],
  'GET /support-structure/versions/:version': ['admin', 'leader'],
  'POST /support-structure/versions': ['admin'],
  'POST /support-structure/preview': ['admin'],
  'GET /support-members': EVERYONE,
  'PUT /support-members/:userId': ['admin', 'relationship'],
  'DELETE /support-members/:userId': ['admin', 'relationship'],
  'GET /customers': EVERYONE,
  'POST /customers': EVERYONE,
  'GET /customers/:id': EVERYONE,
  'PATCH /customers/:id': EVERYONE,
  'POST /customers/:id/contacts': EVERYONE,
  'POST /customers/:id/products': ['admin', 'leader', 'relationship'],
  'GET /customers/:id/implementation': EVERYONE,
  'POST /customers/:id/implementation': ['admin', 'leader', 'relationship'],
  'PATCH /customers/:id/implementation/:itemId': ['admin', 'leader', 'relationship'],
  'GET /tickets': EVERYONE,
  'POST /tickets': EVERYONE,
  'GET /tickets/:id': EVERYONE,
  'PATCH /tickets/:id': EVERYONE,
  'POST /tickets/:id/status': EVERYONE,
  'POST /tickets/:id/escalations': EVERYONE,
  'POST /tickets/:id/entries': EVERYONE,
  'GET /tickets/:id/entries': EVERYONE,
  'POST /tickets/:id/analysis': EVERYONE,
  'GET /tickets/:id/audit': ['admin', 'leader'],
  'GET /playbook/templates': ['admin', 'leader'],
  'GET /playbook/templates/:key/:locale': ['admin', 'leader'],
  'PUT /playbook/templates/:key/:locale': ['admin'],
  'DELETE /playbook/templates/:key/:locale': ['admin'],
  'POST /playbook/templates/:key/:locale/preview': ['admin', 'leader'],
  'GET /announcement-groups': ['admin', 'leader'],
  'POST /announcement-groups': ['admin', 'leader'],
  'GET /announcement-groups/:id': ['admin', 'leader'],
  'PUT /announcement-groups/:id/members/:userId': ['admin', 'leader'],
  'DELETE /announcement-groups/:id/members/:userId': ['admin', 'leader'],
  'POST /announcements': ['leader'],
  'GET /announcements': ['admin', 'leader'],
  'GET /announcements/unacknowledged': EVERYONE,
  'GET /announcements/:id': ['admin', 'leader'],
  'POST /announcements/:id/acknowledgements': EVERYONE,
  'POST /announcements/:id/reminders': ['leader'],
  'GET /connectors': ['admin'],
  'GET /channels': ['admin'],
  'POST /channels': ['admin'],
  'GET /channels/:id': ['admin'],
  'PATCH /channels/:id': ['admin'],
  'POST /channels/:id/test': ['admin'],
  'POST /channels/:id/actions/:action': ['admin'],
  'GET /channels/:id/deliveries': ['admin'],
  'GET /channels/:id/inbound-changes': ['admin'],
  'GET /outbox-events/:id/deliveries': ['admin'],
  'POST /queue/next': ['agent'],
  'POST /queue/take/:ticketId': ['agent'],
  'GET /queue/:unitKey': ['admin', 'leader', 'agent'],
  'GET /tickets/:id/sla': ['admin', 'leader', 'agent'],
  'GET /business-calendar': ['admin', 'leader', 'agent'],
  'PUT /business-calendar': ['admin'],
  'POST /business-calendar/preview': ['admin'],
  'GET /tickets/:id/cancellation': EVERYONE,
  'PUT /tickets/:id/cancellation/contact': EVERYONE,
  'PUT /tickets/:id/cancellation/reason': EVERYONE,
  'GET /reports/cancellations': ['admin', 'leader'],
  'GET /reports/:report': ['admin', 'leader'],
  'GET /live/changes': EVERYONE,
  'POST /tickets/:id/urgent': EVERYONE,
  'GET /playbook/inoperative-services': EVERYONE,
  'PUT /playbook/inoperative-services/:code': ['admin'],
  'GET /tickets/:id/mediation': EVERYONE,
  'POST /tickets/:id/mediation': EVERYONE,
  'POST /tickets/:id/mediation/contacts': EVERYONE,
  'POST /tickets/:id/mediation/replies': EVERYONE,
  'POST /tickets/:id/mediation/refusal': EVERYONE,
  'POST /tickets/:id/mediation/conclusion': EVERYONE,
  'POST /tickets/:id/error-sheet-requests': EVERYONE,
  'GET /error-sheet-requests': EVERYONE,
  'POST /error-sheet-requests/:id/authorisation': EVERYONE,
  'POST /error-sheet-requests/:id/decline': EVERYONE,
  'POST /tickets/:id/partner-product': EVERYONE,
  'POST /tickets/:id/partner-product/notification': ['leader'],
  'GET /partner-cases/pending': ['admin', 'leader'],
  'GET /dashboard': ['admin', 'leader'],
  'POST /suggestions': EVERYONE,
  'GET /suggestions': EVERYONE,
  'PATCH /suggestions/:id': ['admin', 'leader'],
  'GET /tickets/:id/entitlements': EVERYONE,
  'POST /tickets/:id/priority-requests': EVERYONE,
  'GET /tickets/:id/priority-requests': EVERYONE,
  'POST /priority-requests/:id/decision': ['leader'],
  'GET /tickets/:id/implementation': EVERYONE,
  'POST /tickets/:id/follow-ups': ['admin', 'leader', 'agent'],
  'GET /tickets/:id/follow-ups': ['admin', 'leader', 'agent'],
  'POST /tickets/:id/follow-ups/:followUpId/done': ['admin', 'leader', 'agent'],
  'POST /tickets/:id/commitments': ['admin', 'leader', 'agent'],
  'GET /tickets/:id/commitments': ['admin', 'leader', 'agent'],
  'POST /tickets/:id/commitments/:commitmentId/done': ['admin', 'leader', 'agent'],
  // The relationship desk's triage (seed 000): the desk, its leaders and admins.
  'GET /triage-items': ['admin', 'leader', 'relationship'],
  'POST /triage-items/:id/redirect': ['admin', 'leader', 'relationship'],
  'POST /triage-items/:id/dismissal': ['admin', 'leader', 'relationship'],
};

const ROLE_REFUSAL = /^This action needs one of the roles/;

describe('authorization matrix', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  const tokens = new Map<Role, string>();
  const key = (r: RouteEntry) => `${r.method} ${r.path}`;

  /** Server-sent event streams never end: only their opening answer is read. */
  const STREAMS = new Set(['GET /live/changes']);
  async function streamOpening(path: string, token: string) {
    const abort = new AbortController();
    const response = await fetch(`${t.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    const body = response.ok ? null : await response.json();
    abort.abort();
    return { status: response.status, body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    routes = routeTable(t.app);
    const admin = await t.login('admin', ADMIN_PASSWORD);
    for (const role of ROLES) {
      const login = `only-${role}`;
      await t.request('POST', '/users', {
        token: admin,
        body: { login, displayName: login, roles: [role], password: 'matrix-password-1' },
      });
      tokens.set(role, await t.login(login, 'matrix-password-1'));
    }
  });
  afterAll(() => t.close());

  it('lists every served route, and only those', () => {
    expect(routes.map(key).filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.some((r) => key(r) === k))).toEqual([]);
  });

  it('gives every route the rule the matrix expects', () => {
    const declared = Object.fromEntries(
      routes.map((r) => [key(r), r.rule?.kind === 'roles' ? [...r.rule.roles].sort() : r.rule?.kind]),
    );
    const expected = Object.fromEntries(
      routes.map((r) => [key(r), MATRIX[key(r)] === 'public' ? 'public' : [...(MATRIX[key(r)] ?? [])].sort()]),
    );
    expect(declared).toEqual(expected);
  });

  it('answers each role on each route as the matrix says', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const route of routes) {
      const allowed = MATRIX[key(route)];
      if (allowed === 'public' || allowed === undefined) continue;
      for (const role of ROLES) {
        const response = STREAMS.has(key(route))
          ? await streamOpening(concretePath(route.path), tokens.get(role)!)
          : await t.request(route.method, concretePath(route.path), {
              token: tokens.get(role)!,
              body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
            });
        const refused = response.status === 403 && ROLE_REFUSAL.test(response.body?.detail ?? '');
        const outcome = response.status === 401 ? 'unauthenticated' : refused ? 'denied' : 'allowed';
        outcomes.push(`${key(route)} as ${role}: ${outcome}`);
        expected.push(`${key(route)} as ${role}: ${allowed.includes(role) ? 'allowed' : 'denied'}`);
        if (route.path === '/auth/logout') {
          const login = `only-${role}`;
          tokens.set(role, await t.login(login, 'matrix-password-1'));
        }
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
