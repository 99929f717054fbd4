import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_DOC, configurationDoc } from './config-docs.js';

describe('docs/configuration.md', () => {
  it('is what the config schema generates (run `npm run docs:config` after changing the schema)', async () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8')).toBe(await configurationDoc());
  });

  it('lists every variable with its default and the values it accepts', async () => {
    const doc = await configurationDoc();
    expect(doc).toMatch(/\| `PORT` +\| `3000` +\| integer 1 … 65535 +\| HTTP port/);
    expect(doc).toMatch(/\| `ESCALA_ROLES` +\| `api,scheduler,worker` +\| comma-separated, any of `api`/);
    expect(doc).toMatch(/\| `ESCALA_SECRET_KEY` \(secret\) +\| a key generated once/);
  });
});
