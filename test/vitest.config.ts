import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * On PostgreSQL (DATABASE_URL) the integration files share one database: one file at a time. On
 * the embedded default each file opens its own in-memory databases, so files run side by side,
 * one per core.
 *
 * Unit and integration files share their worker's modules (`isolate: false`): loading the graph's
 * modules again for every file took 229 s of the workers' time, beside 518 s of tests. No test
 * mocks a module or stubs a global, each file opens and closes its own databases, servers and
 * clients, and every schema build prints the same SDL however many came before
 * (schema/build-subgraph-schema.ts). The end-to-end files keep a fresh worker each: they start
 * processes and run long. What a project runs from `dist/` is built by its global setup, only when
 * it runs (test/setup/build.ts).
 */
const embedded = !process.env['DATABASE_URL'];
/**
 * The end-to-end files start the graph as separate processes, each with its own embedded
 * database on disk when there is no PostgreSQL: that measures PGlite's start-up, not the graph
 * (they took 9 of the suite's 21 minutes). They run where they mean something, on real services
 * (DATABASE_URL, as in CI, where a missing service fails the run), or when asked for by name
 * (`npm run test:e2e`); otherwise `npm test` says it left them out.
 */
const e2eAsked = process.argv.includes('e2e') || process.argv.some((a) => a.endsWith('.e2e.ts'));
const runE2e = !embedded || process.env['CI'] === 'true' || e2eAsked;
// Said once per run: vitest evaluates this file again for each project.
const notice = globalThis as { crgE2eNoticeShown?: boolean };
if (!runE2e && !notice.crgE2eNoticeShown) {
  notice.crgE2eNoticeShown = true;
  process.stdout.write(
    'e2e: not run (no DATABASE_URL): the end-to-end files start every service as its own process and need real PostgreSQL and Redis; run them with DATABASE_URL and REDIS_URL set, or alone with npm run test:e2e\n',
  );
}

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
    // Vitest's default is one worker fewer than the cores: a single worker on the 2-core machine.
    // On the embedded default the files are independent, so every core runs one.
    ...(embedded ? { maxWorkers: availableParallelism() } : {}),
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
          isolate: false,
          include: ['{loaders,schema,gateway,subgraphs,clients,scripts}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'dist/**', 'test/web/**'],
          setupFiles: ['test/setup/pglite-template.ts'],
          fileParallelism: embedded,
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          include: ['test/web/**/*.test.ts'],
          setupFiles: ['test/setup/pglite-template.ts'],
          globalSetup: ['test/setup/build-web.ts'],
        },
      },
      ...(runE2e ? [e2eProject()] : []),
    ],
  },
});

function e2eProject(): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: 'e2e',
      include: ['test/e2e/**/*.e2e.ts'],
      globalSetup: ['test/setup/build.ts'],
      setupFiles: ['test/setup/pglite-template.ts'],
      fileParallelism: false,
      // A test may start the whole stack (startNode allows 120 s): on a loaded 2-core machine,
      // with the embedded database and the other projects running alongside, that is slow.
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  };
}
