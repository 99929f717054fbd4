import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntryAttachment } from '@escala/connector-kit';

export const TRIAGE_STATUSES = ['open', 'redirected', 'dismissed'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/** A held message as the desk sees it. */
export interface TriageItem {
  id: string;
  channel: { id: string; name: string };
  sender: { email: string; name: string | null };
  subject: string;
  body: string;
  attachments: EntryAttachment[];
  sourceUrl: string | null;
  externalReference: { system: string; id: string } | null;
  category: string | null;
  receivedAt: string;
  status: TriageStatus;
  /** What a person made of it: where it went, or why it was dismissed. */
  outcome: Record<string, unknown> | null;
  handledBy: string | null;
  handledAt: string | null;
}

export interface HeldMessage {
  key: string;
  senderEmail: string;
  senderName: string | null;
  subject: string;
  body: string;
  attachments: EntryAttachment[];
  sourceUrl: string | null;
  externalReference: { system: string; id: string } | null;
  category: string | null;
  receivedAt: Date;
}

const COLUMNS = `i.id, json_build_object('id', c.id, 'name', c.name) as channel,
  json_build_object('email', i.sender_email, 'name', i.sender_name) as sender, i.subject, i.body, i.attachments,
  i.source_url as "sourceUrl",
  case when i.external_id is null then null
       else json_build_object('system', i.external_system, 'id', i.external_id) end as "externalReference",
  i.category, to_char(i.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "receivedAt",
  i.status, i.outcome, i.handled_by as "handledBy",
  to_char(i.handled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "handledAt"`;
const FROM = `from triage_items i join channels c on c.id = i.channel_id`;

// `do nothing` answers no row for a key held before: the second statement finds the first item.
const HOLD = `insert into triage_items (id, channel_id, item_key, sender_email, sender_name, subject, body, attachments,
    source_url, external_system, external_id, category, received_at, created_at)
  values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::timestamptz, now())
  on conflict (channel_id, item_key) do nothing returning id`;

/**
 * The `triage_items` table: messages waiting for the relationship desk, one per message and
 * channel, and what a person made of each.
 */
@Injectable()
export class TriageItems {
  /** Holds the message once: `recorded` is false when the channel held this key before. */
  async hold(tx: EntityManager, channelId: string, message: HeldMessage): Promise<{ id: string; recorded: boolean }> {
    const [added] = await tx.execute<Array<{ id: string }>>(HOLD, [
      channelId,
      message.key,
      message.senderEmail,
      message.senderName,
      message.subject,
      message.body,
      JSON.stringify(message.attachments),
      message.sourceUrl,
      message.externalReference?.system ?? null,
      message.externalReference?.id ?? null,
      message.category,
      message.receivedAt.toISOString(),
    ]);
    if (added) return { id: added.id, recorded: true };
    const [held] = await tx.execute<Array<{ id: string }>>(
      `select id from triage_items where channel_id = ? and item_key = ?`,
      [channelId, message.key],
    );
    return { id: held!.id, recorded: false };
  }

  /** The open items, oldest first (the partial index's order). */
  async open(em: EntityManager, limit: number): Promise<TriageItem[]> {
    return em.execute<TriageItem[]>(
      `select ${COLUMNS} ${FROM} where i.status = 'open' order by i.received_at, i.id limit ?`,
      [limit],
    );
  }

  async find(em: EntityManager, id: string): Promise<TriageItem | null> {
    const [row] = await em.execute<TriageItem[]>(`select ${COLUMNS} ${FROM} where i.id = ?`, [id]);
    return row ?? null;
  }

  /** The item locked until the caller's transaction ends: two people handling it at once take turns. */
  async lock(tx: EntityManager, id: string): Promise<TriageItem | null> {
    const [row] = await tx.execute<TriageItem[]>(`select ${COLUMNS} ${FROM} where i.id = ? for update of i`, [id]);
    return row ?? null;
  }

  async close(
    tx: EntityManager,
    id: string,
    close: { status: Exclude<TriageStatus, 'open'>; outcome: Record<string, unknown>; by: string; at: Date },
  ): Promise<void> {
    await tx.execute(
      `update triage_items set status = ?, outcome = ?::jsonb, handled_by = ?, handled_at = ?::timestamptz where id = ?`,
      [close.status, JSON.stringify(close.outcome), close.by, close.at.toISOString(), id],
    );
  }
}
