import type { ConnectorDefinition, HealthReport } from '@escala/connector-kit';
import type { CallPort } from './core-ports.js';

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Runs a connector's health check so that nothing it does can break the caller: a throw, a hang or
 * an unreadable config all become an unhealthy report. The detail is the connector's own words,
 * never the config.
 */
export async function probeHealth(
  definition: ConnectorDefinition,
  channelId: string,
  config: () => Record<string, unknown>,
  port: CallPort,
): Promise<HealthReport> {
  try {
    const parsed = definition.configSchema.parse(config());
    return await definition.health({
      channelId,
      config: parsed,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      port,
    });
  } catch (error) {
    return { status: 'unhealthy', detail: definition.translateError(error).message };
  }
}
