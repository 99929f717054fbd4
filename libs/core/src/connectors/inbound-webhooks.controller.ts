import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators.js';
import { InboundWebhooks } from './inbound-webhooks.js';

/** What the route reads of the request: the server keeps the raw body (`rawBody: true`) for signatures. */
interface RawRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

@ApiTags('connectors')
@Controller('inbound/webhooks')
export class InboundWebhooksController {
  constructor(private readonly webhooks: InboundWebhooks) {}

  @Post(':channelId')
  // Public by design: the sending service holds no Escala token; the channel's connector verifies it (webhook.verify).
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Inbound webhook of one channel, verified by its connector (e.g. HMAC signature); each delivery id is applied once',
  })
  // The id is checked by the service, so a malformed one is the same 404 as an unknown one.
  receive(@Param('channelId') channelId: string, @Req() request: RawRequest) {
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
    );
    return this.webhooks.receive(channelId, { headers, rawBody: request.rawBody?.toString('utf8') ?? '' });
  }
}
