import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { Public } from '@escala/core';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly em: EntityManager) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'The server can serve requests: the database answers' })
  // A health report, not a refusal: probes read the status, people the checks.
  async ready(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    try {
      await this.em.getConnection().execute('select 1');
    } catch {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', checks: { database: 'down' } };
    }
    return { status: 'ok', checks: { database: 'up' } };
  }
}
