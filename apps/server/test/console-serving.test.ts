import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConsoleBuilt } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the server serves the web console beside the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers / and every client route under /console/ with the console page', async () => {
    for (const path of ['/', '/console', '/console/tickets/00000000-0000-4000-8000-000000000000']) {
      const page = await fetch(t.baseUrl + path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(await page.text(), path).toContain('<div id="root">');
    }
  });

  it('leaves API answers alone: an unknown path is still a JSON 404, a guarded one still a 401', async () => {
    const unknown = await t.request('GET', '/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/json/);
    const guarded = await t.request('GET', '/tickets/00000000-0000-4000-8000-000000000000');
    expect(guarded.status).toBe(401);
  });

  it('serves hashed assets as immutable and the page as always revalidated', async () => {
    const html = await (await fetch(`${t.baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(t.baseUrl + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.baseUrl}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the build-time brotli or gzip twin of an asset to a browser that accepts it', async () => {
    const html = await (await fetch(`${t.baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const brotli = await fetch(t.baseUrl + script, { headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    const gzip = await fetch(t.baseUrl + script, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(await brotli.text());
  });

  it('writes, without a database, the routes and request bodies it serves (the console client is generated from them)', async () => {
    const served = (await t.request('GET', '/docs/openapi.json')).body;
    const target = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    const script = join(import.meta.dirname, '../dist/openapi/write-openapi.js');
    execFileSync(process.execPath, [script, target], { env: { ...process.env, DATABASE_URL: '' } });
    // Parameter details follow decorator metadata, which the compiled server and this source run
    // emit differently; the operations and their bodies are what the console's build checks against.
    const operations = (document: { paths: Record<string, Record<string, { requestBody?: unknown }>> }) =>
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => [`${method} ${path}`, operation.requestBody ?? null]),
      );
    expect(operations(JSON.parse(readFileSync(target, 'utf8')))).toEqual(operations(served));
  });
});
