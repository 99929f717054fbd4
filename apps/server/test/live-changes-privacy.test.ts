import { describe, expect, it } from 'vitest';
import { ticketBody, useTeamApp } from './support/support-team.js';

const app = useTeamApp('n1-n5');

/** Reads one viewer's server-sent events as they come; `ended` once the server closed the stream. */
function watch(token: string) {
  const abort = new AbortController();
  const stream = { text: '', ended: false, close: () => abort.abort() };
  const opened = fetch(`${app.t.baseUrl}/live/changes`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const reading = (async () => {
    const reader = (await opened).body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      stream.text += decoder.decode(value, { stream: true });
    }
    stream.ended = true;
  })();
  return {
    stream,
    reading,
    async until(what: string, predicate: () => boolean) {
      await expect.poll(predicate, { timeout: 15_000, message: what }).toBe(true);
    },
  };
}

const told = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.includes('event: changes'))
    .flatMap((block) => JSON.parse(block.split('data: ')[1]!) as { aggregateId: string }[])
    .map((notice) => notice.aggregateId);

const open = async (category: string) => {
  const created = await app.t.request('POST', '/tickets', {
    token: app.team.admin,
    body: ticketBody(app.team, { category, subject: `Chamado de ${category}` }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
};

describe('live changes: each viewer is told only of what they may follow', () => {
  it("keeps N3's tickets from an N1 agent while the leader hears of both, and ends a deactivated agent's stream", async () => {
    const n1 = watch(app.team.people.N1!.token);
    const n3 = watch(app.team.people.N3!.token);
    const leader = watch(app.team.people.leader!.token);
    for (const viewer of [n1, n3, leader])
      await viewer.until('ready', () => viewer.stream.text.includes('event: ready'));

    const n3Ticket = await open('infraestrutura');
    const noted = await app.t.request('POST', `/tickets/${n3Ticket}/entries`, {
      token: app.team.people.N3!.token,
      body: { kind: 'internal', body: 'Servidor de banco sem espaço em disco' },
    });
    expect(noted.status, JSON.stringify(noted.body)).toBe(201);
    const n1Ticket = await open('configuracao-email');
    const later = await open('infraestrutura');

    await n1.until('the N1 ticket told to N1', () => told(n1.stream.text).includes(n1Ticket));
    await n3.until('the later N3 ticket told to N3', () => told(n3.stream.text).includes(later));
    await leader.until('both told to the leader', () =>
      [n1Ticket, n3Ticket, later].every((id) => told(leader.stream.text).includes(id)),
    );
    expect(told(n3.stream.text)).toContain(n3Ticket);
    expect(told(n3.stream.text)).not.toContain(n1Ticket);
    // The N1 ticket was opened after both N3 changes: had they been sent to N1, they would be here.
    expect(told(n1.stream.text)).not.toContain(n3Ticket);
    expect(told(n1.stream.text)).not.toContain(later);

    const deactivated = await app.t.request('PATCH', `/users/${app.team.people.N1!.id}`, {
      token: app.team.admin,
      body: { active: false },
    });
    expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
    await open('configuracao-email');
    await n1.until("the deactivated agent's stream ended", () => n1.stream.ended);
    expect(n3.stream.ended).toBe(false);
    for (const viewer of [n3, leader]) viewer.stream.close();
  });
});
