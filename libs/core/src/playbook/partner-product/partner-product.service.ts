import { Injectable } from '@nestjs/common';
import { domainEvent } from '../../audit/domain-event.js';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  DEFAULT_LOCALE,
  markPartnerProduct,
  partnerProductTexts,
  pendingPartnerNotifications,
  historyMessage,
  recordPartnerNotified,
  type PartnerCase,
} from '@escala/domain';
import type { Principal } from '../../auth/principal.js';
import { CustomerSchema } from '../../persistence/entities/index.js';
import { TicketHooks } from '../../tickets/ticket-hooks.service.js';
import { callerLabel } from '../../tickets/ticket-view.js';
import { PlaybookTemplatesService } from '../templates/playbook-templates.service.js';
import { revive, toStored } from '../../persistence/stored-json.js';
import { TicketPlaybookStore } from '../ticket-playbook.repository.js';
import type { z } from 'zod';
import type { PartnerNotificationBody, PartnerProductBody } from './partner-product.schemas.js';

/**
 * docs/playbook.md §8: a demand about a partner's product tells the customer the partner will
 * contact them and asks the leader (internal note) to notify the partner's support; it stays on the
 * leader's pending list until the notification is recorded.
 */
@Injectable()
export class PartnerProductService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: TicketPlaybookStore,
    private readonly templates: PlaybookTemplatesService,
    private readonly hooks: TicketHooks,
  ) {}

  mark(caller: Principal, ticketId: string, input: z.infer<typeof PartnerProductBody>) {
    return this.store.change(caller, ticketId, 'ticket.partner_product_marked', async ({ tx, ticket, record, now }) => {
      if (record.partnerCase) throw Refusal.conflict('This demand is already marked as a partner product');
      const partnerCase = markPartnerProduct({ ...input, markedBy: callerLabel(caller), at: now });
      const customer = await tx.findOne(CustomerSchema, { id: ticket.customerId });
      const texts = partnerProductTexts(await this.templates.source(), DEFAULT_LOCALE, partnerCase, {
        ticketNumber: String(ticket.number),
        customerName: customer?.name ?? '',
        agentName: callerLabel(caller),
      });
      const customerMessage = await this.hooks.publicReplyText(
        ticket,
        { kind: 'public', body: texts.customerMessage, attachments: [], sensitiveData: [] },
        caller,
      );
      record.partnerCase = toStored(partnerCase);
      return {
        result: { partnerCase, customerMessage, leaderNote: texts.leaderNote },
        after: { partnerCase: record.partnerCase },
        events: [
          domainEvent('ticket.partner_product_marked', {
            ticketId,
            number: Number(ticket.number),
            partnerName: partnerCase.partnerName,
            productName: partnerCase.productName,
          }),
        ],
        entries: [
          { kind: 'public' as const, text: customerMessage },
          { kind: 'internal' as const, text: texts.leaderNote },
        ],
      };
    });
  }

  recordNotified(caller: Principal, ticketId: string, input: z.infer<typeof PartnerNotificationBody>) {
    return this.store.change(caller, ticketId, 'ticket.partner_notified', async ({ record, now }) => {
      const current = revive<PartnerCase>(record.partnerCase);
      if (!current) throw Refusal.conflict('This demand is not marked as a partner product');
      const partnerCase = recordPartnerNotified(current, { at: now, by: callerLabel(caller), ...input }, caller.roles);
      record.partnerCase = toStored(partnerCase);
      return {
        result: { partnerCase },
        after: { notification: record.partnerCase.notification },
        entries: [
          {
            text: historyMessage('partner.support-notified', {
              partner: partnerCase.partnerName,
              by: callerLabel(caller),
              note: input.note,
            }),
          },
        ],
      };
    });
  }

  /** The leader's pending list: partner cases whose partner was not notified yet, oldest first. */
  async pending() {
    const rows = await this.em
      .getConnection()
      .execute<{ ticketId: string; number: string; subject: string; partnerCase: Record<string, unknown> }[]>(
        `select p.ticket_id as "ticketId", t.number, t.subject, p.partner_case as "partnerCase"
         from ticket_playbook p join tickets t on t.id = p.ticket_id
        where p.partner_case is not null and p.partner_case -> 'notification' = 'null'::jsonb`,
      );
    const items = rows.map((row) => ({
      ticketId: row.ticketId,
      number: Number(row.number),
      subject: row.subject,
      partnerCase: revive<PartnerCase>(row.partnerCase)!,
    }));
    return { items: pendingPartnerNotifications(items) };
  }
}
