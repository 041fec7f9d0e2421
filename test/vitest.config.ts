import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

// Tool config: a default export is what vitest reads.
export default defineConfig({
  root,
  resolve: {
    // One graphql realm: without this, ESM and CJS copies meet ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    setupFiles: ['test/setup/reflect-metadata.ts'],
    expect: { requireAssertions: true },
    // Generous for a loaded 2-core machine: at a load average of ~26 a test that opens its own
    // embedded database, migrates, seeds and scales it took 36 s.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    exclude: ['**/node_modules/**', 'dist/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{loaders,schema,gateway,subgraphs,clients,scripts}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          setupFiles: ['test/setup/pglite-template.ts'],
          // Files share one PostgreSQL database (the subgraphs' schemas); one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          setupFiles: ['test/setup/pglite-template.ts'],
          fileParallelism: false,
          // A test may start the whole stack (startNode allows 120 s): on a loaded 2-core machine,
          // with the embedded database and the other projects running alongside, that is slow.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
