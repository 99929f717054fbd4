import type { EventPayload, EventType } from '@escala/connector-kit';

/**
 * A payload as a writer supplies it. The ticket summary is the outbox's to add, at commit (see
 * migration `event_catalogue`), so a writer never builds it and never gets it wrong.
 */
export type EventDraftPayload<T extends EventType> = Omit<EventPayload<T>, 'ticket'>;

export type DomainEventDraft<T extends EventType = EventType> = {
  [K in T]: { type: K; payload: EventDraftPayload<K> };
}[T];

/** An event for the outbox, typed by the kit's catalogue: a payload of the wrong shape does not compile. */
export function domainEvent<T extends EventType>(type: T, payload: EventDraftPayload<T>): DomainEventDraft<T> {
  return { type, payload } as DomainEventDraft<T>;
}
