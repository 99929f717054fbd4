import type { EntityManager } from '@mikro-orm/postgresql';

/** The tables holding a `next_…_at` per channel for a scheduled kind of work. */
const SCHEDULES = {
  poll: { table: 'channel_poll_states', dueAt: 'next_poll_at', wakeable: true },
  maintenance: { table: 'channel_maintenance_states', dueAt: 'next_run_at', wakeable: false },
} as const;

/**
 * Claims the enabled channels of `connectorKeys` whose scheduled work is due, once across any
 * number of scheduler instances: a row is claimed with SKIP LOCKED and its due time pushed
 * `leaseSeconds` ahead in the same statement, so another instance passes over it until the work
 * has had time to finish (and then sets the real next due time). A channel new to the schedule is
 * due at once. A wakeable schedule (polls) is also due when a listener woke it and no run holds it;
 * the claim takes the wake-up, so one that comes during the run brings the next run forward.
 */
export async function claimDueChannels(
  em: EntityManager,
  kind: keyof typeof SCHEDULES,
  connectorKeys: string[],
  leaseSeconds: number,
  batch: number,
): Promise<string[]> {
  if (connectorKeys.length === 0) return [];
  const { table, dueAt, wakeable } = SCHEDULES[kind];
  const woken = wakeable ? `or (s.woken_at is not null and coalesce(s.claimed_until, '-infinity') < now())` : '';
  const claim = wakeable ? `, woken_at = null, claimed_until = now() + make_interval(secs => ?)` : '';
  const connection = em.getConnection();
  await connection.execute(
    `insert into ${table} (channel_id, ${dueAt})
     select id, now() from channels where enabled and connector_key in (select jsonb_array_elements_text(?::jsonb))
     on conflict do nothing`,
    [JSON.stringify(connectorKeys)],
  );
  const due = await connection.execute<Array<{ channel_id: string }>>(
    `update ${table} set ${dueAt} = now() + make_interval(secs => ?)${claim}
      where channel_id in (
        select s.channel_id from ${table} s join channels c on c.id = s.channel_id
         where c.enabled and c.connector_key in (select jsonb_array_elements_text(?::jsonb))
           and (s.${dueAt} <= now() ${woken})
         order by s.${dueAt} limit ? for update of s skip locked)
      returning channel_id`,
    [leaseSeconds, ...(wakeable ? [leaseSeconds] : []), JSON.stringify(connectorKeys), batch],
  );
  return due.map((row) => row.channel_id);
}
