import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { coreEntities } from './entities/index.js';
import { migrations } from './migrations/index.js';

export interface OrmConfigInput {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
}

/** One place that turns a database URL into MikroORM options, used by the server, the CLI and tests. */
export function ormConfig(input: OrmConfigInput): Options {
  return defineConfig({
    clientUrl: input.databaseUrl,
    entities: coreEntities,
    extensions: [Migrator],
    pool: { min: 0, max: input.poolMax ?? 20 },
    debug: input.debug ?? false,
    // The schema changes only through migrations (npm run migrate), never at boot.
    ensureDatabase: false,
    migrations: {
      migrationsList: migrations,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
      path: 'libs/core/dist/persistence/migrations',
      pathTs: 'libs/core/src/persistence/migrations',
    },
  });
}
