import { Injectable } from '@nestjs/common';
import { Refusal, declareUrgent, DEFAULT_LOCALE, URGENT_TAG } from '@escala/domain';
import { domainEvent } from '../../audit/domain-event.js';
import { CustomerSchema } from '../../persistence/entities/index.js';
import { callerLabel, type TicketCaller } from '../../tickets/ticket-view.js';
import { PlaybookTemplatesService } from '../templates/playbook-templates.service.js';
import { toStored } from '../../persistence/stored-json.js';
import { TicketPlaybookStore } from '../ticket-playbook.repository.js';
import { InoperativeServicesService } from './inoperative-services.service.js';
import type { UrgentInput } from './urgent.schemas.js';

/**
 * docs/playbook.md §3: a service from the catalogue declared inoperative with the customer's urgency tags the
 * ticket URGENTE — which the queue policy makes skip-eligible — and alerts the tier's leader through a
 * `ticket.urgent` outbox event, in the transaction that tags the ticket.
 */
@Injectable()
export class UrgentService {
  constructor(
    private readonly store: TicketPlaybookStore,
    private readonly services: InoperativeServicesService,
    private readonly templates: PlaybookTemplatesService,
  ) {}

  async declare(caller: TicketCaller, ticketId: string, input: UrgentInput) {
    const catalogue = await this.services.catalogue();
    const agentName = callerLabel(caller);
    return this.store.change(caller, ticketId, 'ticket.urgent_declared', async ({ tx, ticket, record, now }) => {
      if (ticket.tags.includes(URGENT_TAG))
        throw Refusal.conflict(`O atendimento ${ticket.number} já está marcado como ${URGENT_TAG}`);
      const declaration = declareUrgent(catalogue, {
        serviceCode: input.serviceCode,
        urgency: input.urgency,
        declaredBy: agentName,
        at: now,
      });
      const customer = await tx.findOne(CustomerSchema, { id: ticket.customerId });
      const number = Number(ticket.number);
      const leaderAlert = await this.templates.render('urgent.leader-alert', DEFAULT_LOCALE, {
        ticketNumber: number,
        customerName: customer?.name ?? '',
        serviceLabel: declaration.alert.serviceLabel,
        urgency: declaration.alert.urgency,
        agentName,
      });
      ticket.tags = [...ticket.tags, URGENT_TAG];
      record.urgent = toStored(declaration.alert);
      return {
        result: {
          ticketId,
          number,
          tags: ticket.tags,
          skipEligible: declaration.skipEligible,
          urgent: declaration.alert,
          leaderAlert,
        },
        after: { tags: ticket.tags, urgent: declaration.alert },
        events: [
          domainEvent('ticket.updated', { ticketId, number, changed: ['tags'] }),
          domainEvent('ticket.urgent', { ticketId, number, declaration: { ...declaration.alert, leaderAlert } }),
        ],
        entries: [{ text: leaderAlert }],
      };
    });
  }
}
