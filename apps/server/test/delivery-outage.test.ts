import { FakeHttpReceiver } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FAST_DELIVERY, queryDatabase, writeOutboxEvents, type WrittenEvent } from './support/outbox.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

interface Attempt {
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  retryAfterMs: number | null;
}

describe('outage: the receiver fails with 503, then 429 + Retry-After, then recovers', () => {
  let t: TestApp;
  let admin: string;
  let receiver: FakeHttpReceiver;
  let channelId: string;
  let events: WrittenEvent[];

  beforeAll(async () => {
    t = await startTestApp(FAST_DELIVERY);
    admin = await t.login('admin', ADMIN_PASSWORD);
    receiver = await FakeHttpReceiver.start();
    const channel = await t.request('POST', '/channels', {
      token: admin,
      body: {
        connector: 'webhook',
        name: 'Outage',
        config: { url: receiver.url },
        subscription: { eventTypes: ['ticket.*'] },
      },
    });
    channelId = channel.body.id;
    receiver.failNext(
      ...Array.from({ length: 6 }, () => ({ status: 503 })),
      ...Array.from({ length: 3 }, () => ({ status: 429, retryAfter: '1' })),
    );
    events = await writeOutboxEvents(t.databaseUrl, [
      { type: 'ticket.created' },
      { type: 'ticket.urgent' },
      { type: 'ticket.escalated' },
      { type: 'sla.warning' },
    ]);
    await eventually('every subscribed event delivered', async () => {
      const rows = await queryDatabase(t.databaseUrl, `select 1 from channel_deliveries where status = 'delivered'`);
      return rows.length === 3;
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  it('delivers every subscribed event exactly once, and nothing it was not subscribed to', () => {
    const subscribed = events.filter((event) => event.type.startsWith('ticket.'));
    const keys = subscribed.map((event) => `${event.id}.${channelId}`);
    expect(receiver.appliedKeys().sort()).toEqual(keys.sort());
    for (const key of keys) expect(receiver.acceptedCount(key)).toBe(1);
    expect(receiver.unexpected).toEqual([]);
    expect(
      receiver
        .deliveries()
        .map((r) => r.status)
        .filter((s) => s !== 200),
    ).toHaveLength(9);
  });

  it('waits at least the Retry-After before trying again after a 429', async () => {
    const log = await t.request('GET', `/channels/${channelId}/deliveries`, { token: admin });
    const afterRateLimit = log.body.items.flatMap(({ attemptLog }: { attemptLog: Attempt[] }) =>
      attemptLog.flatMap((attempt, index) =>
        attempt.outcome === 'rate_limited' ? [{ limited: attempt, next: attemptLog[index + 1]! }] : [],
      ),
    );
    expect(afterRateLimit).toHaveLength(3);
    for (const { limited, next } of afterRateLimit) {
      expect(limited.retryAfterMs).toBe(1000);
      expect(Date.parse(next.startedAt) - Date.parse(limited.finishedAt!)).toBeGreaterThanOrEqual(1000);
    }
  });

  it("shows every attempt in the channel's delivery log, and each event's status per channel", async () => {
    const log = await t.request('GET', `/channels/${channelId}/deliveries`, { token: admin });
    expect(log.status).toBe(200);
    const attempts = log.body.items.flatMap((item: { attemptLog: Attempt[] }) => item.attemptLog);
    expect(attempts).toHaveLength(3 + 9);
    expect(attempts.filter((a: Attempt) => a.outcome === 'temporary')).toHaveLength(6);
    expect(log.body.items.map((item: { status: string }) => item.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
    for (const item of log.body.items) {
      expect(item.attemptLog.at(-1).outcome).toBe('delivered');
      expect(item.attempts).toBe(item.attemptLog.length);
    }

    const urgent = events.find((event) => event.type === 'ticket.urgent')!;
    const perChannel = await t.request('GET', `/outbox-events/${urgent.id}/deliveries`, { token: admin });
    expect(perChannel.body.items).toEqual([
      expect.objectContaining({ channelName: 'Outage', status: 'delivered', eventType: 'ticket.urgent' }),
    ]);
    const unsubscribed = events.find((event) => event.type === 'sla.warning')!;
    expect(
      (await t.request('GET', `/outbox-events/${unsubscribed.id}/deliveries`, { token: admin })).body.items,
    ).toEqual([]);
  });
});
