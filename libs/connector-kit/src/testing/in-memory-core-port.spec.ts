import { describe, expect, it } from 'vitest';
import { isConnectorError } from '../connector-error.js';
import type { NewTriageItem } from '../core-port.js';
import { InMemoryCorePort } from './in-memory-core-port.js';

const item: NewTriageItem = {
  key: '<unk0012@desconhecido.com>',
  sender: { email: 'fulano@desconhecido.com', name: 'Fulano' },
  subject: 'Orçamento',
  body: 'Gostaria de um orçamento.',
  receivedAt: '2026-12-03T12:11:00.000Z',
};

describe('the in-memory port holds triage items as the core does', () => {
  it('holds a key once, answering the first item for a repeat', async () => {
    const port = new InMemoryCorePort();
    const first = await port.holdForTriage(item);
    expect(first.recorded).toBe(true);
    expect(await port.holdForTriage({ ...item, subject: 'Outro' })).toEqual({ id: first.id, recorded: false });
    expect(port.triage).toEqual([{ ...item, id: first.id }]);
  });

  it.each([
    ['key', { ...item, key: ' ' }],
    ['sender.email', { ...item, sender: { email: 'fulano' } }],
    ['receivedAt', { ...item, receivedAt: 'ontem' }],
  ])('refuses a bad %s as permanent', async (field, bad) => {
    const error = await new InMemoryCorePort().holdForTriage(bad).catch((e: unknown) => e);
    expect(isConnectorError(error) && error.kind).toBe('permanent');
    expect((error as Error).message).toContain(field);
  });
});
