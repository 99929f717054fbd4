import type { EntityManager } from '@mikro-orm/postgresql';

/** The tables holding a `next_…_at` per channel for a scheduled kind of work. */
const SCHEDULES = {
  poll: { table: 'channel_poll_states', dueAt: 'next_poll_at' },
  maintenance: { table: 'channel_maintenance_states', dueAt: 'next_run_at' },
} as const;

/**
 * Claims the enabled channels of `connectorKeys` whose scheduled work is due, once across any
 * number of scheduler instances: a row is claimed with SKIP LOCKED and its due time pushed
 * `leaseSeconds` ahead in the same statement, so another instance passes over it until the work
 * has had time to finish (and then sets the real next due time). A channel new to the schedule is
 * due at once.
 */
export async function claimDueChannels(
  em: EntityManager,
  kind: keyof typeof SCHEDULES,
  connectorKeys: string[],
  leaseSeconds: number,
  batch: number,
): Promise<string[]> {
  if (connectorKeys.length === 0) return [];
  const { table, dueAt } = SCHEDULES[kind];
  const connection = em.getConnection();
  await connection.execute(
    `insert into ${table} (channel_id, ${dueAt})
     select id, now() from channels where enabled and connector_key in (select jsonb_array_elements_text(?::jsonb))
     on conflict do nothing`,
    [JSON.stringify(connectorKeys)],
  );
  const due = await connection.execute<Array<{ channel_id: string }>>(
    `update ${table} set ${dueAt} = now() + make_interval(secs => ?)
      where channel_id in (
        select s.channel_id from ${table} s join channels c on c.id = s.channel_id
         where c.enabled and c.connector_key in (select jsonb_array_elements_text(?::jsonb)) and s.${dueAt} <= now()
         order by s.${dueAt} limit ? for update of s skip locked)
      returning channel_id`,
    [leaseSeconds, JSON.stringify(connectorKeys), batch],
  );
  return due.map((row) => row.channel_id);
}
