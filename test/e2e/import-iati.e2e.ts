import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import type { ImportReport } from '../../subgraphs/funding/iati.import.js';
import { freshDatabase } from '../support/fresh-database.js';

// `npm run import:iati` as curators run it, through the real CLI, on every committed IATI example
// file, twice each: the second run changes nothing. The command writes into a database of its
// own: a fresh sibling of the test database (`<db>_iati`, test/support/fresh-database.ts),
// dropped after with its roles, or an embedded database in a temporary folder without
// DATABASE_URL, so the examples never change what other test files count.
let env: Record<string, string>;
let cleanup: () => Promise<void>;

/** Every committed IATI example: docs/examples/iati-*.xml|json and the test fixture. */
const EXAMPLES = [
  ...readdirSync(projectPath('docs', 'examples'))
    .filter((f) => /^iati-.*\.(xml|json)$/.test(f))
    .sort()
    .map((f) => `docs/examples/${f}`),
  'test/fixtures/iati-activities.xml',
];

beforeAll(async () => {
  const base = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test' } as Record<string, string>;
  delete base['DATABASE_URL'];
  const fresh = await freshDatabase('iati');
  if (fresh) {
    env = { ...base, DATABASE_URL: fresh.url };
    cleanup = fresh.drop;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'crg-import-iati-'));
    env = { ...base, PGLITE_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(() => cleanup?.());

function importIati(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'import:iati', '--', ...args],
      { cwd: projectPath(), env, timeout: 240_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

async function report(...args: string[]): Promise<{ code: number; report: ImportReport }> {
  const result = await importIati(...args, '--json');
  expect([0, 2], result.stderr).toContain(result.code);
  return { code: result.code, report: JSON.parse(result.stdout) as ImportReport };
}

describe('npm run import:iati on the committed example files', () => {
  it('finds the example files', () => {
    expect(EXAMPLES).toEqual([
      'docs/examples/iati-datastore-activities.json',
      'docs/examples/iati-publisher-shapes.xml',
      'docs/examples/iati-schema-example.xml',
      'test/fixtures/iati-activities.xml',
    ]);
  });

  for (const file of EXAMPLES) {
    it(`imports ${file}, and the second run changes nothing`, async () => {
      // A dry run (on the two formats; each CLI run costs seconds) says exactly what the
      // import then does.
      const dry = file.startsWith('docs/') ? await report(file, '--dry-run') : undefined;
      const first = await report(file);
      if (dry) {
        expect(dry.report.dryRun).toBe(true);
        expect({ ...first.report, dryRun: true }).toEqual(dry.report);
      }
      expect(first.report.created.length).toBeGreaterThan(0);
      expect(first.report.synthetic).toBe(true);

      const second = await report(file);
      expect(second.code).toBe(first.code);
      expect(second.report.created).toEqual([]);
      expect(second.report.updated).toEqual([]);
      expect(second.report.unverifiedOrganizations).toEqual([]);
      expect(second.report.unchanged).toEqual([...first.report.created, ...first.report.updated]);
      expect(second.report.refused).toEqual(first.report.refused);
    }, 600_000);
  }

  it('prints a human report and names a malformed file’s line without writing', async () => {
    const again = await importIati('docs/examples/iati-publisher-shapes.xml');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      'Nothing to change: all 2 activities are already as in the file.',
    );
    const dir = await mkdtemp(join(tmpdir(), 'crg-iati-bad-'));
    try {
      const bad = join(dir, 'bad.xml');
      const { writeFile } = await import('node:fs/promises');
      await writeFile(
        bad,
        '<iati-activities version="2.03">\n  <iati-activity>\n</iati-activities>\n',
      );
      const result = await importIati(bad);
      expect(result.code).toBe(65);
      expect(result.stderr).toMatch(/line 3, column \d+ <iati-activity>.*nothing written/);
      const flag = await importIati('--synthetic', bad);
      expect(flag.code).toBe(64);
      expect(flag.stderr).toContain('a file is synthetic only if it says so itself');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
