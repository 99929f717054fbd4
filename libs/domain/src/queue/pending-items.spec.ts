import { describe, expect, it } from 'vitest';
import { pendingItems, type HeldTicketFacts, type PendingItem } from './pending-items.js';

const now = new Date('2026-12-07T15:00:00-03:00');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const inHours = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

function held(overrides: Partial<HeldTicketFacts>): HeldTicketFacts {
  return {
    ticketId: 't',
    lastCustomerMessageAt: null,
    lastPublicReplyAt: null,
    followUpAt: null,
    owedSteps: [],
    commitments: [],
    ...overrides,
  };
}

describe('pendingItems', () => {
  it.each<[string, Partial<HeldTicketFacts>, Pick<PendingItem, 'kind' | 'since'>[]]>([
    ['nothing owed', {}, []],
    [
      'a customer message after our last reply',
      { lastCustomerMessageAt: hoursAgo(1), lastPublicReplyAt: hoursAgo(2) },
      [{ kind: 'customer-reply-unanswered', since: hoursAgo(1) }],
    ],
    [
      'a customer message never answered',
      { lastCustomerMessageAt: hoursAgo(3) },
      [{ kind: 'customer-reply-unanswered', since: hoursAgo(3) }],
    ],
    [
      'a customer message we already answered',
      { lastCustomerMessageAt: hoursAgo(2), lastPublicReplyAt: hoursAgo(1) },
      [],
    ],
    ['a follow-up whose time has come', { followUpAt: hoursAgo(0) }, [{ kind: 'follow-up-due', since: now }]],
    ['a follow-up still ahead', { followUpAt: inHours(1) }, []],
    [
      'a third-party resend due, a cancellation contact not yet due',
      {
        owedSteps: [
          { kind: 'third-party', description: 'reenviar pedido ao terceiro (24 h)', dueAt: hoursAgo(1) },
          { kind: 'cancellation', description: 'contatar o cliente sobre o cancelamento', dueAt: inHours(2) },
        ],
      },
      [{ kind: 'third-party-step-owed', since: hoursAgo(1) }],
    ],
    [
      'a cancellation contact due',
      { owedSteps: [{ kind: 'cancellation', description: 'contato', dueAt: hoursAgo(4) }] },
      [{ kind: 'cancellation-step-owed', since: hoursAgo(4) }],
    ],
    [
      'an overdue own commitment, a kept one and one still ahead',
      {
        commitments: [
          { description: 'retorno até 14:00', dueAt: hoursAgo(1), doneAt: null },
          { description: 'retorno até 12:00', dueAt: hoursAgo(3), doneAt: hoursAgo(4) },
          { description: 'retorno até 17:00', dueAt: inHours(2), doneAt: null },
        ],
      },
      [{ kind: 'commitment-overdue', since: hoursAgo(1) }],
    ],
  ])('%s', (_label, facts, expected) => {
    expect(pendingItems([held(facts)], now).map(({ kind, since }) => ({ kind, since }))).toEqual(expected);
  });

  it('cannot be gamed by parking: the status is not an input, the unanswered message stays pending until a reply', () => {
    const parked = held({ ticketId: 'parked', lastCustomerMessageAt: hoursAgo(1), lastPublicReplyAt: hoursAgo(5) });
    expect(pendingItems([parked], now)).toHaveLength(1);
    expect(pendingItems([{ ...parked, lastPublicReplyAt: hoursAgo(0) }], now)).toEqual([]);
  });

  it('lists every item of every held ticket, oldest first, with its description', () => {
    const items = pendingItems(
      [
        held({ ticketId: 'a', followUpAt: hoursAgo(1) }),
        held({
          ticketId: 'b',
          lastCustomerMessageAt: hoursAgo(2),
          owedSteps: [{ kind: 'third-party', description: 'relatório 72 h', dueAt: hoursAgo(3) }],
        }),
      ],
      now,
    );
    expect(items).toEqual([
      { ticketId: 'b', kind: 'third-party-step-owed', since: hoursAgo(3), description: 'relatório 72 h' },
      { ticketId: 'b', kind: 'customer-reply-unanswered', since: hoursAgo(2), description: null },
      { ticketId: 'a', kind: 'follow-up-due', since: hoursAgo(1), description: null },
    ]);
  });
});
