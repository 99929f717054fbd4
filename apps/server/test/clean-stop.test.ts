import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@escala/db-tools';
import { buildServer, startServerProcess } from './support/worker-process.js';

const dataDir = await mkdtemp(join(tmpdir(), 'escala-clean-stop-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('a clean stop', () => {
  it('Ctrl-C in the terminal stops the server and its embedded database with exit 0 and no error in the log', async () => {
    await buildServer();
    const server = await startServerProcess(
      {
        ESCALA_DATA_DIR: dataDir,
        PORT: String(await freePort()),
        ESCALA_ADMIN_PASSWORD: 'admin-password-for-tests',
        LOG_LEVEL: 'info',
      },
      { processGroup: true },
    );
    // A terminal sends SIGINT to the whole foreground process group, not only to the server.
    process.kill(-server.child.pid!, 'SIGINT');
    expect(await server.exited, server.output.join('').slice(-2500)).toBe(0);
    const logLines = server.output
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg?: string });
    expect(logLines.filter((line) => line.level >= 50)).toEqual([]);
    expect(server.output.join('')).toContain('Received SIGINT, shutting down');
  }, 120_000);
});
