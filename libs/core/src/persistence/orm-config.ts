import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { coreEntities } from './entities/index.js';
import { migrations } from './migrations/index.js';

export interface OrmConfigInput {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
}

/**
 * Every session plans prepared statements once (docs/performance.md, "Planned once"). Only the
 * request path's own prepared statements (prepared-statement.ts) carry parameters: the ORM sends
 * its queries with the values written in, which this setting does not touch. Left to choose, the
 * server kept re-planning them (generic plans looked dearer by its estimates) at 0.4–1 ms a call.
 * Options already in the URL are kept.
 */
function sessionOptions(databaseUrl: string): string {
  const given = new URL(databaseUrl).searchParams.get('options');
  return [given, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' ');
}

/** One place that turns a database URL into MikroORM options, used by the server, the CLI and tests. */
export function ormConfig(input: OrmConfigInput): Options {
  return defineConfig({
    clientUrl: input.databaseUrl,
    entities: coreEntities,
    extensions: [Migrator],
    pool: { min: 0, max: input.poolMax ?? 20 },
    driverOptions: { options: sessionOptions(input.databaseUrl) },
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
