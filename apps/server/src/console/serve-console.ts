import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The built web console (apps/console/dist), beside this app's src/ and dist/ alike. */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist', import.meta.url));

/** Client routes of the console; the API never uses this prefix. */
const CONSOLE_PREFIX = '/console';

/**
 * Serves the console's files at / and its index page for every client route under /console/. Files
 * get one route each (no wildcard), so a request for an unknown API path still gets the API's JSON
 * 404, never the console page. Returns false when the console has not been built.
 */
export async function serveConsole(app: NestFastifyApplication, root = CONSOLE_DIST): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    // The build writes .br and .gz twins; a browser that accepts them gets ~4x fewer bytes.
    preCompressed: true,
    setHeaders(response, path) {
      // File names under assets/ carry a content hash; the page itself must always be fetched anew.
      response.header(
        'cache-control',
        path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page = (_request: unknown, reply: { sendFile(name: string): unknown }) => reply.sendFile('index.html');
  fastify.get(CONSOLE_PREFIX, page);
  fastify.get(`${CONSOLE_PREFIX}/*`, page);
  return true;
}
