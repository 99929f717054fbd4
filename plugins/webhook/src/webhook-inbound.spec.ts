import { randomUUID } from 'node:crypto';
import type { AllowedTicketFields, CorePort, ExternalReference, NewEntry, NewTicket } from '@escala/connector-kit';
import { describe, expect, it } from 'vitest';
import { inboundChanges } from './webhook-inbound.js';

class ListeningPort implements CorePort {
  calls: Array<[string, ...unknown[]]> = [];
  linked = new Map<string, string>();
  async createTicket(ticket: NewTicket) {
    this.calls.push(['createTicket', ticket]);
    const id = randomUUID();
    if (ticket.externalReference) this.linked.set(ticket.externalReference.id, id);
    return { id };
  }
  async addEntry(ticketId: string, entry: NewEntry) {
    this.calls.push(['addEntry', ticketId, entry]);
  }
  async findTicketByExternalReference(reference: ExternalReference) {
    const id = this.linked.get(reference.id);
    return id ? { id } : null;
  }
  async linkExternalReference() {}
  async updateTicketFields(ticketId: string, fields: AllowedTicketFields) {
    this.calls.push(['updateTicketFields', ticketId, fields]);
  }
}

const apply = async (port: CorePort, body: unknown) => {
  for (const change of inboundChanges(JSON.stringify(body))) await change.apply(port);
};

describe('inbound webhook deliveries', () => {
  it('creates a ticket under the sender reference, then adds entries and sets fields on it', async () => {
    const port = new ListeningPort();
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
    const ticketId = port.linked.get('P-1');
    expect(port.calls).toEqual([
      [
        'createTicket',
        {
          subject: 'Boleto',
          body: 'Não gera',
          category: 'financeiro',
          requester: { email: 'maria@exemplo.com.br' },
          externalReference: { system: 'webhook', id: 'P-1' },
        },
      ],
      [
        'addEntry',
        ticketId,
        { visibility: 'public', body: 'Segue o print', externalReference: { system: 'webhook', id: 'r-1' } },
      ],
      ['updateTicketFields', ticketId, { devRequestReference: 'SS-1', note: null }],
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
      apply(new ListeningPort(), {
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
