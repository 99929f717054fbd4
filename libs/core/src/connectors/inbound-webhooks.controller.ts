import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WebhookRequest } from '@escala/connector-kit';
import { Public } from '../auth/access.decorators.js';
import { InboundWebhooks } from './inbound-webhooks.service.js';

/** What the route reads of the request: the server keeps the raw body (`rawBody: true`) for signatures. */
interface RawRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  rawBody?: Buffer;
}

/** The part of Fastify's reply the route uses: the connector may shape status, type and body. */
interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: string): unknown;
}

function webhookRequest(request: RawRequest): WebhookRequest {
  const flat = (value: unknown) => (Array.isArray(value) ? value.map(String) : String(value));
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
  const query = Object.fromEntries(
    Object.entries(request.query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, flat(value)]),
  );
  return { method: request.method, headers, query, rawBody: request.rawBody?.toString('utf8') ?? '' };
}

@ApiTags('connectors')
@Controller('inbound/webhooks')
export class InboundWebhooksController {
  constructor(private readonly webhooks: InboundWebhooks) {}

  @Post(':channelId')
  // Public by design: the sending service holds no Escala token; the channel's connector verifies it (webhook.verify).
  @Public()
  @ApiOperation({
    summary:
      'Inbound webhook of one channel, verified by its connector (e.g. HMAC signature); each delivery id is applied once',
  })
  // The id is checked by the service, so a malformed one is the same 404 as an unknown one.
  receive(@Param('channelId') channelId: string, @Req() request: RawRequest, @Res() reply: Reply) {
    return this.answer(channelId, request, reply);
  }

  @Get(':channelId')
  // Public for the same reason: some services check the address with a GET before sending (a challenge echo).
  @Public()
  @ApiOperation({ summary: "A service's check of the webhook address, answered by the channel's connector" })
  check(@Param('channelId') channelId: string, @Req() request: RawRequest, @Res() reply: Reply) {
    return this.answer(channelId, request, reply);
  }

  private async answer(channelId: string, request: RawRequest, reply: Reply): Promise<void> {
    const response = await this.webhooks.receive(channelId, webhookRequest(request));
    reply.status(response.status).header('content-type', response.contentType).send(response.body);
  }
}
