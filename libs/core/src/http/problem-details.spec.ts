import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { Refusal } from '@escala/domain';
import { describe, expect, it } from 'vitest';
import { internalProblem, problemOfHttpException, problemOfRefusal } from './problem-details.js';

describe('problem details', () => {
  it.each([
    [
      Refusal.invalid('toUnit', 'unknown unit "N9"'),
      400,
      'bad-input',
      { errors: [{ field: 'toUnit', message: 'unknown unit "N9"' }] },
    ],
    [Refusal.unauthorized('A bearer token is required'), 401, 'unauthorized', {}],
    [Refusal.forbidden('Only a leader decides'), 403, 'forbidden', {}],
    [Refusal.notFound('No ticket with id 7'), 404, 'not-found', {}],
    [
      Refusal.conflict('A ticket cannot go from closed to new', { allowed: ['in_analysis'] }),
      409,
      'conflict',
      { allowed: ['in_analysis'] },
    ],
    [
      Refusal.conflict('Resolve your pending items first', { blocking: [{ kind: 'follow-up-due', ticketId: 't' }] }),
      409,
      'conflict',
      { blocking: [{ kind: 'follow-up-due', ticketId: 't' }] },
    ],
    [Refusal.payloadTooLarge('At most 1 MiB'), 413, 'payload-too-large', {}],
    [Refusal.tooManyRequests('Too many failed logins', 30), 429, 'too-many-requests', { retryAfter: 30 }],
    [Refusal.unavailable('Send it again later'), 503, 'unavailable', {}],
  ])('answers %s with its status, its stable type and its details', (refusal, status, slug, extensions) => {
    expect(problemOfRefusal(refusal, '/tickets/7')).toEqual({
      type: `https://escala.dev/problems/${slug}`,
      title: expect.any(String),
      status,
      detail: refusal.message,
      instance: '/tickets/7',
      ...extensions,
    });
  });

  it("answers the framework's own refusals in the same shape: an unreadable body names the body", () => {
    const unreadable = new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400);
    expect(problemOfHttpException(unreadable, '/tickets')).toMatchObject({
      type: 'https://escala.dev/problems/bad-input',
      status: 400,
      errors: [{ field: '(body)', message: "Body is not valid JSON but content-type is set to 'application/json'" }],
    });
    expect(problemOfHttpException(new NotFoundException('Cannot GET /nope'), '/nope')).toMatchObject({
      type: 'https://escala.dev/problems/not-found',
      detail: 'Cannot GET /nope',
    });
    expect(problemOfHttpException(new BadRequestException({ message: ['a', 'b'] }), '/x').detail).toBe('a; b');
  });

  it('keeps about:blank for a status no refusal kind stands for', () => {
    expect(problemOfHttpException(new HttpException('Unsupported Media Type: text/plain', 415), '/tickets')).toEqual({
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'Unsupported Media Type: text/plain',
      instance: '/tickets',
    });
  });

  it('tells the client nothing of a server fault', () => {
    const fault = new HttpException('connection to 10.0.0.5:5432 refused', 502);
    expect(problemOfHttpException(fault, '/tickets')).toEqual(internalProblem('/tickets', 502));
    expect(JSON.stringify(internalProblem('/tickets'))).not.toMatch(/10\.0\.0\.5|stack/);
  });
});
