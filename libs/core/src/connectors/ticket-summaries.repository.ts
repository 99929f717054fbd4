import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ConnectorEvent, TicketSummary } from '@escala/connector-kit';
import { CONNECTOR_SETTINGS, type ConnectorSettings } from './connector-settings.js';

/** A ticket by id or by its human number. */
export type TicketKey = { id: string } | { number: number };

/**
 * The ticket summary as connectors see it. The database builds it (`escala_ticket_summary`, the one
 * place, also used by the outbox at commit); the deep link is added here, when it is read or
 * delivered, so it always follows the deployment's current `ESCALA_PUBLIC_URL`.
 */
@Injectable()
export class TicketSummaries {
  constructor(
    private readonly em: EntityManager,
    @Inject(CONNECTOR_SETTINGS) private readonly settings: ConnectorSettings,
  ) {}

  async read(key: TicketKey): Promise<TicketSummary | null> {
    const [row] = await this.em
      .getConnection()
      .execute<Array<{ summary: Omit<TicketSummary, 'url'> }>>(
        'id' in key
          ? `select escala_ticket_summary(id) as summary from tickets where id = ?`
          : `select escala_ticket_summary(id) as summary from tickets where number = ?`,
        ['id' in key ? key.id : key.number],
      );
    return row ? this.linked(row.summary) : null;
  }

  /** The event a channel receives: the stored one, its ticket summary with the deep link. */
  delivered<E extends { payload: Record<string, unknown> }>(event: E): E & ConnectorEvent {
    const ticket = event.payload['ticket'] as Omit<TicketSummary, 'url'> | undefined;
    if (!ticket) return event as E & ConnectorEvent;
    return { ...event, payload: { ...event.payload, ticket: this.linked(ticket) } } as E & ConnectorEvent;
  }

  private linked(summary: Omit<TicketSummary, 'url'>): TicketSummary {
    return { ...summary, url: `${this.settings.publicUrl}/tickets/${summary.id}` };
  }
}
