import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SuggestionsController } from './suggestions.controller.js';
import { SuggestionsService } from './suggestions.service.js';

/** The improvement-suggestions register. */
@Module({ imports: [AuditModule], controllers: [SuggestionsController], providers: [SuggestionsService] })
export class SuggestionsModule {}
