import type { EntityManager } from '@mikro-orm/postgresql';

export interface DueEvent {
  id: string;
  type: string;
  ticketId: string;
}

/**
 * The `playbook_handled_events` table: the outbox events a playbook follow-up has acted on. An
 * event is claimed in the transaction that acts on it, so any number of instances handle it once.
 */
export const playbookHandledEvents = {
  /** The oldest events of `types` no follow-up has claimed yet. */
  unhandled(em: EntityManager, types: readonly string[], batch: number): Promise<DueEvent[]> {
    return em.execute<DueEvent[]>(
      `select e.id, e.type, e.aggregate_id as "ticketId" from outbox_events e
        where e.type in (?) and not exists (select 1 from playbook_handled_events h where h.event_id = e.id)
        order by e.position limit ?`,
      [[...types], batch],
    );
  },

  /** Claims the event in the caller's transaction; false when another instance already has. */
  async claim(tx: EntityManager, eventId: string, at: Date): Promise<boolean> {
    const claimed = await tx.execute(
      `insert into playbook_handled_events (event_id, handled_at) values (?, ?) on conflict do nothing returning event_id`,
      [eventId, at],
    );
    return claimed.length > 0;
  },
};
