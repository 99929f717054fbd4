import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** Starts a Node process and resolves once it prints `readyLine` (or rejects with its output). */
function startNode(script: string, env: Record<string, string>, readyLine: RegExp, url: string): Promise<Running> {
  // BENCH_CPU_PROFILE_DIR: a V8 CPU profile of each process, written there when it exits.
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...flags, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyLine.test(output)) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({
          url,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              // Keep-alive sockets can hold a graceful close open; the figures are already taken.
              setTimeout(() => child.kill('SIGKILL'), profileDir ? 15_000 : 3000).unref();
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/** The real Escala server as `npm start` runs it (compiled), on the given database. */
export function startEscala(
  databaseUrl: string,
  port: number,
  adminPassword: string,
  dataDir: string,
): Promise<Running> {
  return startNode(
    'apps/server/dist/main.js',
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      ESCALA_ADMIN_PASSWORD: adminPassword,
      ESCALA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ESCALA_DB_POOL_MAX: '20',
    },
    /Escala is running/,
    `http://127.0.0.1:${port}`,
  );
}

/**
 * `row`: one insert of the ticket row; `work`: the rows an Escala creation writes, in one statement.
 * `actor`: the user Escala's tickets are created by, recorded in the same columns.
 */
export function startBaseline(
  databaseUrl: string,
  port: number,
  unitKey: string,
  kind: 'row' | 'work' = 'row',
  actor?: { id: string; label: string },
): Promise<Running> {
  return startNode(
    fileURLToPath(new URL('./baseline-server.js', import.meta.url)),
    {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      POOL_MAX: '20',
      UNIT_KEY: unitKey,
      BASELINE: kind,
      ...(actor ? { ACTOR_ID: actor.id, ACTOR_LABEL: actor.label } : {}),
    },
    /ready/,
    `http://127.0.0.1:${port}`,
  );
}

/** The same-work baseline for next-ticket (claim-baseline-server.ts). */
export function startClaimBaseline(databaseUrl: string, port: number): Promise<Running> {
  return startNode(
    fileURLToPath(new URL('./claim-baseline-server.js', import.meta.url)),
    { DATABASE_URL: databaseUrl, PORT: String(port), POOL_MAX: '20' },
    /ready/,
    `http://127.0.0.1:${port}`,
  );
}
