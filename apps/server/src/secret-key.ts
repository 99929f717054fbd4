import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSecretKey, parseSecretKey, SecretBox } from '@escala/core';
import type { ServerConfig } from './config.js';

export interface LoadedSecretBox {
  box: SecretBox;
  /** Where the key came from, for the start-up banner; never the key itself. */
  source: string;
}

/**
 * The key that seals connector secrets: ESCALA_SECRET_KEY, or else one kept in ESCALA_DATA_DIR —
 * generated on the first start and reused afterwards, so a restart never loses the secrets.
 * Production sets the variable (and backs it up); the file is what makes `npm start` just work.
 */
export async function loadSecretBox(config: ServerConfig): Promise<LoadedSecretBox> {
  const previous = config.ESCALA_SECRET_KEY_PREVIOUS.map(parseSecretKey);
  if (config.ESCALA_SECRET_KEY)
    return { box: new SecretBox(parseSecretKey(config.ESCALA_SECRET_KEY), previous), source: 'ESCALA_SECRET_KEY' };
  const file = join(config.ESCALA_DATA_DIR, 'secret.key');
  let text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) {
    text = generateSecretKey();
    await mkdir(config.ESCALA_DATA_DIR, { recursive: true });
    // `wx`: if another process created it meanwhile, fail rather than overwrite a key in use.
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  }
  return {
    box: new SecretBox(parseSecretKey(text), previous),
    source: `${file} (set ESCALA_SECRET_KEY in production and back it up)`,
  };
}
