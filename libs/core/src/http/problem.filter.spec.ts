import { Logger, type ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { Refusal } from '@escala/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { ProblemFilter } from './problem.filter.js';

/** What the filter sent, through a recording stand-in for Nest's HTTP adapter (the framework seam). */
function answer(exception: unknown, url = '/tickets/7?token=secret') {
  const sent = { headers: {} as Record<string, string>, status: 0, body: undefined as unknown };
  const adapter = {
    getRequestUrl: () => url,
    isHeadersSent: () => false,
    setHeader: (_response: unknown, name: string, value: string) => (sent.headers[name] = value),
    reply: (_response: unknown, body: unknown, status: number) => Object.assign(sent, { body, status }),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({}), getResponse: () => ({}) }),
  } as unknown as ArgumentsHost;
  new ProblemFilter({ httpAdapter: adapter } as unknown as HttpAdapterHost).catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  const logged: string[] = [];
  Logger.overrideLogger({ log() {}, warn() {}, error: (message: string) => logged.push(message) });
  afterEach(() => void (logged.length = 0));

  it('answers a refusal as application/problem+json at the path, without the query string', () => {
    const sent = answer(Refusal.notFound('No ticket with id 7'));
    expect(sent).toEqual({
      headers: { 'content-type': 'application/problem+json' },
      status: 404,
      body: expect.objectContaining({ type: 'https://escala.dev/problems/not-found', instance: '/tickets/7' }),
    });
  });

  it('says when to try again after too many attempts', () => {
    expect(answer(Refusal.tooManyRequests('Too many failed logins', 12)).headers['retry-after']).toBe('12');
  });

  it('answers an unexpected failure with a 500 that leaks nothing of it', () => {
    const sent = answer(new Error('password authentication failed for user "escala" at 10.0.0.5'));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server could not handle this request; the failure was logged.',
      instance: '/tickets/7',
    });
    expect(logged).toEqual([expect.stringContaining('password authentication failed')]);
  });

  it('logs no refusal: they are answers, not failures', () => {
    answer(Refusal.forbidden('Only a leader decides'));
    expect(logged).toEqual([]);
  });
});
