import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { databaseUrl } from '../support/services.js';

// `npm run import:laws` as curators run it, on the committed example files, twice each. The
// command writes into a database of its own: a fresh sibling of the test database (as the
// benchmark's `<db>_bench`), dropped after, or an embedded database in a temporary folder without
// DATABASE_URL, so the examples never change what other test files count.
let env: Record<string, string>;
let cleanup: () => Promise<void>;

const admin = (url: string) => {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
};

beforeAll(async () => {
  const base = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'test' } as Record<string, string>;
  delete base['DATABASE_URL'];
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    const name = `${url.pathname.slice(1)}_import`;
    const client = new pg.Client({ connectionString: admin(databaseUrl) });
    await client.connect();
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
    await client.end();
    url.pathname = `/${name}`;
    env = { ...base, DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin(databaseUrl!) });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'crg-import-laws-'));
    env = { ...base, PGLITE_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
}, 120_000);
afterAll(() => cleanup?.());

function importLaws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'import:laws', '--', ...args],
      { cwd: projectPath(), env, timeout: 240_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

describe('npm run import:laws on the committed example files', () => {
  it('dry-runs, imports, and changes nothing the second time (CSV)', async () => {
    const file = 'docs/examples/laws-import.csv';
    const dry = await importLaws(file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would CREATE provision CHL-L19223-1993-a1 (line 2)');
    expect(dry.stdout).toContain('Dry run, nothing written: would create 2, update 0');
    const first = await importLaws(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Created 2, updated 0; 0 unchanged.');
    const second = await importLaws(file);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(`Nothing to change: all 2 record(s) are already as in ${file}.\n`);
  }, 600_000);

  it('imports JSON Lines the same way', async () => {
    const file = 'docs/examples/laws-import.jsonl';
    const first = await importLaws(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('CREATE lesson GBR-NCS-2022 (line 3)');
    expect(first.stdout).toContain('Created 3, updated 0; 0 unchanged.');
    const second = await importLaws(file);
    expect(second.stdout).toBe(`Nothing to change: all 3 record(s) are already as in ${file}.\n`);
  }, 600_000);

  it('imports cases and lessons learned, with a dry run first', async () => {
    const file = 'docs/examples/cases-lessons-import.csv';
    const dry = await importLaws(file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would CREATE case USA-CA2-1991-MORRIS (line 2)');
    expect(dry.stdout).toContain('would CREATE lesson GBR-NCSS-2016 (line 3)');
    const first = await importLaws(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Created 2, updated 0; 0 unchanged.');
    const jsonl = await importLaws('docs/examples/cases-lessons-import.jsonl');
    expect(jsonl.code, jsonl.stderr).toBe(0);
    expect(jsonl.stdout).toContain('CREATE case USA-SC-2018-CARPENTER (line 1)');
  }, 600_000);

  it('runs every committed example file twice; the second run changes nothing', async () => {
    const files = (await readdir(projectPath('docs', 'examples')))
      .filter((f) => /\.(csv|jsonl)$/.test(f))
      .sort();
    expect(files).toEqual([
      'cases-lessons-import.csv',
      'cases-lessons-import.jsonl',
      'laws-import.csv',
      'laws-import.jsonl',
    ]);
    for (const name of files) {
      const file = `docs/examples/${name}`;
      const first = await importLaws(file);
      expect(first.code, `${file}: ${first.stderr}`).toBe(0);
      const second = await importLaws(file);
      expect(second.code, `${file}: ${second.stderr}`).toBe(0);
      expect(second.stdout).toMatch(
        new RegExp(`^Nothing to change: all \\d+ record\\(s\\) are already as in ${file}\\.\\n$`),
      );
    }
  }, 900_000);

  it('names the line and field of every problem in cases and lessons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crg-import-bad-cases-'));
    const file = join(dir, 'bad.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({
          record: 'case',
          id: 'TEST-CASE-1',
          country_iso3: 'XXX',
          court: 'Test court',
          jurisdiction_level: 'LOCAL',
          case_name: 'Test v. Test',
          crime_types: ['BC-2'],
          fact_summary: 'Test-only.',
          source: 'test',
          confidence: 'to verify',
        }),
        JSON.stringify({
          record: 'lesson',
          id: 'TEST-LESSON-1',
          title: 'Test-only lesson',
          document_type: 'BLOG',
          summary: 'Test-only.',
          source: 'test',
          confidence: 'to verify',
          offence_categories: 'NOPE',
        }),
      ].join('\n') + '\n',
    );
    try {
      const result = await importLaws(file);
      expect(result.code).toBe(65);
      expect(result.stderr).toContain(`${file}:1: country_iso3: "XXX" is not the ISO alpha-3 code`);
      expect(result.stderr).toContain(
        `${file}:1: jurisdiction_level: must be one of NATIONAL, REGIONAL`,
      );
      expect(result.stderr).toContain(
        `${file}:1: crime_types: "BC-2" is not in the CRIME_TYPE list`,
      );
      expect(result.stderr).toContain(`${file}:2: document_type: must be one of`);
      expect(result.stderr).toContain(`${file}:2: offence_categories: "NOPE" is not in the`);
      expect(result.stderr).toContain('nothing written');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('names every problem with its line and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crg-import-bad-'));
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      'record,id,legislation_id,label,summary,source,confidence\n' +
        'provision,CHL-L19223-1993-a9,CHL-L19223-1993,Art. 9,A summary.,test,to verify\n' +
        'provision,X1,NOPE-1,,A summary.,test,maybe\n' +
        'law,Y,,,,,\n',
    );
    try {
      const result = await importLaws(file);
      expect(result.code).toBe(65);
      expect(result.stderr).toContain(`${file}:3: legislation_id: "NOPE-1" is not a law`);
      expect(result.stderr).toContain(`${file}:3: label: is required`);
      expect(result.stderr).toContain(`${file}:3: confidence: must be one of verified, to verify`);
      expect(result.stderr).toContain(`${file}:4: record: must be one of`);
      expect(result.stderr).toContain('nothing written');
      // The valid record on line 2 was not written either.
      const good = join(dir, 'good.csv');
      await writeFile(
        good,
        'record,id,legislation_id,label,summary,source,confidence\n' +
          'provision,CHL-L19223-1993-a9,CHL-L19223-1993,Art. 9,A summary.,test,to verify\n',
      );
      const dry = await importLaws(good, '--dry-run');
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('would CREATE provision CHL-L19223-1993-a9');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
