import { describe, expect, it } from 'vitest';
import {
  checkTake,
  leaderMarkedPriority,
  orderQueue,
  skipReasonOf,
  type QueuedTicket,
  type TakeDecision,
} from './queue-policy.js';

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 11, day, hour));

function ticket(ticketId: string, openedDay: number, overrides: Partial<QueuedTicket> = {}): QueuedTicket {
  return {
    ticketId,
    openedAt: at(openedDay),
    queuedAt: at(openedDay),
    tags: [],
    leaderPriority: false,
    customerContactedAgain: false,
    priorityEmailReceived: false,
    ...overrides,
  };
}

// Opened on days 1..5; "d" was escalated into this queue last (day 6); "c" is URGENTE, "e" has a priority e-mail.
const queue = [
  ticket('e', 5, { priorityEmailReceived: true }),
  ticket('b', 2),
  ticket('d', 4),
  ticket('a', 1, { queuedAt: at(6) }),
  ticket('c', 3, { tags: ['urgente'] }),
];

describe('skipReasonOf', () => {
  it.each<[string, Partial<QueuedTicket>, ReturnType<typeof skipReasonOf>]>([
    ['no reason', {}, null],
    ['URGENTE tag', { tags: ['financeiro', 'URGENTE'] }, 'urgent'],
    ['leader-marked priority', { leaderPriority: true }, 'leader-priority'],
    ['customer contacted again', { customerContactedAgain: true }, 'customer-contacted-again'],
    ['priority e-mail', { priorityEmailReceived: true }, 'priority-email'],
    [
      'urgent wins over the others',
      { tags: ['URGENTE'], priorityEmailReceived: true, customerContactedAgain: true, leaderPriority: true },
      'urgent',
    ],
    [
      'leader priority wins over contact and e-mail',
      { priorityEmailReceived: true, customerContactedAgain: true, leaderPriority: true },
      'leader-priority',
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(skipReasonOf(ticket('x', 1, overrides))).toBe(expected);
  });
});

describe('leaderMarkedPriority', () => {
  it.each<[readonly string[], boolean]>([
    [['PRIORIDADE'], true],
    [['financeiro', ' prioridade '], true],
    [['URGENTE'], false],
    [[], false],
  ])('%j → %s', (tags, expected) => {
    expect(leaderMarkedPriority(tags)).toBe(expected);
  });
});

describe('orderQueue', () => {
  it.each<[string, QueuedTicket[], 'opened-at' | 'queued-at', string[]]>([
    [
      'oldest first without skip reasons',
      [ticket('b', 2), ticket('d', 4), ticket('a', 1)],
      'opened-at',
      ['a', 'b', 'd'],
    ],
    ['skip reasons first, oldest first among them', queue, 'opened-at', ['c', 'e', 'a', 'b', 'd']],
    ['by time in the current queue when configured', queue, 'queued-at', ['c', 'e', 'b', 'd', 'a']],
    ['same instant: by id, so every agent sees one order', [ticket('y', 1), ticket('x', 1)], 'opened-at', ['x', 'y']],
  ])('%s', (_label, tickets, order, expected) => {
    expect(orderQueue(tickets, order).map((entry) => entry.ticketId)).toEqual(expected);
  });

  it('shows position, waiting time origin and reason', () => {
    expect(orderQueue(queue).slice(0, 3)).toEqual([
      { ticketId: 'c', position: 1, waitingSince: at(3), skipReason: 'urgent' },
      { ticketId: 'e', position: 2, waitingSince: at(5), skipReason: 'priority-email' },
      { ticketId: 'a', position: 3, waitingSince: at(1), skipReason: null },
    ]);
  });
});

describe('checkTake', () => {
  it.each<[string, QueuedTicket[], string, TakeDecision]>([
    ['the next one', queue, 'c', { outcome: 'in-order' }],
    [
      'a newer one with a reason: allowed, reason and passed-over tickets recorded',
      queue,
      'e',
      { outcome: 'skip', reason: 'priority-email', passedOver: ['c'] },
    ],
    [
      'an older one without a reason while a skip-eligible one waits: refused',
      queue,
      'a',
      { outcome: 'refused', mustTake: 'c' },
    ],
    [
      'the easy one three places down: refused, naming the oldest',
      [ticket('a', 1), ticket('b', 2), ticket('d', 4)],
      'd',
      { outcome: 'refused', mustTake: 'a' },
    ],
    [
      'a newer ticket whose customer contacted again is itself the next one',
      [ticket('a', 1), ticket('b', 2), ticket('z', 9, { customerContactedAgain: true })],
      'z',
      { outcome: 'in-order' },
    ],
    ['a ticket not in this queue', queue, 'nope', { outcome: 'not-queued' }],
    ['an empty queue', [], 'a', { outcome: 'not-queued' }],
  ])('%s', (_label, tickets, chosen, expected) => {
    expect(checkTake(tickets, chosen)).toEqual(expected);
  });
});
