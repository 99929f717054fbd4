import type { TicketSummary } from '@escala/connector-kit';
import type { ChannelSubscription } from '../persistence/entities/index.js';

/** The facets a subscription narrows on, as the event's ticket summary states them. */
function facets(
  payload: Record<string, unknown>,
): Record<'tiers' | 'stages' | 'units' | 'tags' | 'categories', string[]> {
  const ticket = payload['ticket'] as Partial<TicketSummary> | null | undefined;
  const present = (...values: Array<string | number | null | undefined>) =>
    values.filter((value) => value !== null && value !== undefined).map(String);
  return {
    tiers: present(ticket?.unit?.tier),
    stages: present(ticket?.unit?.stage),
    units: present(ticket?.unit?.key),
    tags: ticket?.tags ?? [],
    categories: present(ticket?.category),
  };
}

/**
 * Whether a channel receives an event: its type is subscribed (`*` for all), and each facet the
 * subscription narrows (tier, stage, unit, tag, category) matches the ticket the event is about,
 * read from the summary every ticket-related event carries. An event about no ticket does not
 * match a narrowed subscription: a leader who asked for N2 alerts only should not get alerts that
 * say nothing about the tier.
 */
export function matchesSubscription(
  subscription: ChannelSubscription,
  event: { type: string; payload: Record<string, unknown> },
): boolean {
  const typeMatches = subscription.eventTypes.some(
    (type) => type === '*' || type === event.type || (type.endsWith('.*') && event.type.startsWith(type.slice(0, -1))),
  );
  if (!typeMatches) return false;
  const carried = facets(event.payload);
  return (['tiers', 'stages', 'units', 'tags', 'categories'] as const).every((name) => {
    // Channels saved before `units` existed have no such list: no narrowing.
    const wanted = subscription[name] ?? [];
    return wanted.length === 0 || carried[name].some((value) => wanted.includes(value));
  });
}
