import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  CANCELLATION_CATEGORY,
  DEFAULT_LOCALE,
  missingForCancellationClosure,
  renderCancellationAnalysis,
  renderTemplate,
  reportCancellationReasons,
  type CancellationContact,
  type CancellationReason,
  type CancellationRecord,
} from '@escala/domain';
import { Clock } from '../../clock/clock.service.js';
import { TicketPlaybookSchema, type Ticket, type TicketPlaybook } from '../../persistence/entities/index.js';
import { TicketHooks } from '../../tickets/ticket-hooks.service.js';
import type { TicketCaller } from '../../tickets/ticket-view.js';
import { PlaybookTemplatesService } from '../templates/playbook-templates.service.js';
import { revive, toStored } from '../../persistence/stored-json.js';
import { TicketPlaybookStore } from '../ticket-playbook.repository.js';
import type { CancellationContactInput, CancellationReasonInput } from './cancellation.schemas.js';

function cancellationRecord(ticket: Ticket, record: TicketPlaybook | null): CancellationRecord {
  return {
    category: ticket.category,
    contact: revive<CancellationContact>(record?.cancellationContact),
    reason: revive<CancellationReason>(record?.cancellationReason),
  };
}

/**
 * docs/playbook.md §1: a cancellation is not resolved or closed before the customer was contacted and the real
 * reason is recorded in the technical analysis; the reasons are counted over a period.
 */
@Injectable()
export class CancellationService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly store: TicketPlaybookStore,
    private readonly templates: PlaybookTemplatesService,
    private readonly hooks: TicketHooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onClosure((tx, ticket) => this.assertClosable(tx, ticket));
  }

  async state(ticketId: string) {
    const { ticket, record } = await this.store.read(ticketId);
    const cancellation = cancellationRecord(ticket, record);
    return {
      category: ticket.category,
      contact: cancellation.contact,
      reason: cancellation.reason,
      missing: await this.missing(cancellation),
    };
  }

  recordContact(caller: TicketCaller, ticketId: string, contact: CancellationContactInput) {
    // A contact that has not happened yet would be stored and then not count at the close: refused up front.
    const now = this.clock.now();
    if (contact.at > now)
      throw Refusal.invalid(
        'at',
        `the contact cannot be in the future (${contact.at.toISOString()} is after now, ${now.toISOString()}); record it once it has happened`,
      );
    return this.record(caller, ticketId, 'ticket.cancellation_contact_recorded', (record) => {
      record.cancellationContact = toStored(contact);
    });
  }

  recordReason(caller: TicketCaller, ticketId: string, reason: CancellationReasonInput) {
    return this.record(caller, ticketId, 'ticket.cancellation_reason_recorded', (record) => {
      record.cancellationReason = toStored(reason);
    });
  }

  async report(from: Date, to: Date) {
    const rows = await this.em
      .getConnection()
      .execute<{ category: string; contact: CancellationContact; reason: CancellationReason }[]>(
        `select t.category, p.cancellation_contact as contact, p.cancellation_reason as reason
         from ticket_playbook p join tickets t on t.id = p.ticket_id
        where t.category = ? and p.cancellation_reason is not null and (p.cancellation_contact ->> 'at')::timestamptz >= ? and (p.cancellation_contact ->> 'at')::timestamptz < ?
        order by (p.cancellation_contact ->> 'at')::timestamptz, p.ticket_id`,
        [CANCELLATION_CATEGORY, from.toISOString(), to.toISOString()],
      );
    // In contact order, so a system's first spelling in the period names its bar.
    const records = rows.map((row) => ({ ...row, contact: { ...row.contact, at: new Date(row.contact.at) } }));
    return { from, to, total: records.length, ...reportCancellationReasons(records, from, to) };
  }

  private record(caller: TicketCaller, ticketId: string, action: string, apply: (record: TicketPlaybook) => void) {
    return this.store.change(caller, ticketId, action, async ({ ticket, record }) => {
      if (ticket.category !== CANCELLATION_CATEGORY)
        throw Refusal.conflict(`Ticket is not a cancellation (category "${ticket.category}")`);
      apply(record);
      const cancellation = cancellationRecord(ticket, record);
      const analysis = await this.writeAnalysis(ticket, cancellation);
      const missing = await this.missing(cancellation);
      return {
        result: {
          contact: cancellation.contact,
          reason: cancellation.reason,
          missing,
          technicalAnalysis: ticket.technicalAnalysis ?? null,
        },
        after: { contact: record.cancellationContact ?? null, reason: record.cancellationReason ?? null },
        entries: analysis ? [{ kind: 'internal' as const, text: analysis }] : [],
      };
    });
  }

  /** Once both halves are known, the technical analysis states them in the playbook's words. */
  private async writeAnalysis(ticket: Ticket, cancellation: CancellationRecord): Promise<string | null> {
    if (!cancellation.contact || !cancellation.reason) return null;
    const text = renderCancellationAnalysis(
      await this.templates.source(),
      DEFAULT_LOCALE,
      cancellation.contact,
      cancellation.reason,
    );
    const previous = ticket.technicalAnalysis;
    ticket.technicalAnalysis = {
      summary: previous?.summary ?? text,
      cause: previous?.cause ?? null,
      solution: previous?.solution ?? null,
      customerContacted: true,
      cancellationReason: text,
      recordedBy: previous?.recordedBy ?? 'playbook',
      recordedAt: this.clock.now().toISOString(),
    };
    return text;
  }

  private async missing(cancellation: CancellationRecord) {
    const missing = missingForCancellationClosure(cancellation, this.clock.now());
    const source = await this.templates.source();
    return missing.map((code) => ({
      code,
      message: renderTemplate(source, `cancellation.missing.${code}`, DEFAULT_LOCALE, {}),
    }));
  }

  private async assertClosable(tx: EntityManager, ticket: Ticket): Promise<void> {
    if (ticket.category !== CANCELLATION_CATEGORY) return;
    const record = await tx.findOne(TicketPlaybookSchema, { ticketId: ticket.id });
    const missing = await this.missing(cancellationRecord(ticket, record));
    if (missing.length === 0) return;
    throw Refusal.conflict(
      `A cancellation cannot be resolved or closed yet: missing ${missing.map((item) => item.code).join(', ')}`,
      { blocking: missing.map((item) => ({ kind: 'cancellation-step', ...item })) },
    );
  }
}
