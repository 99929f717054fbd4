import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { InoperativeService } from '@escala/domain';
import { AuditService, type Actor } from '../../audit/audit.service.js';
import { Clock } from '../../clock/clock.service.js';
import { InoperativeServiceSchema, type InoperativeServiceRow } from '../../persistence/entities/index.js';
import type { InoperativeServiceInput } from './urgent.schemas.js';

const view = (row: InoperativeServiceRow): InoperativeService => ({
  code: row.code,
  label: { 'pt-BR': row.labelPtBr, en: row.labelEn },
  active: row.active,
});

/** The services an agent may declare inoperative (docs/playbook.md §3), shipped with the playbook's examples and edited by admins. */
@Injectable()
export class InoperativeServicesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async catalogue(): Promise<InoperativeService[]> {
    return (await this.em.find(InoperativeServiceSchema, {}, { orderBy: { code: 'asc' } })).map(view);
  }

  /** Adds or edits a service; retiring one (`active: false`) keeps past declarations that name it readable. */
  async put(actor: Actor, code: string, input: InoperativeServiceInput): Promise<InoperativeService> {
    return this.em.transactional(async (tx) => {
      const existing = await tx.findOne(InoperativeServiceSchema, { code });
      const before = existing ? { ...view(existing) } : null;
      const row =
        existing ??
        tx.create(InoperativeServiceSchema, {
          code,
          labelPtBr: input.label['pt-BR'],
          labelEn: input.label.en,
          active: input.active,
          updatedAt: this.clock.now(),
        });
      tx.assign(row, {
        labelPtBr: input.label['pt-BR'],
        labelEn: input.label.en,
        active: input.active,
        updatedAt: this.clock.now(),
      });
      const after = view(row);
      this.audit.record({
        actor,
        action: 'playbook.inoperative_service_saved',
        subjectType: 'inoperative_service',
        subjectId: code,
        before,
        after: { ...after },
      });
      return after;
    });
  }
}
