import { migrateDatabase } from '@escala/core';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
async function run(): Promise<void> {
  const database = await openDatabase(loadConfig(process.env));
  try {
    const { applied } = await migrateDatabase(database.url);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
