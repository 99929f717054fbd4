import { ConnectorError } from '@escala/connector-kit';
import { InMemoryCorePort } from '@escala/connector-kit/testing';
import { describe, expect, it } from 'vitest';
import { clearBounced, markBounced, withoutBounced } from './bounced-addresses.js';

const MARK = { at: '2026-12-03T12:24:00.000Z', status: '5.2.2', dsn: '<dsn0025@mx.exemplo.com.br>' };

describe('bounced addresses on the way out', () => {
  it('refuses a mail whose every recipient bounced, permanently, naming the address and the DSN', async () => {
    const port = new InMemoryCorePort();
    await markBounced(port, 'Maria@Exemplo.com.br', MARK);
    const refusal = await withoutBounced(port, { to: ['maria@exemplo.com.br'], cc: [] }).catch((error) => error);
    expect(refusal).toBeInstanceOf(ConnectorError);
    expect(refusal.retryable).toBe(false);
    expect(refusal.message).toContain('maria@exemplo.com.br devolveu nossa mensagem em 2026-12-03');
    expect(refusal.message).toContain('status 5.2.2, aviso <dsn0025@mx.exemplo.com.br>');
  });

  it('leaves a bounced Cc (or one of several To) out and sends to the rest', async () => {
    const port = new InMemoryCorePort();
    await markBounced(port, 'maria@exemplo.com.br', MARK);
    expect(
      await withoutBounced(port, { to: ['joao@padaria.com.br', 'maria@exemplo.com.br'], cc: ['MARIA@exemplo.com.br'] }),
    ).toEqual({ to: ['joao@padaria.com.br'], cc: [] });
    const untouched = { to: 'joao@padaria.com.br', subject: 'x' };
    expect(await withoutBounced(port, untouched)).toBe(untouched);
  });

  it('sends again once the mark is cleared (the customer wrote from the address)', async () => {
    const port = new InMemoryCorePort();
    await markBounced(port, 'maria@exemplo.com.br', MARK);
    await clearBounced(port, 'maria@exemplo.com.br');
    expect(await withoutBounced(port, { to: ['maria@exemplo.com.br'] })).toEqual({ to: ['maria@exemplo.com.br'] });
  });

  it('ignores a state value it did not write (a hand-edited or older mark shape)', async () => {
    const port = new InMemoryCorePort();
    await port.state.put('bounced:maria:40exemplo.com.br', 'sim');
    expect(await withoutBounced(port, { to: ['maria@exemplo.com.br'] })).toEqual({ to: ['maria@exemplo.com.br'] });
  });
});
