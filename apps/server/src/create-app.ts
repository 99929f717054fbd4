import 'reflect-metadata';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ProblemFilter } from '@escala/core';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { Metrics } from './metrics/metrics.js';
import { serveConsole } from './console/serve-console.js';
import { apiDocument } from './openapi/api-document.js';

// Large enough that an oversized field gets a 400 naming it rather than a bare 413.
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Builds the fully wired application (not yet listening). Used by `main` and by the tests. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    // The raw body is kept for inbound webhooks, whose signatures cover the exact bytes sent.
    { bufferLogs: true, rawBody: true },
  );
  app.useLogger(app.get(Logger));
  // Before init: the unknown-route and body-parse handlers take the global filters as they are then.
  app.useGlobalFilters(new ProblemFilter(app.get(HttpAdapterHost)));
  instrument(app);
  const document = apiDocument(app);
  // The API description is public on purpose: it holds no data, and integrators need it to log in.
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await serveConsole(app);
  await app.init();
  return app;
}

function instrument(app: NestFastifyApplication): void {
  const metrics = app.get(Metrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
      metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      done();
    });
}
