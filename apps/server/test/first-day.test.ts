import { readFile } from 'node:fs/promises';
import { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomersService, ensureDemoOrganisation, SupportStructureService, TicketsService } from '@escala/core';
import { routeByCategory, STRUCTURE_PRESETS } from '@escala/domain';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { expand, mismatch, parseWalkthrough } from './support/walkthrough.js';

const page = await readFile(new URL('../../../docs/first-day.md', import.meta.url), 'utf8');
const requests = parseWalkthrough(page);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // What `npm start` does on a fresh embedded database, so the page runs against that same state.
  const app = t.app;
  await ensureDemoOrganisation({
    em: app.get(EntityManager),
    structures: app.get(SupportStructureService),
    customers: app.get(CustomersService),
    tickets: app.get(TicketsService),
  });
});
afterAll(() => t.close());

describe('docs/first-day.md', () => {
  it('walks the whole day: every request on the page gets the answer the page shows', async () => {
    expect(requests.length).toBeGreaterThan(40);
    const variables: Record<string, string> = { ADMIN_PASSWORD };
    for (const request of requests) {
      const now = new Date();
      const path = expand(request.path, variables, now);
      const body =
        request.body && 'json' in request.body ? JSON.parse(expand(request.body.json, variables, now)) : undefined;
      const rawBody = request.body && 'raw' in request.body ? request.body.raw : undefined;
      const token = request.token ? variables[request.token] : undefined;
      if (request.token && token === undefined) throw new Error(`${request.step}: $${request.token} is not kept yet`);
      const answer = await t.request(request.method, path, { token, body, rawBody });
      const what = `${request.step}: ${request.method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`;
      expect(answer.status, what).toBe(request.expected.status);
      if (request.expected.json) {
        const expected = JSON.parse(expand(request.expected.json, variables, now));
        expect(mismatch(answer.body, expected), what).toBeNull();
      }
      for (const keep of request.keep) {
        const value = keep.path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], answer.body);
        if (typeof value !== 'string') throw new Error(`${request.step}: nothing at .${keep.path.join('.')} to keep`);
        variables[keep.name] = value;
      }
    }
  });

  it('shows the unit each category lands in under each preset as the presets route it', () => {
    const rows = [...page.matchAll(/^\| `([\w-]+)` +\| [^|]+\| (`[\w-]+`|—) +\| (`[\w-]+`|—) +\|$/gm)];
    const cell = (preset: keyof typeof STRUCTURE_PRESETS, category: string) => {
      const routed = routeByCategory(STRUCTURE_PRESETS[preset], category);
      return routed.ok ? `\`${routed.unitKey}\`` : '—';
    };
    const documented = rows.map(([, category, twoStage, n1n5]) => [category, twoStage, n1n5]);
    const all = [
      ...new Set(
        [...STRUCTURE_PRESETS['two-stage-n1'].categories, ...STRUCTURE_PRESETS['n1-n5'].categories].map((c) => c.key),
      ),
    ];
    expect(documented).toEqual(
      all.map((category) => [category, cell('two-stage-n1', category), cell('n1-n5', category)]),
    );
  });
});

describe('the walkthrough reader', () => {
  it('holds answers to the page rules: fields contained, lists containing, … for any text', () => {
    expect(mismatch({ a: 1, b: [{ x: 1, y: 2 }, { x: 3 }], c: 'Olá mundo' }, { b: [{ x: 3 }], c: 'Olá…' })).toBeNull();
    expect(mismatch({ a: 1 }, { a: 2 })).toMatch(/a: expected 2/);
    expect(mismatch({ c: 'Olá mundo' }, { c: 'mundo…' })).toMatch(/c: expected/);
    expect(mismatch({ b: [] }, { b: [{ x: 1 }] })).toMatch(/no item contains/);
    expect(mismatch({}, { a: null })).toMatch(/missing/);
    expect(() => parseWalkthrough('```sh\ncurl -si "$ESCALA/x"\n```\n')).toThrow(/without an answer/);
    expect(() => expand('$NOPE', {}, new Date())).toThrow(/before a step keeps it/);
  });
});
