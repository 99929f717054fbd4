import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './orm-config.js';
import { installJobQueue } from '../connectors/delivery-queue.service.js';

export interface MigrationOutcome {
  applied: string[];
}

/** Applies pending migrations. This is its own step (`npm run migrate`), never part of module init. */
export async function migrateDatabase(databaseUrl: string): Promise<MigrationOutcome> {
  const orm = await MikroORM.init({ ...ormConfig({ databaseUrl, poolMax: 2 }), debug: false });
  try {
    const applied = await orm.migrator.up();
    await installJobQueue(databaseUrl);
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    await orm.close(true);
  }
}
