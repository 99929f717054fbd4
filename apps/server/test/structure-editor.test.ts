import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_STAGE_N1, type SupportStructure } from '@escala/domain';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What the console's structure and calendar editors ask of the server before and after saving. */
describe('editing the support structure and the desk calendar', () => {
  let t: TestApp;
  let team: SupportTeam;

  beforeAll(async () => {
    t = await startTestApp();
    team = await setUpTeam(t, 'two-stage-n1');
  });
  afterAll(() => t.close());

  const asAdmin = (method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: team.admin, body });

  const draft = (): SupportStructure => {
    const structure = structuredClone(TWO_STAGE_N1);
    const stage1 = structure.units.find((unit) => unit.key === 'N1-E1')!;
    const stage2 = structure.units.find((unit) => unit.key === 'N1-E2')!;
    stage1.analysisHours = 3;
    stage2.categories = stage2.categories.filter((category) => category !== 'financeiro');
    stage1.categories.push('financeiro');
    return structure;
  };

  it('previews a draft: what changes against the active version and where each category goes, saving nothing', async () => {
    const preview = await asAdmin('POST', '/support-structure/preview', { definition: draft() });
    expect(preview.status).toBe(200);
    expect(preview.body.basedOn).toBe(1);
    // The target and the category leaving one unit for another: nothing else (the active one comes back from jsonb).
    expect(preview.body.changes).toHaveLength(3);
    expect(preview.body.changes).toContainEqual({
      subject: 'unit',
      key: 'N1-E1',
      change: 'changed',
      field: 'analysisHours',
      before: 1,
      after: 3,
    });
    expect(preview.body.routing).toContainEqual({ category: 'financeiro', unitKey: 'N1-E1' });
    expect((await asAdmin('GET', '/support-structure')).body.version).toBe(1);
  });

  it.each([
    [
      'a negative target',
      (s: SupportStructure) => void (s.units[1]!.analysisHours = -2),
      'definition.units.1.analysisHours',
    ],
    [
      'an escalation to a unit that does not exist',
      (s: SupportStructure) => void s.units[1]!.escalatesTo.push('N9'),
      'definition.units.1.escalatesTo.2',
    ],
    [
      'a category routed to two units',
      (s: SupportStructure) => void s.units[3]!.categories.push('erro-sistema'),
      `definition.units.3.categories.${TWO_STAGE_N1.units[3]!.categories.length}`,
    ],
    ['an unknown entry unit', (s: SupportStructure) => void (s.entryUnit = '<script>'), 'definition.entryUnit'],
  ])('refuses %s in the preview and in the save, naming the field', async (_what, spoil, field) => {
    const definition = draft();
    spoil(definition);
    for (const path of ['/support-structure/preview', '/support-structure/versions']) {
      const refused = await asAdmin('POST', path, { definition });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('saves the draft as a new version that new tickets follow, and lists the versions with who saved them', async () => {
    const saved = await asAdmin('POST', '/support-structure/versions', {
      definition: draft(),
      note: 'Financeiro no E1',
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 2, note: 'Financeiro no E1', createdByName: expect.any(String) });

    const ticket = await t.request('POST', '/tickets', {
      token: team.people.leader!.token,
      body: ticketBody(team, { category: 'financeiro' }),
    });
    expect(ticket.body).toMatchObject({ unitKey: 'N1-E1', structureVersion: 2 });
    const sla = await asAdmin('GET', `/tickets/${ticket.body.id}/sla`);
    expect(sla.body.clocks).toContainEqual(
      expect.objectContaining({ unitKey: 'N1-E1', kind: 'analysis', target: expect.objectContaining({ hours: 3 }) }),
    );

    const versions = await asAdmin('GET', '/support-structure/versions');
    expect(versions.body.items.map((v: { version: number; note: string | null }) => [v.version, v.note])).toEqual([
      [2, 'Financeiro no E1'],
      [1, null],
    ]);
    const first = await asAdmin('GET', '/support-structure/versions/1');
    expect(first.body).toMatchObject({ version: 1, preset: 'two-stage-n1', definition: TWO_STAGE_N1 });
  });

  it('previews a draft calendar: a Friday-evening ticket moves past a local holiday, and the year lists it', async () => {
    const saved = (await asAdmin('GET', '/business-calendar')).body;
    const samples = [{ openedAt: '2027-03-05T17:30', hours: 2 }];
    const before = await asAdmin('POST', '/business-calendar/preview', { year: 2027, samples });
    expect(before.status).toBe(200);
    expect(before.body.samples[0]).toMatchObject({
      openedAt: '2027-03-05T20:30:00.000Z',
      dueLocal: '2027-03-08T09:30',
      dueWeekday: 1,
      holidaysSkipped: [],
    });
    const calendar = {
      ...saved,
      holidays: { ...saved.holidays, extra: [{ rule: '2027-03-08', name: 'Aniversário da empresa' }] },
    };
    const after = await asAdmin('POST', '/business-calendar/preview', { calendar, year: 2027, samples });
    expect(after.body.samples[0]).toMatchObject({
      dueLocal: '2027-03-09T09:30',
      dueWeekday: 2,
      holidaysSkipped: [{ date: '2027-03-08', name: 'Aniversário da empresa' }],
    });
    expect(after.body.holidays).toContainEqual({
      date: '2027-03-08',
      name: 'Aniversário da empresa',
      type: 'public',
      local: true,
      closes: true,
    });
    expect(after.body.holidays).toContainEqual(expect.objectContaining({ name: 'Natal', closes: true, local: false }));
    expect((await asAdmin('GET', '/business-calendar')).body).toEqual(saved);
  });

  it('refuses a bad calendar field by field, in the preview and in the save', async () => {
    const saved = (await asAdmin('GET', '/business-calendar')).body;
    const calendar = {
      ...saved,
      timeZone: 'Mars/Olympus',
      workingHours: { ...saved.workingHours, 5: [{ start: '18:00', end: '08:00' }] },
      holidays: { ...saved.holidays, extra: [{ rule: 'toda sexta-feira 13', name: 'Azar' }] },
    };
    const fields = ['timeZone', 'workingHours.5.0.end', 'holidays.extra.0.rule'];
    const preview = await asAdmin('POST', '/business-calendar/preview', { calendar, year: 2027, samples: [] });
    expect([preview.status, preview.body.errors.map((e: { field: string }) => e.field)]).toEqual([
      400,
      fields.map((field) => `calendar.${field}`),
    ]);
    const save = await asAdmin('PUT', '/business-calendar', calendar);
    expect([save.status, save.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, fields]);
    const impossible = await asAdmin('POST', '/business-calendar/preview', {
      year: 2027,
      samples: [{ openedAt: '2027-02-30T10:00', hours: 1 }],
    });
    expect([impossible.status, impossible.body.errors[0].field]).toEqual([400, 'samples.0.openedAt']);
    const barelyOpen = await asAdmin('POST', '/business-calendar/preview', {
      calendar: { ...saved, workingHours: { 1: [{ start: '08:00', end: '08:01' }] } },
      year: 2027,
      samples: [{ openedAt: '2027-03-05T17:30', hours: 10_000 }],
    });
    expect([barelyOpen.status, barelyOpen.body.errors[0].field]).toEqual([400, 'samples.0.hours']);
  });
});
