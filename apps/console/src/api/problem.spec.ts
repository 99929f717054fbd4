import { describe, expect, it } from 'vitest';
import { fieldError, readProblem } from './problem';

describe('readProblem', () => {
  it('reads an RFC 9457 problem with field errors', () => {
    const problem = readProblem(400, {
      type: 'https://escala.dev/problems/bad-input',
      title: 'Bad input',
      status: 400,
      detail: 'The request has invalid fields',
      errors: [{ field: 'subject', message: 'Required' }],
    });
    expect(problem.detail).toBe('The request has invalid fields');
    expect(fieldError(problem, 'subject')).toBe('Required');
  });

  it('reads the older Nest shape with the pending items that block the queue', () => {
    const problem = readProblem(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'Resolve your pending items before taking a new ticket',
      pending: [{ ticketId: 't1', kind: 'customer-reply-unanswered', ticketNumber: 7 }],
    });
    expect(problem.status).toBe(409);
    expect(problem.title).toBe('Conflict');
    expect(problem.detail).toBe('Resolve your pending items before taking a new ticket');
    expect(problem.blocking).toEqual([{ ticketId: 't1', kind: 'customer-reply-unanswered', ticketNumber: 7 }]);
  });

  it('keeps the members a screen needs, such as the allowed targets of an illegal move', () => {
    const problem = readProblem(409, { statusCode: 409, message: 'Illegal move', allowed: ['closed'] });
    expect(problem.extra).toEqual({ allowed: ['closed'] });
  });

  it('matches a nested field to the field a form shows', () => {
    const problem = readProblem(400, { errors: [{ field: 'sensitiveData.0', message: 'Invalid option' }] });
    expect(fieldError(problem, 'sensitiveData')).toBe('Invalid option');
  });

  it('survives a body that is not JSON', () => {
    const problem = readProblem(502, 'Bad Gateway');
    expect(problem).toMatchObject({ status: 502, detail: 'Bad Gateway', fieldErrors: [], blocking: [] });
  });
});
