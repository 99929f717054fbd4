import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  benefitNeededBy,
  customerEntitlements,
  DEFAULT_ENTITLEMENTS,
  DEFAULT_LOCALE,
  evaluateCategoryEntitlement,
  historyMessage,
  type CustomerProduct,
  type Locale,
} from '@escala/domain';
import { Clock } from '../../clock/clock.service.js';
import type { Ticket } from '../../persistence/entities/index.js';
import { TicketEntriesService } from '../../tickets/ticket-entries.service.js';
import { TicketHooks } from '../../tickets/ticket-hooks.service.js';
import { TicketsService } from '../../tickets/tickets.service.js';

// Built once: a formatter per call (what toLocaleDateString does) costs more than the rest of the check.
const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Sao_Paulo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The tag a ticket gets when its category needs a benefit the customer's contracts do not include. */
export const NOT_ENTITLED_TAG = 'SEM-DIREITO';

/**
 * docs/playbook.md §6: what the customer's products entitle them to, shown on the ticket, and checked when a
 * ticket's category needs a benefit. A request the customer is not entitled to is still recorded —
 * it may come by e-mail, and someone must answer it — but tagged SEM-DIREITO with the reason in an
 * internal note, so the agent sees why before replying.
 */
@Injectable()
export class EntitlementsService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly entries: TicketEntriesService,
    private readonly hooks: TicketHooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onCreation(async (write, ticket, caller) => {
      // Most categories need no benefit: their creations are spared the read of the customer's products.
      if (!benefitNeededBy(DEFAULT_ENTITLEMENTS, ticket.category)) return;
      const products = await this.products(this.em, ticket.customerId);
      const today = this.today();
      const decide = (locale: Locale) =>
        evaluateCategoryEntitlement(DEFAULT_ENTITLEMENTS, products, ticket.category, locale, today);
      const decision = decide(DEFAULT_LOCALE);
      if (!decision) return;
      if (!decision.allowed) ticket.tags = [...ticket.tags, NOT_ENTITLED_TAG];
      // The note reads in either language: the rule's explanation is worded in each.
      const explanation = { 'pt-BR': decision.explanation, en: decide('en')?.explanation ?? decision.explanation };
      const key = decision.allowed ? 'entitlement.verified' : 'entitlement.missing';
      this.entries.appendTo(write, ticket, caller, 'internal', historyMessage(key, { explanation }));
    });
  }

  async forTicket(ticketId: string) {
    const ticket: Ticket = await this.tickets.get(ticketId);
    const products = await this.products(this.em, ticket.customerId);
    return {
      customerId: ticket.customerId,
      products,
      entitlements: customerEntitlements(DEFAULT_ENTITLEMENTS, products, DEFAULT_LOCALE, this.today()),
      category: {
        category: ticket.category,
        decision: evaluateCategoryEntitlement(
          DEFAULT_ENTITLEMENTS,
          products,
          ticket.category,
          DEFAULT_LOCALE,
          this.today(),
        ),
      },
    };
  }

  /** A plain read: it runs on creations that need a benefit, and nothing here is changed through the unit of work. */
  private products(em: EntityManager, customerId: string): Promise<CustomerProduct[]> {
    return em.execute<CustomerProduct[]>(
      `select product, to_char(contracted_on, 'YYYY-MM-DD') as "contractedOn", to_char(ends_on, 'YYYY-MM-DD') as "endsOn"
       from customer_products where customer_id = ? order by contracted_on`,
      [customerId],
    );
  }

  /** Contract dates are calendar days in the company's zone. */
  private today(): string {
    return LOCAL_DATE.format(this.clock.now());
  }
}
