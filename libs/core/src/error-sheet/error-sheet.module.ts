import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ErrorSheetController } from './error-sheet.controller.js';
import { ErrorSheetService } from './error-sheet.service.js';

/** Authorising cases into the error-correction sheet. */
@Module({ imports: [TicketsModule], controllers: [ErrorSheetController], providers: [ErrorSheetService] })
export class ErrorSheetModule {}
