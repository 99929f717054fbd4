import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@escala/source'] },
  ssr: { resolve: { conditions: ['@escala/source'] } },
  test: {
    globalSetup: ['tools/db/test-support/global-setup.ts'],
    include: ['{apps,libs,plugins,tools}/*/{src,test}/**/*.{spec,test}.ts', '{apps,libs,plugins,tools}/*/test/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
