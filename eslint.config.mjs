import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = [
  '@nestjs/*',
  '@mikro-orm/*',
  '@fastify/*',
  'fastify',
  'express',
  'pg',
  'pg-boss',
  'nestjs-pino',
  'prom-client',
  'reflect-metadata',
  'rxjs',
  'googleapis',
  '@googleapis/*',
  '@microsoft/*',
  'nodemailer',
  'imapflow',
  'node:*',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.generated/**',
      '**/node_modules/**',
      '.nx/**',
      '.escala/**',
      'coverage/**',
      '**/*.d.ts',
      'apps/console/generated/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // The domain is pure: no framework, no I/O, nothing of ours.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [], bannedExternalImports: FRAMEWORKS },
            { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:domain'] },
            // Plugins reach the core only through the port the kit gives them.
            {
              sourceTag: 'type:plugin',
              onlyDependOnLibsWithTags: ['type:kit', 'type:domain'],
              bannedExternalImports: ['@mikro-orm/*', 'pg', 'pg-boss', '@nestjs/*'],
            },
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:domain', 'type:kit'] },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: ['type:domain', 'type:kit', 'type:core', 'type:plugin', 'type:tool'],
            },
            // The web console talks to the server over HTTP only; it may use the domain's types and pure rules.
            { sourceTag: 'type:console', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:kit', 'type:core', 'type:plugin', 'type:tool'],
            },
          ],
        },
      ],
    },
  },
  {
    // A plugin's tests run it against the emulators (tools), as the issue asks: only its tests.
    files: ['plugins/*/test/**/*.ts', 'plugins/*/src/**/*.spec.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:plugin', onlyDependOnLibsWithTags: ['type:kit', 'type:domain', 'type:tool'] },
          ],
        },
      ],
    },
  },
  {
    // nx does not see Node built-ins as external imports; the domain does no I/O, so refuse them here.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:|fs$|net$|http$|https$|child_process$|os$|crypto$)',
              message: 'libs/domain is pure: no I/O or Node built-ins.',
            },
          ],
        },
      ],
    },
  },
);
