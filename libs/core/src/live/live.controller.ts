import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { endWith, ignoreElements, interval, map, merge, share, takeUntil, type Observable } from 'rxjs';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
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
      'Server-sent events: `ready` once every later change will be told, then a `changes` event lists the type and id of each change committed that the viewer may follow (their unit’s tickets and those they hold, everything for leaders and admins; no content: refetch what you may see), `ping` keeps it open; the stream ends when the token stops working',
  })
  changes(@CurrentPrincipal() viewer: Principal): Observable<MessageEvent> {
    // Shared: the pings end with the feed, which ends when the viewer's token stops working.
    const feed = this.feed.watch(viewer.tokenId).pipe(share());
    return merge(
      feed.pipe(map((notices) => (notices.length ? { type: 'changes', data: notices } : { type: 'ready', data: '' }))),
      interval(PING_MS).pipe(
        map(() => ({ type: 'ping', data: '' })),
        takeUntil(feed.pipe(ignoreElements(), endWith(null))),
      ),
    );
  }
}
