import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Tests run the workspace libraries from source: every package whose exports name an
 * `@escala/source` entry is aliased to it. (Vite's export conditions do not reach the global
 * setup's module runner, so aliases are the one mechanism that covers everything.)
 */
function workspaceSourceAliases(): Array<{ find: RegExp; replacement: string }> {
  const aliases: Array<{ find: RegExp; replacement: string }> = [];
  for (const group of ['apps', 'libs', 'plugins', 'tools']) {
    if (!existsSync(group)) continue;
    for (const folder of readdirSync(group)) {
      const manifestPath = join(group, folder, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      // Every export entry, subpaths too (`@escala/connector-kit/testing`), matched exactly so
      // that a package's alias does not swallow its subpaths.
      for (const [subpath, entry] of Object.entries<Record<string, string> | string>(manifest.exports ?? {})) {
        const source = typeof entry === 'object' ? entry['@escala/source'] : undefined;
        const specifier = manifest.name + subpath.slice(1);
        if (source)
          aliases.push({
            find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`),
            replacement: resolve(group, folder, source),
          });
      }
    }
  }
  return aliases;
}

export default defineConfig({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          globalSetup: ['tools/db/test-support/global-setup.ts'],
          include: [
            '{apps,libs,plugins,tools}/*/{src,test}/**/*.{spec,test}.ts',
            '{apps,libs,plugins,tools}/*/test/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', 'apps/console/**'],
        },
      },
      // The web console's component and unit tests run in a DOM, with the console's own Vite config.
      'apps/console/vite.config.ts',
    ],
  },
});
