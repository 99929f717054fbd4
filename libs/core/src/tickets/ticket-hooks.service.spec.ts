import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Ticket } from '../persistence/entities/index.js';
import { TicketHooks } from './ticket-hooks.service.js';

const tx = { flush: async () => undefined } as unknown as EntityManager;
const ticket = { id: 't-1' } as Ticket;
const caller = { system: 'test' } as const;

describe('ticket change hooks', () => {
  it('run for every change except the actions they ignore, which is what listensTo reports', async () => {
    const hooks = new TicketHooks();
    const ran: string[] = [];
    hooks.onChange(
      async (_tx, _ticket, action) => void ran.push(`queue:${action}`),
      (action) => action === 'ticket.taken',
    );
    hooks.onChange(async (_tx, _ticket, action) => void ran.push(`any:${action}`));

    await hooks.changed(tx, ticket, 'ticket.taken', caller);
    await hooks.changed(tx, ticket, 'ticket.updated', caller);

    expect(ran).toEqual(['any:ticket.taken', 'queue:ticket.updated', 'any:ticket.updated']);
    expect(hooks.listensTo('ticket.taken')).toBe(true);
  });

  it('listen to nothing the registered hooks all ignore', () => {
    const hooks = new TicketHooks();
    hooks.onChange(
      async () => undefined,
      (action) => action === 'ticket.taken',
    );
    expect(hooks.listensTo('ticket.taken')).toBe(false);
    expect(hooks.listensTo('ticket.updated')).toBe(true);
  });
});
