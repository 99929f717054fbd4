import { writeFile } from 'node:fs/promises';
import { CONFIGURATION_DOC, configurationDoc } from './config-docs.js';

/** `npm run docs:config`: rewrites docs/configuration.md from the config schema. */
await writeFile(CONFIGURATION_DOC, await configurationDoc());
process.stdout.write(`Wrote ${CONFIGURATION_DOC}\n`);
