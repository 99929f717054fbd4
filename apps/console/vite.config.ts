import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Brotli and gzip twins of each file, compressed once at build: the server sends them (preCompressed)
  // instead of compressing ~900 kB on every cold load.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/] })],
  // The server serves the built console at /, its client routes under /console/.
  base: '/',
  resolve: {
    // Type-only imports of the domain vanish at build; anything imported for real comes from source.
    conditions: ['@escala/source', 'module', 'browser', 'development|production'],
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  test: {
    name: 'console',
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
