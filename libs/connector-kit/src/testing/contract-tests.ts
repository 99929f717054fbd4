import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CONNECTOR_CONTRACT_VERSION,
  type ConnectorContext,
  type ConnectorDefinition,
  type WebhookRequest,
  type WebhookResponse,
} from '../connector-definition.js';
import { ConnectorError, type ConnectorErrorKind } from '../connector-error.js';
import type { ConnectorEvent } from '../connector-event.js';
import { isEventType } from '../events/event-catalogue.js';
import { HttpFailure } from '../http-failure.js';
import { maskSecrets, secretKeys, SECRET_MASK } from '../secret-fields.js';
import { webhookResponseProblem } from '../webhook-response.js';
import { InMemoryCorePort } from './in-memory-core-port.js';
import { sampleEvent } from './sample-events.js';

/** A running fake of the outside service, and a valid config that points the connector at it. */
export interface FakeService<Config> {
  config: Config;
  /** How many times the service applied the effect carrying this idempotency key. */
  effects(idempotencyKey: string): number;
  /** For a polling connector: the service gets one new item its next poll must bring. */
  addInboundItem?(): Promise<void>;
  stop(): Promise<void>;
}

export interface ContractFixture<Schema extends z.ZodObject> {
  startService(): Promise<FakeService<z.input<Schema>>>;
  /** Configs an admin might type that must be refused, with the field the refusal names. */
  invalidConfigs: Array<{ config: unknown; field: string }>;
  /** Real vendor failures (recorded shapes) and the kind each must translate to. */
  vendorErrors: Array<{ name: string; error: unknown; kind: ConnectorErrorKind; retryAfterMs?: number }>;
  /** The connector talks HTTP and translates the kit's `HttpFailure`: the common HTTP cases are checked too. */
  speaksHttp?: boolean;
  /**
   * What a configured channel already holds in every port the suite makes (its state and sealed
   * secrets: a signed-in token cache, posts it follows) and the people linked to it.
   */
  prepareChannel?(port: InMemoryCorePort): void | Promise<void>;
  /** What the core knows before a delivery (a linked reference, a user), read by `deliver` through the port. */
  seedPort?(port: InMemoryCorePort, event: ConnectorEvent): void | Promise<void>;
  /** What the core knows before the first poll (the tickets a sheet's rows name), for connectors that update rather than create. */
  seedPollPort?(port: InMemoryCorePort): void | Promise<void>;
  /** Required when the connector receives webhooks. */
  webhook?: {
    /** A delivery as the service would send and sign it for this config. */
    request(config: z.output<Schema>): WebhookRequest;
    /** A body the service would never send; `receive` must refuse it. */
    unreadableBody: string;
    /**
     * False when the service proves itself with a shared token rather than a signature of the body
     * (as Graph does with `clientState`): a changed body is then not the verifier's to notice.
     */
    signsBody?: boolean;
    /** A check the service makes of the address, and the exact answer it expects (Graph's validationToken echo). */
    handshake?: { request(config: z.output<Schema>): WebhookRequest; response: WebhookResponse };
  };
}

/** A webhook request as the platform hands it over: POST, no query, unless told otherwise. */
export function webhookRequest(request: Partial<WebhookRequest> & { rawBody: string }): WebhookRequest {
  return { method: 'POST', headers: {}, query: {}, ...request };
}

/** The HTTP failures every HTTP connector must read alike (recorded shapes of real services). */
const HTTP_CASES: Array<{ name: string; failure: HttpFailure; kind: ConnectorErrorKind; retryAfterMs?: number }> = [
  {
    name: '429 with Retry-After in seconds',
    failure: new HttpFailure(429, { 'retry-after': '7' }, ''),
    kind: 'rate_limited',
    retryAfterMs: 7000,
  },
  {
    name: '503 with Retry-After as an HTTP date',
    failure: new HttpFailure(503, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }, ''),
    kind: 'temporary',
  },
  {
    name: "Google's 403 rateLimitExceeded",
    failure: new HttpFailure(
      403,
      { 'content-type': 'application/json' },
      JSON.stringify({
        error: {
          code: 403,
          message: 'Rate Limit Exceeded',
          errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }],
        },
      }),
    ),
    kind: 'rate_limited',
  },
  {
    name: 'a plain 403',
    failure: new HttpFailure(403, {}, '{"error":{"code":403,"message":"The caller does not have permission"}}'),
    kind: 'permission',
  },
  { name: '401', failure: new HttpFailure(401, {}, ''), kind: 'authentication' },
  { name: '404', failure: new HttpFailure(404, {}, ''), kind: 'not_found' },
  { name: '400', failure: new HttpFailure(400, {}, '{"error":"bad"}'), kind: 'permanent' },
];

/**
 * The suite every connector runs against itself (`describe` included). It proves the promises the
 * platform relies on: config validation, secret masking, error translation, idempotent delivery
 * and a health check that reports rather than throws.
 */
export function connectorContractTests<Schema extends z.ZodObject>(
  definition: ConnectorDefinition<Schema>,
  fixture: ContractFixture<Schema>,
): void {
  describe(`connector contract: ${definition.key}`, () => {
    let service: FakeService<z.input<Schema>>;
    let port = new InMemoryCorePort();
    const channelId = randomUUID();
    const context = (config: unknown): ConnectorContext<z.output<Schema>> => ({
      channelId,
      config: definition.configSchema.parse(config) as z.output<Schema>,
      signal: AbortSignal.timeout(10_000),
      port,
    });

    const freshPort = async () => {
      port = new InMemoryCorePort();
      await fixture.prepareChannel?.(port);
    };

    beforeAll(async () => {
      service = await fixture.startService();
      await freshPort();
    });
    afterAll(() => service.stop());

    it('names itself and targets this contract version', () => {
      expect(definition.key).toMatch(/^[a-z][a-z0-9-]{1,40}$/);
      expect(definition.displayName.trim()).not.toBe('');
      expect(definition.contractVersion).toBe(CONNECTOR_CONTRACT_VERSION);
      expect(
        definition.deliver || definition.poll || definition.webhook,
        'delivers or produces something',
      ).toBeTruthy();
      if (definition.deliver) expect(definition.consumes.length).toBeGreaterThan(0);
    });

    it('accepts the valid config', () => {
      const result = definition.configSchema.safeParse(service.config);
      expect(result.error?.issues ?? []).toEqual([]);
    });

    it.each(fixture.invalidConfigs)('refuses an invalid config, naming $field', ({ config, field }) => {
      const result = definition.configSchema.safeParse(config);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
    });

    it('masks every secret of the config', () => {
      const config = definition.configSchema.parse(service.config) as Record<string, unknown>;
      const masked = JSON.stringify(maskSecrets(definition.configSchema, config));
      for (const key of secretKeys(definition.configSchema)) {
        const value = config[key];
        if (value === undefined || value === null) continue;
        expect(masked).not.toContain(JSON.stringify(value).slice(1, -1));
        expect(masked).toContain(SECRET_MASK);
      }
    });

    it.each(fixture.vendorErrors)('translates $name to $kind', ({ error, kind, retryAfterMs }) => {
      const translated = definition.translateError(error);
      expect(translated).toBeInstanceOf(ConnectorError);
      expect(translated.kind).toBe(kind);
      if (retryAfterMs !== undefined) expect(translated.retryAfterMs).toBe(retryAfterMs);
    });

    it.skipIf(!fixture.speaksHttp).each(HTTP_CASES)(
      'translates an HTTP $name to $kind, reading headers and body',
      ({ failure, kind, retryAfterMs }) => {
        const translated = definition.translateError(failure);
        expect(translated.kind).toBe(kind);
        if (retryAfterMs !== undefined) expect(translated.retryAfterMs).toBe(retryAfterMs);
        if (failure.headers['retry-after'] && retryAfterMs === undefined)
          expect(translated.retryAfterMs).toBeGreaterThan(60_000);
      },
    );

    it('translates anything unknown to one of our kinds, and keeps ours as they are', () => {
      expect(definition.translateError(new Error('boom'))).toBeInstanceOf(ConnectorError);
      expect(definition.translateError('a string')).toBeInstanceOf(ConnectorError);
      const ours = ConnectorError.permission('no');
      expect(definition.translateError(ours)).toBe(ours);
    });

    it.skipIf(!definition.deliver)('applies a repeated delivery once (idempotency key)', async () => {
      const event = sampleEvent({ type: definition.consumes.find(isEventType) ?? 'ticket.urgent' });
      await fixture.seedPort?.(port, event);
      const key = `${event.id}:${randomUUID()}`;
      const receipt = await definition.deliver!(context(service.config), { event, idempotencyKey: key, attempt: 1 });
      await definition.deliver!(context(service.config), { event, idempotencyKey: key, attempt: 2 });
      expect(service.effects(key)).toBe(1);
      const other = `${event.id}:${randomUUID()}`;
      await definition.deliver!(context(service.config), { event, idempotencyKey: other, attempt: 1 });
      expect(service.effects(other)).toBe(1);
      // The platform links a receipt's id to the event's ticket as a reference of the channel.
      if (receipt.externalId !== undefined) expect(receipt.externalId).toMatch(/^\S.{0,499}$/s);
    });

    it.skipIf(!definition.deliver)(
      'delivers when the core knows nothing of the ticket (reads answer empty)',
      async () => {
        await freshPort();
        const event = sampleEvent({ type: definition.consumes.find(isEventType) ?? 'ticket.urgent' });
        const key = `${event.id}:${randomUUID()}`;
        await definition.deliver!(context(service.config), { event, idempotencyKey: key, attempt: 1 });
        expect(service.effects(key)).toBe(1);
      },
    );

    describe.skipIf(!definition.poll)('poll', () => {
      const applyAll = async (changes: Array<{ key: string; apply(p: InMemoryCorePort): Promise<void> }>) => {
        for (const change of changes) await change.apply(port);
      };

      it('brings new items after the cursor it returned, keeps its state through the port, and repeats keys only for items it read before', async () => {
        await freshPort();
        await fixture.seedPollPort?.(port);
        const poller = definition.poll!;
        expect(poller.intervalSeconds).toBeGreaterThan(0);
        const first = await poller.poll(context(service.config), null);
        const seen = new Set(first.changes.map((change) => change.key));
        expect(seen.size, 'change keys are unique').toBe(first.changes.length);
        await applyAll(first.changes);
        if (!service.addInboundItem)
          throw new Error(
            'a polling connector gives the contract tests a service that can add an item (addInboundItem)',
          );
        await service.addInboundItem();
        const second = await poller.poll(context(service.config), first.cursor);
        const fresh = second.changes.filter((change) => !seen.has(change.key));
        expect(fresh.length, 'the new item comes as a change with a new key').toBeGreaterThan(0);
        // A change may create a ticket, or update one (fields, status, entries), or acknowledge.
        const effects = () =>
          port.tickets.length +
          port.acknowledgements.length +
          port.tickets.reduce((sum, ticket) => sum + ticket.changes.length + ticket.entries.length, 0);
        const effectsBefore = effects();
        await applyAll(second.changes);
        expect(effects(), 'the new change did something').toBeGreaterThan(effectsBefore);
        const third = await poller.poll(context(service.config), second.cursor);
        const known = new Set([...seen, ...second.changes.map((change) => change.key)]);
        expect(
          third.changes.filter((change) => !known.has(change.key)),
          'nothing new, nothing new to apply',
        ).toEqual([]);
      });
    });

    describe.skipIf(!definition.poll?.listen)('poll wake-up (listen)', () => {
      it('says when it listens, wakes the platform when an item arrives, and ends when aborted', async () => {
        const stop = new AbortController();
        let listening!: () => void;
        let woken!: () => void;
        const ready = new Promise<void>((resolve) => (listening = resolve));
        const wake = new Promise<void>((resolve) => (woken = resolve));
        const session = definition.poll!.listen!(
          { ...context(service.config), signal: stop.signal },
          { listening, wake: () => woken() },
        );
        const ended = session.then((outcome) => `the session ended before listening (${String(outcome)})`);
        expect(await Promise.race([ready.then(() => 'listening'), ended]), 'the fake service can push').toBe(
          'listening',
        );
        await service.addInboundItem!();
        await wake;
        stop.abort();
        await expect(session, 'an aborted session ends quietly').resolves.toBeUndefined();
      });
    });

    describe.skipIf(!definition.webhook)('inbound webhook', () => {
      const config = () => context(service.config).config;
      const request = () => {
        if (!fixture.webhook)
          throw new Error(
            'a connector that receives webhooks gives the contract tests a signed request (fixture.webhook)',
          );
        return fixture.webhook.request(config());
      };

      it('accepts a request the service signed', async () => {
        expect(await definition.webhook!.verify(context(service.config), request())).toBe(true);
      });

      it('is handed the method and the parsed query', () => {
        const signed = request();
        expect(typeof signed.method).toBe('string');
        expect(typeof signed.query).toBe('object');
      });

      it.skipIf(!fixture.webhook?.handshake)(
        "answers the service's check of the address exactly as it expects",
        async () => {
          const handshake = fixture.webhook!.handshake!;
          const check = handshake.request(config());
          expect(await definition.webhook!.verify(context(service.config), check)).toBe(true);
          const result = await definition.webhook!.receive(context(service.config), check);
          expect(result.changes).toEqual([]);
          expect(result.response).toEqual(handshake.response);
          expect(webhookResponseProblem(result.response!)).toBeNull();
        },
      );

      it('refuses a request that carries no proof, or whose signed body was changed', async () => {
        const signed = request();
        if (fixture.webhook?.signsBody !== false)
          expect(
            await definition.webhook!.verify(context(service.config), { ...signed, rawBody: `${signed.rawBody} ` }),
          ).toBe(false);
        expect(await definition.webhook!.verify(context(service.config), { ...signed, headers: {} })).toBe(false);
      });

      it('reads the same delivery as the same change keys, so a repeated delivery is applied once', async () => {
        const signed = request();
        const first = await definition.webhook!.receive(context(service.config), signed);
        const again = await definition.webhook!.receive(context(service.config), signed);
        expect(first.changes.length).toBeGreaterThan(0);
        expect(first.changes.every((change) => change.key.trim() !== '')).toBe(true);
        expect(again.changes.map((change) => change.key)).toEqual(first.changes.map((change) => change.key));
        if (first.response) expect(webhookResponseProblem(first.response)).toBeNull();
      });

      it('applies what it received through the port', async () => {
        port = new InMemoryCorePort();
        const received = await definition.webhook!.receive(context(service.config), request());
        for (const change of received.changes) await change.apply(port);
        expect(port.tickets.length + port.acknowledgements.length + port.state.values.size).toBeGreaterThan(0);
      });

      it('refuses a body it cannot read with a permanent error of our vocabulary', async () => {
        const unreadable = { ...request(), rawBody: fixture.webhook!.unreadableBody };
        const error = await definition.webhook!.receive(context(service.config), unreadable).then(
          () => null,
          (thrown: unknown) => definition.translateError(thrown),
        );
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error!.retryable).toBe(false);
      });
    });

    it('reports healthy against the service, and unhealthy once it is gone, without throwing', async () => {
      expect(await definition.health(context(service.config))).toMatchObject({ status: 'healthy' });
      await service.stop();
      const report = await definition.health(context(service.config));
      expect(report.status).toBe('unhealthy');
      expect(report.detail ?? '').not.toBe('');
      service = await fixture.startService();
    });
  });
}
