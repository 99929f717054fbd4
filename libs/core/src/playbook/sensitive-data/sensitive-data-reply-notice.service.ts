import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DEFAULT_LOCALE, withSensitiveDataNotice } from '@escala/domain';
import { TicketHooks } from '../../tickets/ticket-hooks.service.js';
import { PlaybookTemplatesService } from '../templates/playbook-templates.service.js';

/**
 * docs/playbook.md §2: every public reply leaves through `withSensitiveDataNotice`, so one that asks for a
 * password, access data, a certificate or a token is stored and sent ending with the notice in force
 * (admin edits included); the agent's explicit mark adds kinds that detection missed. Entries a
 * channel brings in (system callers) are the customer's words and stay as written.
 */
@Injectable()
export class SensitiveDataReplyNotice implements OnModuleInit {
  constructor(
    private readonly hooks: TicketHooks,
    private readonly templates: PlaybookTemplatesService,
  ) {}

  onModuleInit(): void {
    this.hooks.onPublicReply(async (_ticket, reply, caller) => {
      // A channel's inbound public entry is the customer's own message, not a reply of ours.
      if ('system' in caller) return reply.body;
      return withSensitiveDataNotice(
        await this.templates.source(),
        DEFAULT_LOCALE,
        reply.body,
        reply.sensitiveData ?? [],
      ).text;
    });
  }
}
