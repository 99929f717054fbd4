import type { ConnectorDefinition, HealthReport } from '@escala/connector-kit';
import type { CallPort } from './core-ports.js';

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Runs a connector's health check so that nothing it does can break the caller: a throw, a hang or
 * an unreadable config all become an unhealthy report. The detail is the connector's own words,
 * never the config. State the check wrote is kept (by the caller's commit) only when it returned.
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
    // A check that threw did not return: what it wrote to the state is not kept.
    port.state.discard();
    return { status: 'unhealthy', detail: definition.translateError(error).message };
  }
}
