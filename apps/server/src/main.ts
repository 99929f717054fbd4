import { EntityManager } from '@mikro-orm/postgresql';
import {
  CustomersService,
  ensureBootstrapAdmin,
  ensureDemoOrganisation,
  migrateDatabase,
  SupportStructureService,
  TicketsService,
} from '@escala/core';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './create-app.js';
import { openDatabase } from './database.js';
import { loadSecretBox } from './secret-key.js';

const say = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const database = await openDatabase(config);
  let stopping = false;
  const stopDatabase = async () => {
    await database.close().catch(() => undefined);
  };
  try {
    const { applied } = await migrateDatabase(database.url);
    if (applied.length > 0) say(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    const secrets = await loadSecretBox(config);
    const app = await createApp({ config, databaseUrl: database.url, secretBox: secrets.box });
    // From here on a signal closes the app and then the database, even before "Escala is running".
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`Received ${signal}, shutting down…`);
      await app.close();
      await stopDatabase();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    const admin = await ensureBootstrapAdmin(app.get(EntityManager), config.ESCALA_ADMIN_PASSWORD);
    // Demo data only on the embedded database: a real deployment (DATABASE_URL) starts empty.
    const seeded =
      !config.DATABASE_URL &&
      (await ensureDemoOrganisation({
        em: app.get(EntityManager),
        structures: app.get(SupportStructureService),
        customers: app.get(CustomersService),
        tickets: app.get(TicketsService),
      }));
    const roles = config.ESCALA_ROLES.join(', ');
    if (config.ESCALA_ROLES.includes('api')) {
      await app.listen({ port: config.PORT, host: config.HOST });
      const base = `http://${config.HOST}:${config.PORT}`;
      say(`Escala is running at ${base} on ${database.description} (roles: ${roles})`);
      say(`  Web console: ${base}/ (log in there)`);
      say(`  API documentation: ${base}/docs    readiness: ${base}/health/ready`);
      say(`  API log in: POST ${base}/auth/login {"login":"admin","password":"…"}`);
    } else {
      say(`Escala is running (roles: ${roles}, no HTTP API) on ${database.description}`);
    }
    say(`  Connector secrets sealed with the key from ${secrets.source}`);
    if (seeded) say('  First start: seeded a demo organisation (support structure "n1-n5", a customer, two tickets)');
    if (admin.generatedPassword) {
      say(`  First start: created the user "${admin.login}" with the one-time password: ${admin.generatedPassword}`);
      say('  It is shown only now; change it with PATCH /users/{id}.');
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
