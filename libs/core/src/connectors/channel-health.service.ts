import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { HealthReport } from '@escala/connector-kit';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import { ChannelSchema } from '../persistence/entities/index.js';

/** The actor of what the connector host finds by itself. */
const HOST = { system: 'connector-host' };

/**
 * Keeps the last health of a channel. A channel that turns unhealthy raises
 * `connector.channel_unhealthy` (audited) in the same commit, once per fall — a channel that stays
 * unhealthy does not raise it again — so the people who can fix it hear of it loudly.
 */
@Injectable()
export class ChannelHealth {
  constructor(
    private readonly em: EntityManager,
    private readonly journal: ChangeJournal,
  ) {}

  async record(channelId: string, report: HealthReport): Promise<void> {
    await this.em.transactional(async (tx) => {
      const channel = await tx.findOneOrFail(
        ChannelSchema,
        { id: channelId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const fell = report.status === 'unhealthy' && channel.healthStatus !== 'unhealthy';
      const checkedAt = new Date();
      tx.assign(channel, {
        healthStatus: report.status,
        healthDetail: report.detail ?? null,
        healthCheckedAt: checkedAt,
      });
      if (fell)
        this.journal.record({
          actor: HOST,
          action: 'channel.became_unhealthy',
          subjectType: 'channel',
          subjectId: channelId,
          after: { detail: report.detail ?? null },
          events: [
            domainEvent('connector.channel_unhealthy', {
              channelId,
              channel: channel.name,
              connector: channel.connectorKey,
              detail: report.detail ?? 'unhealthy',
              checkedAt: checkedAt.toISOString(),
            }),
          ],
        });
      await tx.flush();
    });
  }
}
