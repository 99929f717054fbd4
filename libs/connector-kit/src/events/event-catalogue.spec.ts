import { describe, expect, it } from 'vitest';
import { parseConnectorEvent } from '../connector-event.js';
import { SAMPLE_PAYLOADS, sampleEvent } from '../testing/sample-events.js';
import { EVENT_CATALOGUE, EVENT_TYPES, TICKET_EVENT_TYPES } from './event-catalogue.js';

describe('the event catalogue', () => {
  it.each(EVENT_TYPES)('%s: its sample payload matches its schema, and the sample event parses', (type) => {
    expect(EVENT_CATALOGUE[type].parse(SAMPLE_PAYLOADS[type])).toEqual(SAMPLE_PAYLOADS[type]);
    expect(parseConnectorEvent(sampleEvent({ type })).type).toBe(type);
  });

  it('names every type one way: lower-case words, one dot between the aggregate and the fact', () => {
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
  });

  it('carries the ticket summary in every ticket, SLA, third-party and error-sheet event', () => {
    expect(TICKET_EVENT_TYPES).toEqual(
      EVENT_TYPES.filter((type) => /^(ticket|sla|third_party|error_sheet)\./.test(type)),
    );
  });

  it('refuses a payload that is not the declared shape, naming the path', () => {
    const urgent = sampleEvent({ type: 'ticket.urgent' });
    expect(() => parseConnectorEvent({ ...urgent, payload: { ...urgent.payload, ticketNumber: 1234 } })).toThrow(
      /ticketNumber/,
    );
    const { tier: _, ...withoutTier } = urgent.payload.ticket.unit;
    expect(() =>
      parseConnectorEvent({
        ...urgent,
        payload: { ...urgent.payload, ticket: { ...urgent.payload.ticket, unit: withoutTier } },
      }),
    ).toThrow(/tier/);
    expect(() => parseConnectorEvent({ ...urgent, type: 'ticket.exploded' })).toThrow(/not an event type/);
  });
});
