import type { QueueOrder } from '@escala/domain';

/** Queue discipline tunables, provided by the application from its validated configuration. */
export class QueueSettings {
  constructor(readonly order: QueueOrder = 'opened-at') {}
}
