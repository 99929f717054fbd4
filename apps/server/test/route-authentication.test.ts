import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concretePath, routeTable, type RouteEntry } from './support/route-table.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Routes reachable without credentials. Adding one here is a security decision: review it. */
const PUBLIC_ROUTES = [
  'GET /health/live',
  'GET /health/ready',
  'POST /auth/login',
  // Outside services hold no Escala token: the channel's connector authenticates each request itself
  // (webhook.verify, e.g. an HMAC of the raw body with the channel's secret) and answers 401 when it fails.
  'POST /inbound/webhooks/:channelId',
  // The same channel's check of the address: some services GET it with a challenge before sending.
  'GET /inbound/webhooks/:channelId',
];

describe('every route is authenticated unless explicitly public', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = routeTable(t.app);
  });
  afterAll(() => t.close());

  it('finds the route table', () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  it('gives every route an access rule', () => {
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('makes public only the reviewed routes', () => {
    const publicRoutes = routes.filter((r) => r.rule?.kind === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 to every other route without a token, and with a forged one', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.rule?.kind !== 'public')) {
      const path = concretePath(route.path);
      const anonymous = await t.request(route.method, path, { body: route.method === 'GET' ? undefined : {} });
      const forged = await t.request(route.method, path, {
        token: 'ess_forgedforgedforgedforgedforged',
        body: route.method === 'GET' ? undefined : {},
      });
      if (anonymous.status !== 401 || forged.status !== 401) {
        failures.push(`${route.method} ${route.path}: ${anonymous.status}/${forged.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
