import { randomUUID } from 'node:crypto';
import { DEFAULT_CONFIDENTIAL_APP, DEFAULT_PUBLIC_APP, startMicrosoftGraphEmulator } from '@escala/emulators';
import type { ConnectorContext } from '@escala/connector-kit';
import { InMemoryCorePort } from '@escala/connector-kit/testing';
import { continueSignIn, startSignIn } from '../src/device-code-sign-in.js';
import { TOKEN_CACHE_SECRET } from '../src/entra-tokens.js';
import { microsoftTeamsConfigSchema, type MicrosoftTeamsConfig } from '../src/microsoft-teams.config.js';

/** The people of seed 002's desk, as Entra and Escala know them. */
export const ANA = { entraId: '0c1d2e3f-0000-4000-8000-00000000a1a1', name: 'Ana Líder', upn: 'ana@contoso.test' };
export const BRUNO = {
  entraId: '0c1d2e3f-0000-4000-8000-00000000b2b2',
  name: 'Bruno Souza',
  upn: 'bruno@contoso.test',
};
export const CARLA = { entraId: '0c1d2e3f-0000-4000-8000-00000000d4d4', name: 'Carla Dias', upn: 'carla@contoso.test' };
export const SERVICE = { entraId: '0c1d2e3f-0000-4000-8000-00000000c3c3', name: 'Escala', upn: 'escala@contoso.test' };
export const LEADERS = { teamId: 'team-suporte', channelId: '19:lideres@thread.tacv2' };
export const AVISOS = { teamId: 'team-suporte', channelId: '19:avisos-secundarios@thread.tacv2' };
export const WORKFLOW = { id: 'a1b2c3d4e5f6', sig: 'Zm9vYmFyLXNpZ25hdHVyZS1zZWNyZXQ' };

/** A tenant with the desk's team, its leaders' and notices channels, and a Workflows flow. */
export async function startTenant() {
  const people = [ANA, BRUNO, CARLA, SERVICE];
  const members = people.map((person) => person.entraId);
  const graph = await startMicrosoftGraphEmulator({
    users: people.map((person) => ({
      id: person.entraId,
      displayName: person.name,
      userPrincipalName: person.upn,
      teamsAppInstalled: person !== CARLA,
    })),
    teams: [{ id: LEADERS.teamId, channels: [LEADERS.channelId, AVISOS.channelId], members }],
    workflows: [WORKFLOW],
  });
  const base = { graphBaseUrl: graph.url, authorityHost: graph.url, tenantId: graph.tenantId };
  const configs = {
    delegated: (target: { teamId: string; channelId: string } = LEADERS) =>
      microsoftTeamsConfigSchema.parse({
        ...base,
        transport: 'graph',
        clientId: DEFAULT_PUBLIC_APP.clientId,
        target,
        supervisors: { 'N1-E1': [ANA.entraId], N2: [BRUNO.entraId] },
      }),
    appOnlyChannel: () =>
      microsoftTeamsConfigSchema.parse({
        ...base,
        transport: 'graph',
        auth: 'app-only',
        clientId: DEFAULT_CONFIDENTIAL_APP.clientId,
        clientSecret: DEFAULT_CONFIDENTIAL_APP.clientSecret,
        target: LEADERS,
      }),
    activityFeed: () =>
      microsoftTeamsConfigSchema.parse({
        ...base,
        transport: 'activity-feed',
        auth: 'app-only',
        clientId: DEFAULT_CONFIDENTIAL_APP.clientId,
        clientSecret: DEFAULT_CONFIDENTIAL_APP.clientSecret,
        supervisors: { 'N1-E1': [ANA.entraId, CARLA.entraId] },
      }),
    workflows: () =>
      microsoftTeamsConfigSchema.parse({
        transport: 'workflows-webhook',
        workflowUrl: graph.workflowUrl(WORKFLOW.id),
        supervisors: { 'N1-E1': [ANA.entraId] },
      }),
  };
  return { graph, configs };
}

export type Tenant = Awaited<ReturnType<typeof startTenant>>;

/** A port whose core knows the desk's people, linked to their Entra identities. */
export function deskPort(): InMemoryCorePort {
  const port = new InMemoryCorePort();
  for (const person of [ANA, BRUNO, CARLA])
    port.addUser({ displayName: person.name, identities: [{ system: 'entra', id: person.entraId }] });
  return port;
}

export function contextFor(
  config: MicrosoftTeamsConfig,
  port: InMemoryCorePort,
): ConnectorContext<MicrosoftTeamsConfig> {
  return { channelId: randomUUID(), config, port, signal: AbortSignal.timeout(20_000) };
}

/**
 * The admin's onboarding through the connector's own steps: start, the service account's owner
 * enters the code, the status step finishes it. Returns the sealed cache's plain text for reuse.
 */
export async function signInServiceAccount(tenant: Tenant, port: InMemoryCorePort, config: MicrosoftTeamsConfig) {
  const signal = AbortSignal.timeout(20_000);
  const started = await startSignIn(config, port, signal);
  if ((await continueSignIn(config, port, signal)).status !== 'waiting-for-person')
    throw new Error('the sign-in finished before anyone entered the code');
  tenant.graph.approveDeviceCode(started.userCode, SERVICE.entraId);
  const done = await continueSignIn(config, port, signal);
  if (done.status !== 'signed-in') throw new Error(`sign-in ended ${JSON.stringify(done)}`);
  return (await port.secrets.get(TOKEN_CACHE_SECRET))!;
}
