import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { badInput } from './bad-input.js';

// Fastify's refusals of a body it cannot parse, before any route sees it.
const UNREADABLE_BODY = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** A body that is not JSON answers the same 400 as one that fails its schema: `errors` naming `(body)`. */
@Catch(HttpException)
export class UnreadableBodyFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const code = (exception.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && UNREADABLE_BODY.has(code))
      return super.catch(badInput({ field: '(body)', message: exception.message }), host);
    return super.catch(exception, host);
  }
}
