import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SecretBox } from '@escala/core';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config.js';
import { apiDocument } from './api-document.js';

/**
 * The OpenAPI document without a database: the application is built in Nest's preview mode
 * (modules and controllers are scanned, no provider is instantiated, nothing connects).
 */
export async function previewDocument(): Promise<OpenAPIObject> {
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
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}
