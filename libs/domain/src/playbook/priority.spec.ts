import { describe, expect, it } from 'vitest';
import {
  decidePriorityRequest,
  implementationItemsAtRisk,
  recordCustomerDeadline,
  requestPriority,
} from './priority.js';

const at = new Date('2026-11-23T12:00:00Z');
const day = (d: number) => new Date(at.getTime() + d * 86_400_000).toISOString().slice(0, 10);

describe('priority sense', () => {
  it('keeps customer deadlines in due order', () => {
    const deadlines = recordCustomerDeadline(
      recordCustomerDeadline([], {
        description: 'Entrega da EFD-Reinf',
        dueOn: day(10),
        recordedBy: 'joana',
        recordedAt: at,
      }),
      { description: ' Fechamento da folha ', dueOn: day(3), recordedBy: 'joana', recordedAt: at },
    );
    expect(deadlines.map((deadline) => deadline.description)).toEqual(['Fechamento da folha', 'Entrega da EFD-Reinf']);
    expect(() =>
      recordCustomerDeadline([], { description: '', dueOn: day(1), recordedBy: 'j', recordedAt: at }),
    ).toThrow(/Describe/);
  });

  it('asks for dev-request prioritisation only when N2/N3 are involved and the SS is named', () => {
    const base = {
      kind: 'dev-request-prioritisation',
      requestedBy: 'joana',
      at,
      justification: 'Prazo do SPED',
      devRequestRef: 'SS-4411',
    } as const;
    expect(requestPriority({ ...base, involvedTiers: ['N1', 'N2'] })).toMatchObject({
      status: 'pending',
      devRequestRef: 'SS-4411',
    });
    expect(() => requestPriority({ ...base, involvedTiers: ['N1'] })).toThrow(/N2 or N3/);
    expect(() => requestPriority({ ...base, devRequestRef: '', involvedTiers: ['N3'] })).toThrow(
      /Name the dev request/,
    );
  });

  it('lets a leader approve or decline once, a decline with its reason', () => {
    const request = requestPriority({
      kind: 'ticket-priority',
      requestedBy: 'joana',
      at,
      justification: 'Fechamento hoje',
      involvedTiers: ['N1'],
    });
    expect(() => decidePriorityRequest(request, { approve: true, by: 'joana', roles: ['agent'], at })).toThrow(
      /Only a leader/,
    );
    expect(() => decidePriorityRequest(request, { approve: false, by: 'carla', roles: ['leader'], at })).toThrow(/why/);
    const approved = decidePriorityRequest(request, { approve: true, by: 'carla', roles: ['leader'], at });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'carla', declineReason: null });
    expect(() =>
      decidePriorityRequest(approved, { approve: false, by: 'carla', roles: ['leader'], at, declineReason: 'x' }),
    ).toThrow(/already approved/);
    expect(
      decidePriorityRequest(request, {
        approve: false,
        by: 'carla',
        roles: ['leader'],
        at,
        declineReason: 'Fila de urgências cheia',
      }).status,
    ).toBe('declined');
  });

  it('shows the implementation items within the deadline window or touching the affected module', () => {
    const items = [
      { id: 'past', scheduledFor: day(-2), module: 'Fiscal', status: 'scheduled' },
      { id: 'in-window', scheduledFor: day(2), module: 'Contábil', status: 'scheduled' },
      { id: 'in-window-cancelled', scheduledFor: day(3), module: 'Contábil', status: 'cancelled' },
      { id: 'after-window-same-module', scheduledFor: day(20), module: 'fiscal', status: 'scheduled' },
      { id: 'after-window', scheduledFor: day(30), module: 'Folha', status: 'scheduled' },
    ];
    const deadlines = [{ description: 'SPED', dueOn: day(5), recordedBy: 'j', recordedAt: at }];
    expect(
      implementationItemsAtRisk(items, { today: day(0), deadlines, affectedModule: 'Fiscal' }).map((item) => item.id),
    ).toEqual(['in-window', 'after-window-same-module']);
    expect(implementationItemsAtRisk(items, { today: day(0), deadlines: [] }).map((item) => item.id)).toEqual([]);
  });
});
