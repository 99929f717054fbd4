/** A domain event a playbook rule asks the core to put in the outbox, in the same transaction as the change. */
export interface PlaybookEvent {
  readonly type: 'announcement.published' | 'announcement.reminder_requested';
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}
