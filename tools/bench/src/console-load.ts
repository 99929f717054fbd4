import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '@escala/db-tools';
import { benchDatabase, percentiles, runMain, say } from './bench-setup.js';
import { startEscala, type Running } from './processes.js';

/**
 * `npm run bench:console`: cold loads of the console's first screen (the login page) in headless
 * Chromium, from the Escala server and, in the same run, from a bare node:http server sending the
 * same built files uncompressed. Per load: bytes over the wire, first contentful paint and the
 * moment the login button can be used, medians of BENCH_LOADS (default 7) fresh browser contexts.
 * Budgets (issue 14): ≤ 300 kB gzipped for the first route, first contentful paint ≤ 1 s locally.
 */
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST = fileURLToPath(new URL('../../../apps/console/dist', import.meta.url));

interface Load {
  bytes: number;
  fcpMs: number;
  interactiveMs: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** The baseline: the same files, read from disk on each request, no compression, no framework. */
async function startBareStatic(port: number): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const file = path.startsWith('/assets/') ? normalize(join(DIST, path)) : join(DIST, 'index.html');
    if (!file.startsWith(DIST)) return void response.writeHead(404).end();
    readFile(file).then(
      (body) =>
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

/** One cold load in a fresh context (empty cache): what went over the wire and when it was usable. */
async function coldLoad(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
  await page.goto(`${url}/console`);
  await page.getByRole('button').first().waitFor({ state: 'visible' });
  const interactiveMs = await page.evaluate(() => performance.now());
  const fcpMs = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  await context.close();
  return { bytes, fcpMs, interactiveMs };
}

async function measure(browser: Browser, url: string): Promise<Load> {
  await coldLoad(browser, url); // warm the server's file cache and the JIT, not the browser's cache
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, url));
  const median = (pick: (load: Load) => number) => percentiles(loads.map(pick)).p50;
  return {
    bytes: median((l) => l.bytes),
    fcpMs: median((l) => l.fcpMs),
    interactiveMs: median((l) => l.interactiveMs),
  };
}

async function main(): Promise<void> {
  const db = await benchDatabase('escala_bench_console');
  const dataDir = await mkdtemp(join(tmpdir(), 'escala-bench-console-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let escala: Running | null = null;
  const bare = await startBareStatic(await freePort());
  try {
    escala = await startEscala(db.url, await freePort(), 'bench-admin-password', dataDir);
    say(`Cold load of the console's login page, median of ${LOADS} fresh contexts`);
    say('| server | bytes over the wire | first contentful paint ms | login usable ms |');
    say('| --- | ---: | ---: | ---: |');
    for (const [name, url] of [
      ['bare node:http, uncompressed (baseline)', bare.url],
      ['Escala (pre-compressed brotli/gzip)', escala.url],
    ] as const) {
      const load = await measure(browser, url);
      say(
        `| ${name} | ${(load.bytes / 1024).toFixed(0)} kB | ${load.fcpMs.toFixed(0)} | ${load.interactiveMs.toFixed(0)} |`,
      );
    }
  } finally {
    await browser.close();
    bare.server.close();
    await escala?.stop();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runMain(main);
