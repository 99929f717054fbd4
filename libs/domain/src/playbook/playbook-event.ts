/** A domain event a playbook rule asks the core to put in the outbox, in the same transaction as the change. */
export interface PlaybookEvent {
  readonly type: 'announcement.published' | 'announcement.reminder_requested';
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

/** Raised when a rule refuses an action; `code` lets the HTTP layer choose 400/403/409 without parsing text. */
export class PlaybookRuleError extends Error {
  constructor(
    readonly code: 'invalid' | 'forbidden' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'PlaybookRuleError';
  }
}
