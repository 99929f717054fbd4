import { Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';
import { ChangeJournal } from './change-journal.service.js';

/** The audit trail and the journal that writes a change with its audit record and outbox events in one transaction. */
@Module({ providers: [AuditService, ChangeJournal], exports: [AuditService, ChangeJournal] })
export class AuditModule {}
