import { randomUUID } from 'node:crypto';
import { ConnectorError, type ConnectorEvent, type EventType } from '@escala/connector-kit';
import { InMemoryCorePort, sampleEvent } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appOnlyToken, TOKEN_CACHE_SECRET } from '../src/entra-tokens.js';
import { GraphApi, messagesPath } from '../src/graph-api.js';
import type { MicrosoftTeamsConfig } from '../src/microsoft-teams.config.js';
import { microsoftTeamsConnector } from '../src/microsoft-teams.connector.js';
import { translateTeamsError } from '../src/teams-errors.js';
import {
  ANA,
  BRUNO,
  CARLA,
  contextFor,
  deskPort,
  LEADERS,
  SERVICE,
  signInServiceAccount,
  startTenant,
  WORKFLOW,
  type Tenant,
} from './teams-tenant.js';

let tenant: Tenant;
let config: MicrosoftTeamsConfig;
let port: InMemoryCorePort;
let signedIn = '';

beforeAll(async () => {
  tenant = await startTenant();
  config = tenant.configs.delegated();
  port = deskPort();
  signedIn = await signInServiceAccount(tenant, port, config);
});
afterAll(() => tenant.graph.close());
beforeEach(() => tenant.graph.faults.clear());

const deliver = (event: ConnectorEvent, attempt = 1, key = `${event.id}:${randomUUID()}`, to = config, on = port) =>
  microsoftTeamsConnector.deliver!(contextFor(to, on), { event, idempotencyKey: key, attempt });

const posted = () => tenant.graph.messages(LEADERS);
const cardOf = (message: { attachments: unknown[] }) =>
  JSON.parse((message.attachments[0] as { content: string }).content) as {
    body: Array<{ text?: string; facts?: Array<{ title: string; value: string }> }>;
    actions: Array<{ url: string; title: string }>;
  };
const newMessages = async (run: () => Promise<unknown>) => {
  const before = posted().length;
  await run();
  return posted().slice(before);
};

describe('leader alerts through Graph as the signed-in service account (real Graph client + MSAL against the emulator)', () => {
  it('turns an URGENTE ticket into exactly one pt-BR card in the leaders channel, @mentioning the unit supervisor, with a deep link', async () => {
    const event = sampleEvent({ type: 'ticket.urgent' });
    const key = `${event.id}:leaders`;
    const [message, ...more] = await newMessages(async () => {
      const receipt = await deliver(event, 1, key);
      expect(receipt.externalId).toMatch(/^\d+$/);
      // The platform retries an event whose outcome it could not record: no second card.
      expect((await deliver(event, 2, key)).externalId).toBe(receipt.externalId);
    });
    expect(more).toEqual([]);
    expect(message!.from.user.id).toBe(SERVICE.entraId);
    expect(message!.mentions).toEqual([
      {
        id: 0,
        mentionText: ANA.name,
        mentioned: { user: { id: ANA.entraId, displayName: ANA.name, userIdentityType: 'aadUser' } },
      },
    ]);
    expect(message!.body.content).toContain(`<at id="0">${ANA.name}</at>`);
    const card = cardOf(message!);
    expect(card.body[0]!.text).toBe('URGENTE — chamado #1234');
    const facts = Object.fromEntries(card.body[1]!.facts!.map((fact) => [fact.title, fact.value]));
    expect(facts).toMatchObject({
      Cliente: 'Mercado Bom Preço',
      'Serviço parado': 'Busca NF-e',
      Urgência: 'Loja parada sem emitir notas',
      'Declarado por': 'Ana Lima',
      Prazos: 'análise: 03/12/2026, 11:00',
    });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Abrir chamado', url: event.payload.ticket.url }]);
    expect(tenant.graph.refused().filter((request) => request.path.startsWith('/v1.0/'))).toEqual([]);
  });

  it('posts an SLA warning and a breach once each, saying tier, clock, due time, assignee and blamed tier', async () => {
    const warning = sampleEvent({ type: 'sla.warning' });
    const breach = sampleEvent({ type: 'sla.breached' });
    const messages = await newMessages(async () => {
      for (const attempt of [1, 2])
        for (const event of [warning, breach]) await deliver(event, attempt, `${event.id}:leaders`);
    });
    expect(messages.map((message) => cardOf(message).body[0]!.text)).toEqual([
      'SLA em risco (80%) — chamado #1234',
      'SLA vencido — chamado #1234',
    ]);
    const facts = Object.fromEntries(cardOf(messages[1]!).body[1]!.facts!.map((fact) => [fact.title, fact.value]));
    expect(facts).toMatchObject({
      'Nível do prazo': 'N1-E1',
      Relógio: 'análise',
      'Vence em': '03/12/2026, 11:00',
      Responsabilidade: 'N1-E1',
      Responsável: 'Ana Lima',
    });
    expect(messages.every((message) => message.mentions.length === 1)).toBe(true);
  });

  it('speaks English when the channel is set to it', async () => {
    const [message] = await newMessages(() =>
      deliver(sampleEvent({ type: 'sla.breached' }), 1, randomUUID(), { ...config, locale: 'en', timeZone: 'UTC' }),
    );
    const card = cardOf(message!);
    expect(card.body[0]!.text).toBe('SLA breached — ticket #1234');
    expect(card.actions[0]!.title).toBe('Open ticket');
  });

  it('alerts the escalation target unit, third-party milestones and requests waiting for a leader', async () => {
    const events: ConnectorEvent[] = (
      [
        'ticket.escalated',
        'third_party.resend_due',
        'third_party.report_due',
        'error_sheet.requested',
        'ticket.priority_requested',
      ] as EventType[]
    ).map((type) => sampleEvent({ type }));
    const messages = await newMessages(async () => {
      for (const event of events) await deliver(event);
    });
    expect(messages.map((message) => cardOf(message).body[0]!.text)).toEqual([
      'Chamado #1234 escalado para N2',
      'Terceiro sem resposta há 24 h — chamado #1234',
      'Terceiro sem resposta há 72 h — chamado #1234',
      'Inclusão na planilha de correção aguardando líder — chamado #1234',
      'Pedido de prioridade aguardando líder — chamado #1234',
    ]);
    // The escalation goes to N2's supervisor, the others to the ticket's unit (N1-E1).
    expect(messages.map((message) => (message.mentions[0] as { mentionText: string }).mentionText)).toEqual([
      BRUNO.name,
      ANA.name,
      ANA.name,
      ANA.name,
      ANA.name,
    ]);
  });

  it('mentions nobody who is not linked to an active Escala user', async () => {
    const nobodyLinked = new InMemoryCorePort();
    await nobodyLinked.secrets.put(TOKEN_CACHE_SECRET, signedIn);
    const [message] = await newMessages(() =>
      deliver(sampleEvent({ type: 'ticket.urgent' }), 1, randomUUID(), config, nobodyLinked),
    );
    expect(message!.mentions).toEqual([]);
    expect(message!.body.content).not.toMatch(/<at id=/);
  });
});

describe('faults: Retry-After honoured, never a double post', () => {
  it('a 429 storm delays the card but never duplicates it', async () => {
    const event = sampleEvent({ type: 'ticket.urgent' });
    const key = `${event.id}:storm`;
    tenant.graph.faults.next(6, { status: 429, retryAfter: 0, match: (request) => request.method === 'POST' });
    const messages = await newMessages(async () => {
      // The client retries a throttled POST itself (3 times, honouring Retry-After), then hands it back.
      const failure = await deliver(event, 1, key).catch((error: unknown) =>
        microsoftTeamsConnector.translateError(error),
      );
      expect(failure).toMatchObject({ kind: 'rate_limited', retryAfterMs: 0 });
      // The platform's next attempt checks first, then posts.
      await deliver(event, 2, key);
      await deliver(event, 3, key);
    });
    expect(messages).toHaveLength(1);
    expect(
      tenant.graph.received.filter((request) => request.method === 'POST' && request.faulted && request.status === 429),
    ).toHaveLength(6);
  });

  it('a 503 after the message landed is answered by the check, not by a second POST', async () => {
    const event = sampleEvent({ type: 'ticket.urgent' });
    tenant.graph.faults.next(1, {
      status: 503,
      retryAfter: 0,
      afterHandling: true,
      match: (request) => request.method === 'POST',
    });
    const messages = await newMessages(async () => {
      const receipt = await deliver(event);
      expect(receipt.externalId).toMatch(/^\d+$/);
    });
    expect(messages).toHaveLength(1);
  });

  it('a 504 before anything landed fails as temporary, and the next attempt posts once', async () => {
    const event = sampleEvent({ type: 'ticket.urgent' });
    const key = `${event.id}:gateway`;
    tenant.graph.faults.next(1, { status: 504, match: (request) => request.method === 'POST' });
    const messages = await newMessages(async () => {
      const failure = await deliver(event, 1, key).catch((error: unknown) =>
        microsoftTeamsConnector.translateError(error),
      );
      expect(failure).toMatchObject({ kind: 'temporary' });
      await deliver(event, 2, key);
    });
    expect(messages).toHaveLength(1);
  });
});

describe('configuration errors are said at "test connection", not dropped', () => {
  it('an app-only configuration that would post to a channel is refused clearly by test connection and by delivery', async () => {
    const appOnly = tenant.configs.appOnlyChannel();
    const report = await microsoftTeamsConnector.health(contextFor(appOnly, deskPort()));
    expect(report.status).toBe('unhealthy');
    expect(report.detail).toMatch(/app-only \(client-credentials\) tokens.*sign in a service account by device code/);
    const error = await deliver(sampleEvent({ type: 'ticket.urgent' }), 1, randomUUID(), appOnly).catch((e: unknown) =>
      microsoftTeamsConnector.translateError(e),
    );
    expect(error).toMatchObject({ kind: 'invalid_configuration', retryable: false });
  });

  it("reads Graph's own refusal of an app-only POST as the same configuration error", async () => {
    const appOnly = tenant.configs.appOnlyChannel();
    const api = new GraphApi(appOnly, () => appOnlyToken(appOnly), AbortSignal.timeout(10_000));
    const refusal = await api
      .post(messagesPath(LEADERS), { body: { contentType: 'text', content: 'x' } })
      .catch((error: unknown) => translateTeamsError(error));
    expect(refusal).toBeInstanceOf(ConnectorError);
    expect(refusal).toMatchObject({ kind: 'invalid_configuration' });
  });

  it('an expired or revoked delegated grant makes the channel unhealthy with a clear message, and deliveries fail as authentication', async () => {
    const own = deskPort();
    await signInServiceAccount(tenant, own, config);
    expect(await microsoftTeamsConnector.health(contextFor(config, own))).toMatchObject({ status: 'healthy' });
    tenant.graph.breakGrants(SERVICE.entraId, 'invalid_grant');
    tenant.graph.expireAccessTokens();
    try {
      const report = await microsoftTeamsConnector.health(contextFor(config, own));
      expect(report.status).toBe('unhealthy');
      expect(report.detail).toMatch(
        /service account escala@contoso\.test expired or was revoked .*invalid_grant.*sign in again by device code/,
      );
      const failure = await deliver(sampleEvent({ type: 'ticket.urgent' }), 1, randomUUID(), config, own).catch(
        (e: unknown) => microsoftTeamsConnector.translateError(e),
      );
      expect(failure).toMatchObject({ kind: 'authentication' });
    } finally {
      tenant.graph.restoreGrants(SERVICE.entraId);
    }
  });

  it('refreshes silently when only the access token expired', async () => {
    tenant.graph.expireAccessTokens();
    const messages = await newMessages(() => deliver(sampleEvent({ type: 'ticket.urgent' })));
    expect(messages).toHaveLength(1);
  });
});

describe('the other transports', () => {
  it('activity feed (app-only): notifies each supervisor with the deep link, and says when the Teams app is missing', async () => {
    const feed = tenant.configs.activityFeed();
    const event = sampleEvent({ type: 'ticket.urgent' });
    const before = tenant.graph.notifications.length;
    const error = await deliver(event, 1, randomUUID(), feed).catch((e: unknown) =>
      microsoftTeamsConnector.translateError(e),
    );
    const [notification] = tenant.graph.notifications.slice(before);
    expect(notification).toMatchObject({
      userId: ANA.entraId,
      body: { topic: { source: 'text', value: 'URGENTE — chamado #1234', webUrl: event.payload.ticket.url } },
    });
    expect(error).toMatchObject({ kind: 'invalid_configuration' });
    expect((error as ConnectorError).message).toMatch(/Teams app is not installed/);
    expect((error as ConnectorError).message).toContain(CARLA.entraId);
  });

  it('Workflows webhook: posts the card with the supervisor mentioned inside it; a wrong URL signature is an authentication error', async () => {
    const workflows = tenant.configs.workflows();
    const before = tenant.graph.workflowPosts.length;
    expect(await deliver(sampleEvent({ type: 'ticket.urgent' }), 1, randomUUID(), workflows)).toEqual({});
    const [post] = tenant.graph.workflowPosts.slice(before);
    const card = post!.body.attachments[0]!.content as unknown as { msteams: unknown; body: Array<{ text?: string }> };
    expect(card.msteams).toEqual({
      entities: [{ type: 'mention', text: `<at>${ANA.name}</at>`, mentioned: { id: ANA.entraId, name: ANA.name } }],
    });
    expect(card.body[0]!.text).toBe('URGENTE — chamado #1234');
    const forged = {
      ...workflows,
      workflowUrl: workflows.workflowUrl!.replace(WORKFLOW.sig, 'forged-signature-000000000000'),
    };
    const error = await deliver(sampleEvent({ type: 'ticket.urgent' }), 1, randomUUID(), forged).catch((e: unknown) =>
      microsoftTeamsConnector.translateError(e),
    );
    expect(error).toMatchObject({ kind: 'authentication' });
  });
});
