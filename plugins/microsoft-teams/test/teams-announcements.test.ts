import { randomUUID } from 'node:crypto';
import type { InboundChange } from '@escala/connector-kit';
import { sampleEvent, type InMemoryCorePort } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackedAnnouncements, saveTracked } from '../src/announcement-tracking.js';
import type { MicrosoftTeamsConfig } from '../src/microsoft-teams.config.js';
import { microsoftTeamsConnector } from '../src/microsoft-teams.connector.js';
import {
  ANA,
  AVISOS,
  BRUNO,
  CARLA,
  contextFor,
  deskPort,
  SERVICE,
  signInServiceAccount,
  startTenant,
  type Tenant,
} from './teams-tenant.js';

let tenant: Tenant;
let config: MicrosoftTeamsConfig;
let port: InMemoryCorePort;
let messageId: string;
const announcement = sampleEvent({ type: 'announcement.published' });

async function poll() {
  const result = await microsoftTeamsConnector.poll!.poll(contextFor(config, port), null);
  for (const change of result.changes as InboundChange[]) await change.apply(port);
  return result.changes.map((change) => change.key);
}

/** The pending list a leader sees: the audience minus the acknowledgements the core recorded. */
function notAcknowledged() {
  const acknowledged = new Set(port.acknowledgements.map((ack) => (ack.member as { userId: string }).userId));
  return announcement.payload.audience
    .filter((member) => !acknowledged.has(member.userId))
    .map((member) => member.displayName);
}

beforeAll(async () => {
  tenant = await startTenant();
  config = { ...tenant.configs.delegated(AVISOS), reminderAfterHours: 4 };
  port = deskPort();
  await signInServiceAccount(tenant, port, config);
  // Seed 002 §5: everyone in "Avisos Importantes Secundários" must like the post.
  const [ana, bruno, carla] = await Promise.all(
    [ANA, BRUNO, CARLA].map((person) => port.findUserByExternalIdentity({ system: 'entra', id: person.entraId })),
  );
  announcement.payload = {
    ...announcement.payload,
    group: 'Avisos Importantes Secundários',
    title: 'Homologações de NFS-e de Curitiba',
    body: 'A partir de amanhã, homologações de NFS-e de Curitiba só pelo N1 estágio 2.',
    audience: [ana!, bruno!, carla!].map((user) => ({
      userId: user.id,
      login: user.displayName,
      displayName: user.displayName,
      email: null,
    })),
  };
  const receipt = await microsoftTeamsConnector.deliver!(contextFor(config, port), {
    event: announcement,
    idempotencyKey: `${announcement.id}:avisos`,
    attempt: 1,
  });
  messageId = receipt.externalId!;
});
afterAll(() => tenant.graph.close());

describe('announcements in Teams, acknowledged by reactions', () => {
  it('posts the announcement to the notices channel, asking for a like', () => {
    const [message] = tenant.graph.messages(AVISOS);
    expect(message!.id).toBe(messageId);
    const card = JSON.parse((message!.attachments[0] as { content: string }).content) as {
      body: Array<{ text: string }>;
    };
    expect(card.body.map((block) => block.text)).toEqual([
      'Homologações de NFS-e de Curitiba',
      'A partir de amanhã, homologações de NFS-e de Curitiba só pelo N1 estágio 2.',
      'Curta esta mensagem (👍) para confirmar a leitura.',
    ]);
  });

  it('records a like and an emoji reaction as acknowledgements of those members, once, and leaves strangers alone', async () => {
    tenant.graph.addReaction(AVISOS, messageId, ANA.entraId, 'like');
    tenant.graph.addReaction(AVISOS, messageId, BRUNO.entraId, '👍');
    tenant.graph.addReaction(AVISOS, messageId, SERVICE.entraId, 'heart'); // not linked to anyone in Escala
    const ana = await port.findUserByExternalIdentity({ system: 'entra', id: ANA.entraId });
    const bruno = await port.findUserByExternalIdentity({ system: 'entra', id: BRUNO.entraId });
    expect(await poll()).toEqual([
      `ack:${announcement.payload.announcementId}:${ana!.id}`,
      `ack:${announcement.payload.announcementId}:${bruno!.id}`,
    ]);
    expect(port.acknowledgements.map((ack) => [ack.member, ack.via])).toEqual([
      [{ userId: ana!.id }, 'teams-reaction'],
      [{ userId: bruno!.id }, 'teams-reaction'],
    ]);
    expect(await poll()).toEqual([]);
    expect(notAcknowledged()).toEqual([CARLA.name]);
  });

  it('reminds, @mentioning them, those who have not acknowledged once the configured time passed — once', async () => {
    expect(await poll()).toEqual([]);
    expect(tenant.graph.messages(AVISOS)).toHaveLength(1);
    // Four hours later (the channel's reminderAfterHours): the post is older than that now.
    const tracked = await trackedAnnouncements(port);
    await saveTracked(
      port,
      tracked.map((item) => ({ ...item, postedAt: new Date(Date.now() - 4 * 3_600_000 - 1000).toISOString() })),
    );
    await poll();
    await poll();
    const [, reminder, ...more] = tenant.graph.messages(AVISOS);
    expect(more).toEqual([]);
    expect(reminder!.mentions).toEqual([
      {
        id: 0,
        mentionText: CARLA.name,
        mentioned: { user: { id: CARLA.entraId, displayName: CARLA.name, userIdentityType: 'aadUser' } },
      },
    ]);
    const card = JSON.parse((reminder!.attachments[0] as { content: string }).content) as {
      body: Array<{ text: string }>;
    };
    expect(card.body[0]!.text).toBe('Lembrete: confirme a leitura do aviso "Homologações de NFS-e de Curitiba"');
    expect(card.body[2]!.text).toBe(CARLA.name);
  });

  it("posts a leader's reminder request to the channel, mentioning the pending members", async () => {
    const carla = await port.findUserByExternalIdentity({ system: 'entra', id: CARLA.entraId });
    const request = sampleEvent({ type: 'announcement.reminder_requested' });
    request.payload = {
      ...request.payload,
      title: 'Homologações de NFS-e de Curitiba',
      pending: [{ userId: carla!.id, login: 'carla', displayName: CARLA.name, email: null }],
    };
    const receipt = await microsoftTeamsConnector.deliver!(contextFor(config, port), {
      event: request,
      idempotencyKey: randomUUID(),
      attempt: 1,
    });
    const reminder = tenant.graph.messages(AVISOS).find((message) => message.id === receipt.externalId);
    expect(reminder!.mentions).toHaveLength(1);
    expect(tenant.graph.refused().filter((r) => r.path.startsWith('/v1.0/'))).toEqual([]);
  });
});
