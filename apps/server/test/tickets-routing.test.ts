import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRUCTURE_PRESETS, type StructurePresetKey } from '@escala/domain';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// What docs/playbook.md §10 says, written out rather than derived from the presets under test.
const SEED_ROUTES: Record<StructurePresetKey, Record<string, string>> = {
  'two-stage-n1': {
    financeiro: 'N1-E2',
    comercial: 'N1-E2',
    faturamento: 'N1-E2',
    migracao: 'N1-E2',
    'homologacao-bancaria': 'N1-E2',
    'homologacao-nfse': 'N1-E2',
  },
  'n1-n5': {
    financeiro: 'N4',
    comercial: 'N4',
    faturamento: 'N4',
    cadastro: 'N4',
    'ativacao-servicos': 'N4',
    'congelamento-servicos': 'N4',
    infraestrutura: 'N3',
    'configuracao-email': 'N1',
  },
};

describe.each(Object.keys(STRUCTURE_PRESETS) as StructurePresetKey[])(
  'routing on creation under preset %s',
  (preset) => {
    let t: TestApp;
    let team: SupportTeam;
    beforeAll(async () => {
      t = await startTestApp();
      team = await setUpTeam(t, preset);
    });
    afterAll(() => t.close());

    it.each(Object.entries(SEED_ROUTES[preset]))('sends %s to %s', async (category, unit) => {
      const created = await t.request('POST', '/tickets', {
        token: team.people.leader!.token,
        body: ticketBody(team, { category }),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ category, unitKey: unit, status: 'new', structureVersion: 1 });
    });

    it('routes every category of the preset to the unit that handles it, or the entry unit', async () => {
      const structure = STRUCTURE_PRESETS[preset];
      for (const { key } of structure.categories) {
        const created = await t.request('POST', '/tickets', {
          token: team.people.leader!.token,
          body: ticketBody(team, { category: key }),
        });
        const handler = structure.units.find((u) => u.categories.includes(key))?.key ?? structure.entryUnit;
        expect([key, created.status, created.body.unitKey]).toEqual([key, 201, handler]);
      }
    });

    it('records the structure version a ticket was routed under, and routes new tickets under a new version', async () => {
      const other = preset === 'n1-n5' ? 'two-stage-n1' : 'n1-n5';
      const saved = await t.request('POST', '/support-structure/versions', {
        token: team.admin,
        body: { preset: other, note: 'troca de estrutura' },
      });
      expect(saved.body).toMatchObject({ version: 2, preset: other });
      const created = await t.request('POST', '/tickets', {
        token: team.admin,
        body: ticketBody(team, { category: 'financeiro' }),
      });
      expect(created.body).toMatchObject({ structureVersion: 2, unitKey: SEED_ROUTES[other].financeiro });
      const versions = await t.request('GET', '/support-structure/versions', { token: team.admin });
      expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      const [audit] = await sql(
        t,
        `select action, actor_label, before->>'version' as before, after->>'preset' as preset from audit_records where subject_type = 'support_structure' and subject_id = '2'`,
      );
      expect(audit).toEqual({
        action: 'support_structure.version_saved',
        actor_label: 'admin',
        before: '1',
        preset: other,
      });
    });
  },
);
