import { afterAll, beforeAll } from 'vitest';
import type { StructurePresetKey } from '@escala/domain';
import type { Clock } from '@escala/core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './test-app.js';

export interface TeamMember {
  id: string;
  token: string;
}

export interface SupportTeam {
  admin: string;
  customerId: string;
  contactId: string;
  /** People by unit key (agents placed there), plus `leader`. */
  people: Record<string, TeamMember>;
}

const PASSWORD = 'team-password-123';

async function expectOk(response: { status: number; body: any }, what: string) {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A support team under a preset: the preset saved, one agent per unit, a leader, a customer with a contact. */
export async function setUpTeam(t: TestApp, preset: StructurePresetKey): Promise<SupportTeam> {
  const admin = await t.login('admin', ADMIN_PASSWORD);
  const saved = await expectOk(
    await t.request('POST', '/support-structure/versions', { token: admin, body: { preset } }),
    'save preset',
  );
  const people: Record<string, TeamMember> = {};
  const suffix = `${preset}-${saved.version}`;
  const person = async (name: string, roles: string[], unitKey: string | null) => {
    const login = `${name.toLowerCase()}.${suffix}`;
    const user = await expectOk(
      await t.request('POST', '/users', {
        token: admin,
        body: { login, displayName: `${name} ${preset}`, roles, password: PASSWORD },
      }),
      `create ${login}`,
    );
    if (unitKey)
      await expectOk(
        await t.request('PUT', `/support-members/${user.id}`, { token: admin, body: { unitKey, channel: 'web' } }),
        `place ${login}`,
      );
    return { id: user.id as string, token: await t.login(login, PASSWORD) };
  };
  for (const unit of saved.definition.units as { key: string }[])
    people[unit.key] = await person(unit.key, ['agent'], unit.key);
  people.leader = await person('Leader', ['leader'], null);
  const customer = await expectOk(
    await t.request('POST', '/customers', {
      token: admin,
      body: { name: `Contabilidade Exemplo ${suffix}`, contacts: [{ name: 'Maria', email: 'maria@exemplo.com.br' }] },
    }),
    'create customer',
  );
  return { admin, customerId: customer.id, contactId: customer.contacts[0].id, people };
}

export function ticketBody(team: SupportTeam, overrides: Record<string, unknown> = {}) {
  return {
    customerId: team.customerId,
    contactId: team.contactId,
    channel: 'email',
    category: 'financeiro',
    subject: 'Boleto não gerado',
    description: 'O cliente não consegue gerar o boleto do mês.',
    ...overrides,
  };
}

/** The app and a team under `preset`, started before the file's tests and closed after them. */
export function useTeamApp(
  preset: StructurePresetKey = 'n1-n5',
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
) {
  const context = {} as { t: TestApp; team: SupportTeam };
  beforeAll(async () => {
    context.t = await startTestApp(env, undefined, options);
    context.team = await setUpTeam(context.t, preset);
  });
  afterAll(() => context.t.close());
  return context;
}
