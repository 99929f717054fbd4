import { FakeHttpReceiver, SAMPLE_PAYLOADS } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FAST_DELIVERY, queryDatabase, writeOutboxEvents } from './support/outbox.js';
import { ADMIN_PASSWORD, startTestApp, TEST_SECRET_KEY, type TestApp } from './support/test-app.js';
import { buildServer, startServerProcess, type ServerProcess } from './support/worker-process.js';

interface Attempt {
  outcome: string;
}

describe('crash: the worker process is SIGKILLed in mid-delivery', () => {
  let t: TestApp;
  let admin: string;
  let receiver: FakeHttpReceiver;
  let worker: ServerProcess | undefined;
  const workerEnv = () => ({
    ...FAST_DELIVERY,
    DATABASE_URL: t.databaseUrl,
    ESCALA_ROLES: 'scheduler,worker',
    ESCALA_SECRET_KEY: TEST_SECRET_KEY,
    ESCALA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ESCALA_DELIVERY_CONCURRENCY: '2',
    LOG_LEVEL: 'warn',
  });

  // Compiling the server (tsc -b) on a busy 2-core machine can take well over a minute.
  beforeAll(async () => {
    [t] = await Promise.all([startTestApp({ ESCALA_ROLES: 'api' }), buildServer()]);
    admin = await t.login('admin', ADMIN_PASSWORD);
    receiver = await FakeHttpReceiver.start();
  }, 240_000);
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await receiver.stop();
    await t.close();
  });

  it(
    'after a restart, delivers each event to each channel, and each effect happens once',
    { timeout: 60_000 },
    async () => {
      const channels: string[] = [];
      for (const name of ['Sheet sync', 'Leader alerts']) {
        const response = await t.request('POST', '/channels', {
          token: admin,
          body: { connector: 'webhook', name, config: { url: receiver.url }, subscription: { eventTypes: ['*'] } },
        });
        channels.push(response.body.id);
      }
      // The first delivery reaches the service, which acts on it, but the answer never comes back.
      receiver.failNext({ hang: true });
      worker = await startServerProcess(workerEnv());
      const events = await writeOutboxEvents(
        t.databaseUrl,
        Array.from({ length: 5 }, (_, i) => ({
          type: 'ticket.created' as const,
          payload: { ...SAMPLE_PAYLOADS['ticket.created'], number: i + 1 },
        })),
      );

      await receiver.until(() => receiver.requests.some((request) => request.status === null));
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toBeNull();
      const delivering = await queryDatabase(
        t.databaseUrl,
        `select 1 from channel_deliveries where status = 'delivering'`,
      );
      expect(delivering.length).toBeGreaterThan(0);

      worker = await startServerProcess(workerEnv());
      await eventually(
        'every delivery done after the restart',
        async () => {
          const rows = await queryDatabase<{ status: string }>(t.databaseUrl, `select status from channel_deliveries`);
          return rows.length === 10 && rows.every((row) => row.status === 'delivered');
        },
        30_000,
      );

      const expected = events.flatMap((event) => channels.map((channel) => `${event.id}.${channel}`));
      expect(receiver.appliedKeys().sort()).toEqual(expected.sort());

      // A key seen twice by the service is exactly a delivery whose first attempt the crash cut off.
      const log = await t.request('GET', '/channels/' + channels[0] + '/deliveries', { token: admin });
      const other = await t.request('GET', '/channels/' + channels[1] + '/deliveries', { token: admin });
      const items = [...log.body.items, ...other.body.items] as Array<{
        eventId: string;
        channelId: string;
        attemptLog: Attempt[];
      }>;
      const interrupted = items.filter((item) => item.attemptLog.some((attempt) => attempt.outcome === 'interrupted'));
      expect(interrupted.length).toBeGreaterThan(0);
      for (const item of items) {
        const cutOff = item.attemptLog.filter((attempt) => attempt.outcome === 'interrupted').length;
        expect(receiver.acceptedCount(`${item.eventId}.${item.channelId}`)).toBeLessThanOrEqual(1 + cutOff);
        expect(item.attemptLog.at(-1)!.outcome).toBe('delivered');
      }
      expect(receiver.unexpected).toEqual([]);
    },
  );
});
