import { describe, expect, it } from 'vitest';
import { problemShapeViolation } from './support/problem-shape.js';
import { setNow, useQueueDesk } from './support/queue-desk.js';
import { ticketBody } from './support/support-team.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Answer {
  status: number;
  contentType: string | null;
  body: any;
}

/**
 * One case of each way the API says no, sent over HTTP as a client would, and each answer held
 * against the one documented shape (docs/errors.md); the shared test client checks the same shape
 * on every refusal of the other suites.
 */
describe('every refusal of the API has one shape: application/problem+json (RFC 9457)', () => {
  const desk = useQueueDesk('2026-12-15T09:00', { ESCALA_LOGIN_MAX_FAILURES: '2' });

  async function send(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; raw?: string; contentType?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.json === undefined ? options.raw : JSON.stringify(options.json);
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(desk.t.baseUrl + path, { method, headers, body });
    const answer = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: JSON.parse(await response.text()),
    };
    expect(problemShapeViolation({ path }, answer), `${method} ${path}`).toBeNull();
    return answer;
  }

  const admin = () => desk.team.admin;
  const problem = (slug: string) => `https://escala.dev/problems/${slug}`;

  it('bad input names every field at fault', async () => {
    const answer = await send('POST', '/tickets', { token: admin(), json: { subject: '' } });
    expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
    expect(answer.body.type).toBe(problem('bad-input'));
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['customerId', 'subject', 'category']),
    );
  });

  it('a body that is not JSON is bad input about the body', async () => {
    const answer = await send('POST', '/tickets', { token: admin(), raw: '{"subject": ' });
    expect(answer.body).toMatchObject({ status: 400, type: problem('bad-input'), errors: [{ field: '(body)' }] });
  });

  it('no token, or an unknown one, is unauthorized', async () => {
    expect((await send('GET', '/tickets')).body).toMatchObject({ status: 401, type: problem('unauthorized') });
    expect((await send('GET', '/tickets', { token: 'not-a-token' })).body.type).toBe(problem('unauthorized'));
  });

  it('a role without the right is forbidden, and says which roles may', async () => {
    const answer = await send('POST', '/users', {
      token: desk.team.people.N1!.token,
      json: { login: 'x1', displayName: 'X', roles: ['admin'] },
    });
    expect(answer.body).toMatchObject({
      status: 403,
      type: problem('forbidden'),
      detail: expect.stringMatching(/admin/),
    });
  });

  it('an unknown id and an unknown route are not found', async () => {
    const ticket = await send('GET', `/tickets/${UNKNOWN_ID}`, { token: admin() });
    expect(ticket.body).toMatchObject({ status: 404, type: problem('not-found'), instance: `/tickets/${UNKNOWN_ID}` });
    const route = await send('GET', '/no-such-route?x=1');
    expect(route.body).toMatchObject({ status: 404, type: problem('not-found'), instance: '/no-such-route' });
  });

  it('an illegal status move is a conflict listing the moves allowed', async () => {
    const ticket = await desk.openTicket('2026-12-15T09:05');
    const answer = await send('POST', `/tickets/${ticket.id}/status`, { token: admin(), json: { status: 'closed' } });
    expect(answer.body).toMatchObject({
      status: 409,
      type: problem('conflict'),
      allowed: ['in_analysis', 'waiting_customer', 'waiting_third_party', 'waiting_development', 'resolved'],
    });
  });

  it('a name already taken is a conflict', async () => {
    const user = { login: 'twice', displayName: 'Twice', roles: ['agent'], password: 'twice-password-1' };
    expect((await desk.t.request('POST', '/users', { token: admin(), body: user })).status).toBe(201);
    const answer = await send('POST', '/users', { token: admin(), json: user });
    expect(answer.body).toMatchObject({
      status: 409,
      type: problem('conflict'),
      detail: expect.stringMatching(/twice/),
    });
  });

  it('taking a newer ticket, and asking for the next one with work pending, are conflicts naming what blocks', async () => {
    await desk.drain('N1');
    const older = await desk.openTicket('2026-12-15T10:00');
    const newer = await desk.openTicket('2026-12-15T10:10');
    setNow('2026-12-15T10:20');
    const agent = await desk.newAgent('N1');
    const outOfOrder = await send('POST', `/queue/take/${newer.id}`, { token: agent.token });
    expect(outOfOrder.body).toMatchObject({
      status: 409,
      type: problem('conflict'),
      blocking: [{ kind: 'older-ticket', ticketId: older.id, ticketNumber: older.number }],
    });

    expect((await desk.t.request('POST', '/queue/next', { token: agent.token })).body.ticket.id).toBe(older.id);
    setNow('2026-12-15T10:30');
    await desk.customerWrites(older.id, 'Alguma novidade?');
    setNow('2026-12-15T10:35');
    const pending = await send('POST', '/queue/next', { token: agent.token });
    expect(pending.body).toMatchObject({
      status: 409,
      type: problem('conflict'),
      blocking: [{ kind: 'customer-reply-unanswered', ticketId: older.id, ticketNumber: older.number }],
    });
  });

  it('a webhook body over 1 MiB and a request body over the server limit are too large', async () => {
    const channel = await desk.t.request('POST', '/channels', {
      token: admin(),
      body: {
        connector: 'webhook',
        name: 'Portal',
        enabled: true,
        config: { url: 'https://portal.example.test/escala', signingSecret: 'refusal-signing-secret-01' },
        subscription: { eventTypes: ['ticket.urgent'] },
      },
    });
    const webhook = await send('POST', `/inbound/webhooks/${channel.body.id}`, {
      json: { id: 'd-1', body: 'x'.repeat(1_100_000) },
    });
    expect(webhook.body).toMatchObject({ status: 413, type: problem('payload-too-large') });
    const huge = await send('POST', '/tickets', {
      token: admin(),
      json: ticketBody(desk.team, { description: 'x'.repeat(6e6) }),
    });
    expect(huge.body).toMatchObject({ status: 413, type: problem('payload-too-large') });
  });

  it('too many failed logins say how long to wait', async () => {
    for (let attempt = 0; attempt < 2; attempt++)
      expect((await send('POST', '/auth/login', { json: { login: 'ghost', password: 'wrong-password' } })).status).toBe(
        401,
      );
    const answer = await send('POST', '/auth/login', { json: { login: 'ghost', password: 'wrong-password' } });
    expect(answer.body).toMatchObject({
      status: 429,
      type: problem('too-many-requests'),
      retryAfter: expect.any(Number),
    });
  });

  it('a status no refusal kind stands for keeps the shape, as about:blank', async () => {
    const answer = await send('POST', '/tickets', { token: admin(), raw: '<ticket/>', contentType: 'application/xml' });
    expect(answer.body).toMatchObject({ status: 415, type: 'about:blank', title: 'Unsupported Media Type' });
  });

  it('is described once in the OpenAPI document and referred to by the error answers of each operation', async () => {
    const doc = (await desk.t.request('GET', '/docs/openapi.json')).body;
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'instance']);
    const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
    expect(doc.paths['/tickets'].post.responses).toMatchObject({
      400: ref('BadInput'),
      401: ref('Unauthorized'),
      403: ref('Forbidden'),
      default: ref('Problem'),
    });
    expect(doc.paths['/tickets/{id}'].get.responses[404]).toEqual(ref('NotFound'));
    expect(doc.paths['/health/live'].get.responses[401]).toBeUndefined();
    expect(doc.components.responses.Conflict.content['application/problem+json'].example.allowed).toEqual([
      'in_analysis',
    ]);
  });
});
