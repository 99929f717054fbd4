import { afterAll, beforeAll, expect, it } from 'vitest';
import { EntityManager } from '@mikro-orm/postgresql';
import { CustomersService, ensureDemoOrganisation, SupportStructureService, TicketsService } from '@escala/core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('seeds a demo organisation from a preset on first start, and only then', async () => {
  const services = {
    em: t.app.get(EntityManager),
    structures: t.app.get(SupportStructureService),
    customers: t.app.get(CustomersService),
    tickets: t.app.get(TicketsService),
  };
  expect(await ensureDemoOrganisation(services)).toBe(true);
  expect(await ensureDemoOrganisation(services)).toBe(false);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  expect((await t.request('GET', '/support-structure', { token: admin })).body).toMatchObject({
    version: 1,
    structure: { entryUnit: 'N1' },
  });
  const tickets = (await t.request('GET', '/tickets', { token: admin })).body.items;
  expect(tickets.map((x: { unitKey: string; tags: string[] }) => [x.unitKey, x.tags])).toEqual([
    ['N3', ['URGENTE']],
    ['N4', []],
  ]);
  expect((await t.request('GET', '/customers', { token: admin })).body.items).toHaveLength(1);
});
