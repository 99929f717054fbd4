import type { CorePort } from '@escala/connector-kit';
import { InMemoryCorePort } from '@escala/connector-kit/testing';
import { describe, expect, it } from 'vitest';
import { inboundChanges } from './webhook-inbound.js';

const apply = async (port: CorePort, body: unknown) => {
  for (const change of inboundChanges(JSON.stringify(body))) await change.apply(port);
};

describe('inbound webhook deliveries', () => {
  it('creates a ticket under the sender reference, then adds entries and sets fields on it', async () => {
    const port = new InMemoryCorePort();
    await apply(port, {
      id: 'd-1',
      type: 'ticket.create',
      reference: 'P-1',
      ticket: {
        subject: 'Boleto',
        body: 'Não gera',
        category: 'financeiro',
        requester: { email: 'maria@exemplo.com.br' },
      },
    });
    await apply(port, {
      id: 'd-2',
      type: 'ticket.entry',
      reference: 'P-1',
      entry: { visibility: 'public', body: 'Segue o print', id: 'r-1' },
    });
    await apply(port, {
      id: 'd-3',
      type: 'ticket.fields',
      reference: 'P-1',
      fields: { devRequestReference: 'SS-1', note: null },
    });
    expect(port.tickets).toHaveLength(1);
    const [ticket] = port.tickets;
    expect(ticket!.input).toEqual({
      subject: 'Boleto',
      body: 'Não gera',
      category: 'financeiro',
      requester: { email: 'maria@exemplo.com.br' },
      externalReference: { system: 'webhook', id: 'P-1' },
    });
    expect(ticket!.entries).toEqual([
      { direction: 'from_customer', body: 'Segue o print', externalReference: { system: 'webhook', id: 'r-1' } },
    ]);
    expect(ticket!.fields).toEqual({ devRequestReference: 'SS-1', note: null });
    expect((await port.listExternalReferences(ticket!.id)).map(({ system, id }) => ({ system, id }))).toEqual([
      { system: 'webhook', id: 'P-1' },
      { system: 'webhook', id: 'r-1' },
    ]);
  });

  it('keys each change by the delivery id', () => {
    const body = JSON.stringify({
      id: 'd-9',
      type: 'ticket.entry',
      reference: 'P-1',
      entry: { visibility: 'internal', body: 'x' },
    });
    expect(inboundChanges(body).map((change) => change.key)).toEqual(['d-9']);
  });

  it('refuses an entry for a reference no ticket has, as not found', async () => {
    await expect(
      apply(new InMemoryCorePort(), {
        id: 'd-4',
        type: 'ticket.entry',
        reference: 'P-404',
        entry: { visibility: 'public', body: 'x' },
      }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an unknown type', '{"id":"d","reference":"r","type":"ticket.delete"}', /type/],
    ['no id', '{"reference":"r","type":"ticket.entry","entry":{"visibility":"public","body":"x"}}', /id/],
    [
      'an unknown field',
      '{"id":"d","reference":"r","type":"ticket.entry","entry":{"visibility":"public","body":"x","admin":true}}',
      /entry/,
    ],
  ])('refuses %s as a permanent error naming why', (_name, body, reason) => {
    expect(() => inboundChanges(body)).toThrow(reason);
    try {
      inboundChanges(body);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'permanent' });
    }
  });
});
