import { afterEach, describe, expect, it } from 'vitest';
import { REMOVED_STATUS } from '../src/sheet-edits.js';
import { PAULA, SheetHarness } from './sheet-harness.js';

let h: SheetHarness;
afterEach(() => h?.close());

describe('ticket → sheet', () => {
  it('an authorisation adds exactly one row, with the metadata that finds it, in one batchUpdate', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    const before = h.emulator.received.length;
    await h.authorise(ticket, { module: 'NFS-e', description: 'Nota rejeitada' });
    await h.authorise(ticket, { module: 'NFS-e', description: 'Nota rejeitada' });
    const writes = h.emulator.received
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path.endsWith(':batchUpdate'));
    expect(writes).toHaveLength(1);
    expect(h.rows().filter((row) => row[0] === ticket.number)).toHaveLength(1);
    expect(h.rowOf(ticket.number)?.slice(0, 4)).toEqual([
      ticket.number,
      'Mercado Bom Preço',
      'NFS-e',
      'Nota rejeitada',
    ]);
    expect(h.anchors(ticket.number)).toBe(1);
    expect(h.emulator.refused()).toEqual([]);
  });

  it('stores customer text that looks like a formula as text', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    await h.authorise(ticket, { description: '=IMPORTXML("http://evil.test";"//a")' });
    await h.port.updateTicketFields(ticket.id, { note: '=1+1' });
    await h.ticketChanged(ticket);
    await h.poll();
    const row = h.rowOf(ticket.number)!;
    expect(row[3]).toBe('=IMPORTXML("http://evil.test";"//a")');
    expect(row[9]).toBe('=1+1');
    expect(h.emulator.values(h.spreadsheetId, 'Erros', 'FORMULA').find((r) => r[0] === ticket.number)?.[9]).toBe(
      '=1+1',
    );
  });

  it('after people sort, insert rows above and delete an unrelated row, the next update lands on the right row', async () => {
    h = await SheetHarness.start();
    const [a, b, c] = [await h.ticket('A'), await h.ticket('B'), await h.ticket('C')];
    await h.authorise(a, { module: 'Fiscal' });
    await h.authorise(b, { module: 'Boletos' });
    await h.authorise(c, { module: 'Agenda' });
    await h.poll();
    const person = h.person();
    person.sortRows('Erros', 'C', 'ASCENDING');
    person.insertRowsAbove('Erros', 2, 2);
    person.type('Erros!A2', [['', 'linha de anotações dos devs']]);
    person.deleteRows('Erros', h.rowNumberOf(c.number));
    await h.port.updateTicketFields(b.id, { fixVersion: '10.4.2' });
    await h.ticketChanged(b);
    const cycle = await h.poll();
    expect(cycle.requests).toBeLessThanOrEqual(3);
    expect(h.rowOf(b.number)?.[8]).toBe('10.4.2');
    expect(h.rowOf(a.number)?.[8] ?? '').toBe('');
    expect(h.rows().filter((row) => row[8] === '10.4.2')).toHaveLength(1);
    // The moved rows' metadata was put back on the rows that show them: the next write needs no read.
    await h.port.updateTicketFields(a.id, { fixVersion: '10.5.0' });
    await h.ticketChanged(a);
    await h.poll();
    expect(h.rowOf(a.number)?.[8]).toBe('10.5.0');
    expect(h.rowOf(b.number)?.[8]).toBe('10.4.2');
  });
});

describe('sheet → ticket', () => {
  it('Status and SS set by a person reach the ticket within one poll, attributed to the person; Corrigido moves it', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    await h.authorise(ticket);
    await h.poll();
    const row = h.rowNumberOf(ticket.number);
    h.person(PAULA).type(`Erros!G${row}`, [['Corrigido', 48213, '10.4.2']]);
    await h.poll();
    const fake = h.port.ticket(ticket.id);
    expect(fake.fields).toMatchObject({
      externalStatus: 'Corrigido',
      devRequestReference: '48213',
      fixVersion: '10.4.2',
    });
    expect(fake.status).toBe('resolved');
    const identity = { system: 'google', id: PAULA.email };
    expect(fake.changes).toEqual([
      {
        kind: 'fields',
        fields: { externalStatus: 'Corrigido', devRequestReference: '48213', fixVersion: '10.4.2' },
        attribution: { identity },
      },
      {
        kind: 'status',
        status: 'resolved',
        reason: `planilha "Erros", linha ${row}: Status "Corrigido"`,
        attribution: { identity },
      },
    ]);
  });

  it('does not read its own writes back as people’s edits, and costs one request when nothing changed', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    await h.authorise(ticket);
    await h.poll();
    await h.port.updateTicketFields(ticket.id, { devRequestReference: 'SS-1' });
    await h.ticketChanged(ticket);
    const changesBefore = h.port.ticket(ticket.id).changes.length;
    const write = await h.poll();
    const reread = await h.poll();
    const quiet = await h.poll();
    expect([write.changes, reread.changes, quiet.changes]).toEqual([[], [], []]);
    expect(h.port.ticket(ticket.id).changes).toHaveLength(changesBefore);
    expect(quiet.requests).toBe(1);
  });

  it('a key typed over with another ticket’s number never hijacks that ticket; the key is written back', async () => {
    h = await SheetHarness.start();
    const [a, b] = [await h.ticket('A'), await h.ticket('B')];
    await h.authorise(a);
    await h.authorise(b);
    await h.poll();
    const rowA = h.rowNumberOf(a.number);
    h.person().type(`Erros!A${rowA}`, [[b.number, null, null, null, null, null, 'Em correção']]);
    await h.poll();
    expect(h.port.ticket(a.id).fields.externalStatus).toBe('Em correção');
    expect(h.port.ticket(b.id).changes).toEqual([]);
    expect(h.rows()[rowA - 1]?.[0]).toBe(a.number);
  });

  it('a conflicting edit on both sides keeps the sheet’s value and records Escala’s on the ticket', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    await h.authorise(ticket);
    await h.poll();
    await h.port.updateTicketFields(ticket.id, { fixVersion: '10.4.1' });
    await h.ticketChanged(ticket);
    h.person().type(`Erros!I${h.rowNumberOf(ticket.number)}`, [['10.4.2']]);
    await h.poll();
    expect(h.port.ticket(ticket.id).fields.fixVersion).toBe('10.4.2');
    expect(h.rowOf(ticket.number)?.[8]).toBe('10.4.2');
    expect(h.port.ticket(ticket.id).entries.map((e) => e.message)).toEqual([
      {
        key: 'sheet.conflict',
        values: {
          tab: 'Erros',
          row: h.rowNumberOf(ticket.number),
          field: 'fixVersion',
          escala: '10.4.1',
          sheet: '10.4.2',
        },
      },
    ]);
  });

  it('a pasted copy of a row is not the ticket’s row: edits in the copy are ignored', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    await h.authorise(ticket);
    await h.poll();
    const copy = [...h.rowOf(ticket.number)!];
    h.person().type('Erros!A10', [[...copy.slice(0, 6), 'Corrigido']]);
    await h.poll();
    expect(h.port.ticket(ticket.id).changes).toEqual([]);
  });
});

describe('a deleted row', () => {
  it('flags the ticket "removed from the sheet" by default, and stops tracking it', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    await h.authorise(ticket);
    await h.poll();
    h.person().deleteRows('Erros', h.rowNumberOf(ticket.number));
    await h.poll();
    const fake = h.port.ticket(ticket.id);
    expect(fake.fields.externalStatus).toBe(REMOVED_STATUS);
    expect(fake.entries.map((e) => e.message)).toEqual([
      { key: 'sheet.row-deleted', values: { number: ticket.number, tab: 'Erros' } },
    ]);
    const again = await h.poll();
    expect(again.changes).toEqual([]);
  });

  it('is put back, with its values and metadata, when configured to recreate', async () => {
    h = await SheetHarness.start({ config: { onRowDeleted: 'recreate' } });
    const ticket = await h.ticket();
    await h.authorise(ticket, { module: 'Fiscal', description: 'Nota rejeitada' });
    await h.poll();
    h.person().type(`Erros!H${h.rowNumberOf(ticket.number)}`, [['SS-9']]);
    await h.poll();
    h.person().deleteRows('Erros', h.rowNumberOf(ticket.number));
    await h.poll();
    expect(h.rowOf(ticket.number)?.slice(2, 8)).toEqual([
      'Fiscal',
      'Nota rejeitada',
      expect.any(String),
      expect.any(String),
      '',
      'SS-9',
    ]);
    expect(h.anchors(ticket.number)).toBe(1);
  });
});

describe('quota', () => {
  it('a 429 storm and a 503 delay the sync without losing or duplicating anything', async () => {
    h = await SheetHarness.start();
    const ticket = await h.ticket();
    h.emulator.faults.next(3, { status: 429, retryAfter: 0 });
    h.emulator.faults.next(1, {
      status: 503,
      retryAfter: 0,
      afterHandling: true,
      match: (r) => r.path.endsWith(':batchUpdate'),
    });
    await h.authorise(ticket);
    expect(h.rows().filter((row) => row[0] === ticket.number)).toHaveLength(1);
    h.person().type(`Erros!H${h.rowNumberOf(ticket.number)}`, [['SS-77']]);
    h.emulator.faults.next(6, { status: 429, retryAfter: 0 });
    await expect(h.poll()).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(h.port.ticket(ticket.id).fields.devRequestReference).toBeUndefined();
    h.emulator.faults.next(2, { status: 503, retryAfter: 0 });
    await h.poll();
    expect(h.port.ticket(ticket.id).fields.devRequestReference).toBe('SS-77');
    expect(h.rows().filter((row) => row[0] === ticket.number)).toHaveLength(1);
    expect(h.anchors(ticket.number)).toBe(1);
  });
});

describe('linking a sheet that already has rows', () => {
  it('links rows to tickets by the key column and reports what it could not match', async () => {
    h = await SheetHarness.start({
      rows: [
        [1, 'Padaria', 'Fiscal', 'Já estava na planilha'],
        [99, 'Mercado', 'Boletos', 'Chamado que não existe'],
        ['abc', 'Farmácia', 'Agenda', 'Sem número'],
      ],
    });
    const ticket = await h.ticket();
    await h.poll();
    expect(h.anchors(ticket.number)).toBe(1);
    h.person().type(`Erros!G2`, [['Em correção']]);
    await h.poll();
    expect(h.port.ticket(ticket.id).fields.externalStatus).toBe('Em correção');
    const { googleSheetsConnector } = await import('../src/google-sheets.connector.js');
    const health = await googleSheetsConnector.health(h.context());
    expect(health.detail).toContain('linked 1 of 3 rows');
    expect(health.detail).toContain('row 3 (99): no ticket has this number');
    expect(health.detail).toContain('row 4 (abc): the key is not a ticket number');
  });
});
