import { ForeignKeyConstraintViolationException } from '@mikro-orm/postgresql';
import { Refusal } from '@escala/domain';

// Which request field a violated foreign key points at, so the 400 names it.
const FOREIGN_KEY_FIELDS: [RegExp, string][] = [
  [/contact_id/, 'contactId'],
  [/assignee_id/, 'assigneeId'],
  [/spoc_id/, 'spocId'],
  [/customer_id/, 'customerId'],
];

/**
 * Unknown customers, contacts and people are left to the foreign keys (no extra read per request);
 * their violation becomes a 400 naming the field. Anything else is rethrown as it was.
 */
export function rethrowAsBadInput(error: unknown): never {
  if (!(error instanceof ForeignKeyConstraintViolationException)) throw error;
  const field = FOREIGN_KEY_FIELDS.find(([pattern]) => pattern.test(error.message))?.[1] ?? 'body';
  const what = field === 'contactId' ? 'contact for this customer' : field.replace(/Id$/, '');
  throw Refusal.invalid(field, `no such ${what}`);
}
