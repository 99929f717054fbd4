import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { interval, map, merge, type Observable } from 'rxjs';
import { Allow } from '../auth/access.decorators.js';
import { LiveFeed } from './live-feed.service.js';

/** Proxies close idle connections after a minute or so; a ping keeps the stream open. */
const PING_MS = 25_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('live')
export class LiveController {
  constructor(private readonly feed: LiveFeed) {}

  @Sse('changes')
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      'Server-sent events: `ready` once every later change will be told, then a `changes` event lists the type and id of each change committed (no content; refetch what you may see), `ping` keeps it open',
  })
  changes(): Observable<MessageEvent> {
    return merge(
      this.feed
        .watch()
        .pipe(map((notices) => (notices.length ? { type: 'changes', data: notices } : { type: 'ready', data: '' }))),
      interval(PING_MS).pipe(map(() => ({ type: 'ping', data: '' }))),
    );
  }
}
