import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, rotateChannelSecrets } from '@escala/core';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database.js';
import { loadSecretBox } from './secret-key.js';

/**
 * `npm run secrets:rotate`: after setting the new ESCALA_SECRET_KEY and moving the old one to
 * ESCALA_SECRET_KEY_PREVIOUS, re-seals every sealed secret with the new key — channels' config
 * secrets and the secrets channels keep themselves (token caches). The old key can be dropped once
 * this has run.
 */
async function run(): Promise<void> {
  const config = loadConfig(process.env);
  const { box } = await loadSecretBox(config);
  const database = await openDatabase(config);
  const orm = await MikroORM.init(ormConfig({ databaseUrl: database.url, poolMax: 2 }));
  try {
    const rotated = await rotateChannelSecrets(orm.em, box);
    process.stdout.write(
      `Re-sealed the secrets of ${rotated.channels} channel(s) and ${rotated.channelSecrets} secret(s) channels keep (token caches) with key ${box.currentKeyId}.\n`,
    );
  } finally {
    await orm.close(true);
    await database.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
