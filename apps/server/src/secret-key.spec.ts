import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSecretKey } from '@escala/core';
import { loadConfig } from './config.js';
import { loadSecretBox } from './secret-key.js';

describe('loadSecretBox', () => {
  it('without ESCALA_SECRET_KEY, generates a key in the data folder once and reuses it', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'escala-key-')), 'data');
    const first = await loadSecretBox(loadConfig({ ESCALA_DATA_DIR: dataDir }));
    const second = await loadSecretBox(loadConfig({ ESCALA_DATA_DIR: dataDir }));
    expect(second.box.currentKeyId).toBe(first.box.currentKeyId);
    expect(first.source).toContain(join(dataDir, 'secret.key'));
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    const sealed = first.box.seal({ token: 'x' }, 'channel');
    expect(second.box.open(sealed, 'channel')).toEqual({ token: 'x' });
  });

  it('uses ESCALA_SECRET_KEY when set, and never writes a file then', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'escala-key-')), 'data');
    const { source } = await loadSecretBox(
      loadConfig({ ESCALA_DATA_DIR: dataDir, ESCALA_SECRET_KEY: generateSecretKey() }),
    );
    expect(source).toBe('ESCALA_SECRET_KEY');
    await expect(readFile(join(dataDir, 'secret.key'))).rejects.toThrow(/ENOENT/);
  });
});
