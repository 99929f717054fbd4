import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CONNECTOR_CONTRACT_VERSION,
  type ConnectorContext,
  type ConnectorDefinition,
  type WebhookRequest,
} from '../connector-definition.js';
import { ConnectorError, type ConnectorErrorKind } from '../connector-error.js';
import type { ConnectorEvent } from '../connector-event.js';
import { maskSecrets, secretKeys, SECRET_MASK } from '../secret-fields.js';

/** A running fake of the outside service, and a valid config that points the connector at it. */
export interface FakeService<Config> {
  config: Config;
  /** How many times the service applied the effect carrying this idempotency key. */
  effects(idempotencyKey: string): number;
  stop(): Promise<void>;
}

export interface ContractFixture<Schema extends z.ZodObject> {
  startService(): Promise<FakeService<z.input<Schema>>>;
  /** Configs an admin might type that must be refused, with the field the refusal names. */
  invalidConfigs: Array<{ config: unknown; field: string }>;
  /** Real vendor failures (recorded shapes) and the kind each must translate to. */
  vendorErrors: Array<{ name: string; error: unknown; kind: ConnectorErrorKind; retryAfterMs?: number }>;
  /** Required when the connector receives webhooks. */
  webhook?: {
    /** A delivery as the service would send and sign it for this config. */
    request(config: z.output<Schema>): WebhookRequest;
    /** A body the service would never send; `receive` must refuse it. */
    unreadableBody: string;
  };
}

export function sampleEvent(overrides: Partial<ConnectorEvent> = {}): ConnectorEvent {
  return {
    id: randomUUID(),
    type: 'ticket.urgent',
    aggregateType: 'ticket',
    aggregateId: randomUUID(),
    occurredAt: new Date().toISOString(),
    payload: { ticketNumber: 1234, subject: 'Busca NF-e parada', tier: 'N1' },
    ...overrides,
  };
}

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
    const context = (config: unknown): ConnectorContext<z.output<Schema>> => ({
      channelId: randomUUID(),
      config: definition.configSchema.parse(config) as z.output<Schema>,
      signal: AbortSignal.timeout(10_000),
    });

    beforeAll(async () => {
      service = await fixture.startService();
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

    it('translates anything unknown to one of our kinds, and keeps ours as they are', () => {
      expect(definition.translateError(new Error('boom'))).toBeInstanceOf(ConnectorError);
      expect(definition.translateError('a string')).toBeInstanceOf(ConnectorError);
      const ours = ConnectorError.permission('no');
      expect(definition.translateError(ours)).toBe(ours);
    });

    it.skipIf(!definition.deliver)('applies a repeated delivery once (idempotency key)', async () => {
      const event = sampleEvent({ type: definition.consumes.find((t) => t !== '*') ?? 'ticket.urgent' });
      const key = `${event.id}:${randomUUID()}`;
      await definition.deliver!(context(service.config), { event, idempotencyKey: key, attempt: 1 });
      await definition.deliver!(context(service.config), { event, idempotencyKey: key, attempt: 2 });
      expect(service.effects(key)).toBe(1);
      const other = `${event.id}:${randomUUID()}`;
      await definition.deliver!(context(service.config), { event, idempotencyKey: other, attempt: 1 });
      expect(service.effects(other)).toBe(1);
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

      it('refuses a request whose body was changed, or that carries no proof', async () => {
        const signed = request();
        expect(
          await definition.webhook!.verify(context(service.config), { ...signed, rawBody: `${signed.rawBody} ` }),
        ).toBe(false);
        expect(
          await definition.webhook!.verify(context(service.config), { headers: {}, rawBody: signed.rawBody }),
        ).toBe(false);
      });

      it('reads the same delivery as the same change keys, so a repeated delivery is applied once', async () => {
        const signed = request();
        const first = await definition.webhook!.receive(context(service.config), signed);
        const again = await definition.webhook!.receive(context(service.config), signed);
        expect(first.length).toBeGreaterThan(0);
        expect(first.every((change) => change.key.trim() !== '')).toBe(true);
        expect(again.map((change) => change.key)).toEqual(first.map((change) => change.key));
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
