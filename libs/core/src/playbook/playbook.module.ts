import { Module } from '@nestjs/common';
import { PlaybookTemplatesController } from './templates/playbook-templates.controller.js';
import { PlaybookTemplatesService } from './templates/playbook-templates.service.js';

/** The playbook's persistence and admin routes; the rules themselves live in @escala/domain. */
@Module({
  controllers: [PlaybookTemplatesController],
  providers: [PlaybookTemplatesService],
  exports: [PlaybookTemplatesService],
})
export class PlaybookModule {}
