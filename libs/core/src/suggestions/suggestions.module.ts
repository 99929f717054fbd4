import { Module } from '@nestjs/common';
import { SuggestionsController } from './suggestions.controller.js';
import { SuggestionsService } from './suggestions.service.js';

/** The improvement-suggestions register. */
@Module({ controllers: [SuggestionsController], providers: [SuggestionsService] })
export class SuggestionsModule {}
