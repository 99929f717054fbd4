import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { isRefusal } from '@escala/domain';
import {
  internalProblem,
  PROBLEM_CONTENT_TYPE,
  problemOfHttpException,
  problemOfRefusal,
  type ProblemDetails,
} from './problem-details.js';

/**
 * Every error the HTTP API answers, in one shape: a service's refusal, the framework's own
 * exceptions (validation, unknown route, unreadable or oversized body) and, without its cause,
 * anything unexpected.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const adapter = this.adapterHost.httpAdapter;
    const http = host.switchToHttp();
    const response = http.getResponse<unknown>();
    const instance = String(adapter.getRequestUrl(http.getRequest())).split('?')[0]!;
    const problem = this.problemOf(exception, instance);
    if (adapter.isHeadersSent(response)) return;
    adapter.setHeader(response, 'content-type', PROBLEM_CONTENT_TYPE);
    if (problem.retryAfter !== undefined) adapter.setHeader(response, 'retry-after', String(problem.retryAfter));
    adapter.reply(response, problem, problem.status);
  }

  private problemOf(exception: unknown, instance: string): ProblemDetails {
    if (isRefusal(exception)) return problemOfRefusal(exception, instance);
    const problem =
      exception instanceof HttpException ? problemOfHttpException(exception, instance) : internalProblem(instance);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return problem;
  }
}
