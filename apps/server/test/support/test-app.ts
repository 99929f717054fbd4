import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EntityManager } from '@mikro-orm/postgresql';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { ConnectorDefinition } from '@escala/connector-kit';
import { ensureBootstrapAdmin, type Clock } from '@escala/core';
import { createTestDatabase } from '@escala/db-tools';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/create-app.js';
import { loadSecretBox } from '../../src/secret-key.js';
import { problemShapeViolation } from './problem-shape.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
/** Seals connector secrets in tests (32 bytes, base64); a test may pass its own ESCALA_SECRET_KEY. */
export const TEST_SECRET_KEY = 'dGVzdC1zZWNyZXQta2V5LW9mLTMyLWJ5dGVzLWxvbmc=';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  /** Every JSON log line the app wrote, as text. */
  logs: string[];
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  login(login: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * Boots the real application on its own cloned database, listening on a free loopback port;
 * `sharedDatabaseUrl` starts another instance on an existing app's database (not dropped on close).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  sharedDatabaseUrl?: string,
  options: { clock?: Clock; connectors?: ConnectorDefinition[] } = {},
): Promise<TestApp> {
  const database = sharedDatabaseUrl
    ? { url: sharedDatabaseUrl, drop: async () => undefined }
    : await createTestDatabase(inject('testDatabaseServerUrl'));
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const config = loadConfig({
    LOG_LEVEL: 'info',
    ESCALA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ESCALA_SECRET_KEY: TEST_SECRET_KEY,
    ...env,
  });
  const { box } = await loadSecretBox(config);
  const app = await createApp({
    config,
    databaseUrl: database.url,
    logDestination,
    secretBox: box,
    clock: options.clock,
    connectors: options.connectors && (async () => options.connectors!),
  });
  await ensureBootstrapAdmin(app.get(EntityManager), config.ESCALA_ADMIN_PASSWORD);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    if (response.status >= 400) {
      const violation = problemShapeViolation(
        { path },
        { status: response.status, contentType: response.headers.get('content-type'), body: parsed },
      );
      if (violation)
        throw new Error(`${method} ${path} answered ${response.status} off the problem shape: ${violation}\n${text}`);
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    app,
    baseUrl,
    databaseUrl: database.url,
    logs,
    request,
    async login(login, password) {
      const response = await request('POST', '/auth/login', { body: { login, password } });
      if (response.status !== 200)
        throw new Error(`login ${login} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
