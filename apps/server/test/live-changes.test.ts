import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let first: TestApp;
let second: TestApp;
let team: SupportTeam;
beforeAll(async () => {
  first = await startTestApp();
  second = await startTestApp({}, first.databaseUrl);
  team = await setUpTeam(first, 'two-stage-n1');
});
afterAll(async () => {
  await second.close();
  await first.close();
});

/** Reads the server-sent events of one instance until `until` holds on the text received. */
function listen(app: TestApp, token: string) {
  const abort = new AbortController();
  let text = '';
  const opened = fetch(`${app.baseUrl}/live/changes`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  return {
    opened,
    close: () => abort.abort(),
    async until(predicate: (received: string) => boolean): Promise<string> {
      const reader = (await opened).body!.getReader();
      const decoder = new TextDecoder();
      while (!predicate(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      reader.releaseLock();
      return text;
    },
  };
}

const openTicket = async () => {
  const created = await first.request('POST', '/tickets', {
    token: team.people['N1-E1']!.token,
    body: ticketBody(team, { category: 'duvida-utilizacao', subject: 'Relatório não abre' }),
  });
  expect(created.status).toBe(201);
  return created.body as { id: string };
};

describe('live changes pushed to the console', () => {
  it('tells a leader watching another instance that a ticket was opened, without its content', async () => {
    const stream = listen(second, team.people.leader!.token);
    const response = await stream.opened;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await stream.until((text) => text.includes('event: ready'));
    const ticket = await openTicket();
    const received = await stream.until((text) => text.includes(ticket.id));
    const changes = received
      .split('\n\n')
      .filter((block) => block.includes('event: changes'))
      .flatMap((block) => JSON.parse(block.split('data: ')[1]!) as { type: string; aggregateId: string }[]);
    expect(changes).toContainEqual(expect.objectContaining({ type: 'ticket.created', aggregateId: ticket.id }));
    stream.close();
    expect(received).not.toContain('Relatório não abre');
  });

  it('refuses a viewer without a valid token', async () => {
    const anonymous = await fetch(`${first.baseUrl}/live/changes`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${first.baseUrl}/live/changes`, { headers: { authorization: 'Bearer forged' } });
    expect(forged.status).toBe(401);
  });
});
