import { FakeHttpReceiver } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FAST_DELIVERY, queryDatabase, writeOutboxEvents } from './support/outbox.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { expectCatalogued } from './support/event-catalogue.js';

describe('dead letters: a delivery that cannot succeed stops and raises an alert', () => {
  let t: TestApp;
  let admin: string;
  let failing: FakeHttpReceiver;
  let leaders: FakeHttpReceiver;
  const channel = async (name: string, url: string, eventTypes: string[]) =>
    (
      await t.request('POST', '/channels', {
        token: admin,
        body: { connector: 'webhook', name, config: { url }, subscription: { eventTypes } },
      })
    ).body.id as string;

  beforeAll(async () => {
    t = await startTestApp({ ...FAST_DELIVERY, ESCALA_DELIVERY_MAX_ATTEMPTS: '3' });
    admin = await t.login('admin', ADMIN_PASSWORD);
    failing = await FakeHttpReceiver.start();
    leaders = await FakeHttpReceiver.start();
  });
  afterAll(async () => {
    await failing.stop();
    await leaders.stop();
    await t.close();
  });

  it('gives up after the maximum attempts on a service that stays down, and alerts the subscribed channel', async () => {
    const down = await channel('Always down', failing.url, ['ticket.urgent']);
    const alerts = await channel('Leader alerts', leaders.url, ['connector.delivery_dead_lettered']);
    failing.failNext(...Array.from({ length: 3 }, () => ({ status: 503 })));
    const [event] = await writeOutboxEvents(t.databaseUrl, [{ type: 'ticket.urgent' }]);

    const alert = await eventually('the alert reaches the leaders', async () =>
      leaders.deliveries().find((r) => r.status === 200),
    );
    expect(JSON.parse(alert.body)).toMatchObject({
      type: 'connector.delivery_dead_lettered',
      aggregateType: 'channel',
      aggregateId: down,
      payload: { eventId: event!.id, eventType: 'ticket.urgent', attempts: 3, errorKind: 'temporary' },
    });
    const log = await t.request('GET', `/channels/${down}/deliveries?status=dead`, { token: admin });
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ status: 'dead', attempts: 3, lastErrorKind: 'temporary' });
    expect(failing.deliveries()).toHaveLength(3);
    expect((await t.request('GET', `/channels/${alerts}/deliveries`, { token: admin })).body.items[0].status).toBe(
      'delivered',
    );
  });

  it('does not retry what waiting cannot fix (refused credentials)', async () => {
    const refused = await channel('Refused', failing.url, ['ticket.status_changed']);
    failing.failNext({ status: 401 });
    await writeOutboxEvents(t.databaseUrl, [{ type: 'ticket.status_changed' }]);
    const [dead] = await eventually('the delivery is dead-lettered', async () => {
      const rows = await queryDatabase(
        t.databaseUrl,
        `select attempts, last_error_kind from channel_deliveries where channel_id = $1 and status = 'dead'`,
        [refused],
      );
      return rows.length > 0 && rows;
    });
    expect(dead).toEqual({ attempts: 1, last_error_kind: 'authentication' });
  });

  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(t, ['connector.delivery_dead_lettered']);
  });
});
