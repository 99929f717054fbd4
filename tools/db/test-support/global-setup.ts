import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster, type EmbeddedCluster } from '../src/embedded-cluster.js';
import { TEMPLATE_DATABASE } from '../src/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseServerUrl: string;
  }
}

let cluster: EmbeddedCluster | undefined;

/**
 * Once per `npm test`: a throwaway PostgreSQL (fsync off) or TEST_DATABASE_URL, with a template
 * database migrated once. Each integration test file clones the template (see test-database.ts),
 * so files run in parallel without seeing each other's rows.
 */
export async function setup(project: TestProject): Promise<void> {
  try {
    let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    if (!serverUrl) {
      const dataDir = await mkdtemp(join(tmpdir(), 'escala-test-pg-'));
      cluster = await startEmbeddedCluster({ dataDir, ephemeral: true });
      serverUrl = cluster.adminUrl;
    }
    await recreateTemplate(serverUrl);
    project.provide('testDatabaseServerUrl', serverUrl);
  } catch (error) {
    // Vitest 5 reports a failed global setup but still exits 0; a run without its database must fail.
    await cluster?.stop().catch(() => undefined);
    process.stderr.write(`Test database setup failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  }
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}

async function recreateTemplate(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  // Imported lazily so unit-only runs of other tools do not load the ORM.
  const { migrateDatabase } = await import('@escala/core');
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DATABASE));
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
