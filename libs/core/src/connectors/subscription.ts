import type { ConnectorEvent } from '@escala/connector-kit';
import type { ChannelSubscription } from '../persistence/entities/index.js';

function facet(payload: Record<string, unknown>, name: string): string[] {
  const value = payload[name];
  if (Array.isArray(value)) return value.map(String);
  return value === undefined || value === null ? [] : [String(value)];
}

/**
 * Whether a channel receives an event: its type is subscribed (`*` for all), and each facet the
 * subscription narrows (tier, stage, tag, category) matches what the event's payload carries.
 * An event without a facet the subscription narrows does not match: a leader who asked for N2
 * alerts only should not get alerts that say nothing about the tier.
 */
export function matchesSubscription(
  subscription: ChannelSubscription,
  event: Pick<ConnectorEvent, 'type' | 'payload'>,
): boolean {
  const typeMatches = subscription.eventTypes.some(
    (type) => type === '*' || type === event.type || (type.endsWith('.*') && event.type.startsWith(type.slice(0, -1))),
  );
  if (!typeMatches) return false;
  const narrowings: Array<[string[], string]> = [
    [subscription.tiers, 'tier'],
    [subscription.stages, 'stage'],
    [subscription.tags, 'tags'],
    [subscription.categories, 'category'],
  ];
  return narrowings.every(
    ([wanted, name]) => wanted.length === 0 || facet(event.payload, name).some((value) => wanted.includes(value)),
  );
}
