import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Compiles the server and the plugins as `npm start` does (incremental: fast when up to date). */
export async function buildServer(): Promise<void> {
  const plugins = (await readdir(`${ROOT}plugins`)).map((name) => `plugins/${name}/tsconfig.lib.json`);
  await promisify(execFile)(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, '-b', 'apps/server/tsconfig.app.json', ...plugins],
    { cwd: ROOT },
  );
}

export interface ServerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the compiled server as its own process, and resolves once it says it is running.
 * `processGroup` makes it lead a process group of its own, as a shell does for `npm start`, so a
 * test can send a signal to the whole group the way Ctrl-C in a terminal does.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { processGroup?: boolean } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.processGroup ?? false,
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(String(chunk));
      if (output.join('').includes('Escala is running')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before running:\n${output.join('')}`)));
  });
  return { child, output, exited };
}
