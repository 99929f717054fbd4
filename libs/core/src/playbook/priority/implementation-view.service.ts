import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { implementationItemsAtRisk, type CustomerDeadline } from '@escala/domain';
import { Clock } from '../../clock/clock.service.js';
import { ImplementationItemSchema } from '../../persistence/entities/index.js';
import { TicketsService } from '../../tickets/tickets.service.js';

/**
 * "Visualizar implantação" (docs/playbook.md §9.4): the customer's scheduled implementation items the problem may
 * put at risk — up to the latest customer deadline recorded on the ticket, or touching its module.
 */
@Injectable()
export class ImplementationViewService {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly clock: Clock,
  ) {}

  async forTicket(ticketId: string) {
    const ticket = await this.tickets.get(ticketId);
    const rows = await this.em.find(ImplementationItemSchema, { customerId: ticket.customerId });
    const items = rows.map((row) => ({
      id: row.id,
      scheduledFor: row.scheduledFor,
      module: row.module,
      status: row.status,
      notes: row.notes ?? null,
    }));
    const today = this.clock.now().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
    // Only the due dates matter to the window; who recorded them does not.
    const deadlines = ticket.deadlines.map(
      (deadline) => ({ ...deadline, recordedBy: '', recordedAt: ticket.createdAt }) satisfies CustomerDeadline,
    );
    return {
      today,
      deadlines: ticket.deadlines,
      affectedModule: ticket.module ?? null,
      items: implementationItemsAtRisk(items, { today, deadlines, affectedModule: ticket.module }),
    };
  }
}
