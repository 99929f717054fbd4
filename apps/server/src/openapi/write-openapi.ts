import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SecretBox } from '@escala/core';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config.js';
import { apiDocument } from './api-document.js';

/**
 * Writes the OpenAPI document to the file named on the command line, without a database: the
 * application is built in Nest's preview mode (modules and controllers are scanned, no provider is
 * instantiated, nothing connects). The console generates its typed client from this file.
 */
async function main(target: string | undefined): Promise<void> {
  if (!target) throw new Error('usage: write-openapi <file>');
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      databaseUrl: 'postgres://preview.invalid/escala',
      secretBox: new SecretBox(Buffer.alloc(32)),
    }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  const document = apiDocument(app);
  await mkdir(dirname(resolve(target)), { recursive: true });
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
