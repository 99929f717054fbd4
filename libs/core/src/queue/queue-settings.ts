import { DEFAULT_CANCELLATION_CONTACT_HOURS, type QueueOrder } from '@escala/domain';

/** Queue discipline tunables, provided by the application from its validated configuration. */
export class QueueSettings {
  constructor(
    readonly order: QueueOrder = 'opened-at',
    /** Calendar hours after taking a cancellation by which the customer contact is a pending item if not recorded. */
    readonly cancellationContactHours = DEFAULT_CANCELLATION_CONTACT_HOURS,
  ) {}
}
