import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuntimeConfig } from '../../loaders/config.js';
import { openDatabase, type Database } from '../../loaders/database.js';
import { prepareSubgraphDatabase } from '../../schema/server/serve-subgraph.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { PARTNER_TIER_SUBGRAPHS } from '../../subgraphs/partner-tier.js';
import { dataPack } from '../support/data-pack.js';
import { silentLogger } from '../support/harness.js';

// Issue 14: a production-mode start on an EMPTY real PostgreSQL database seeds no synthetic
// record. The shared database is never empty, so this file starts a private PostgreSQL 15 on a
// port of this project's range (initdb in a temporary directory; removed after).

const BIN = '/usr/lib/postgresql/15/bin';
const PORT = 16_500 + (process.pid % 90);
const asRoot = process.getuid?.() === 0;

let dir: string;
let server: ChildProcess | undefined;
let database: Database;

/** Runs a PostgreSQL binary as the postgres user when this process is root (initdb refuses root). */
function pgCommand(binary: string, args: string[]): [string, string[]] {
  return asRoot
    ? ['/usr/sbin/runuser', ['-u', 'postgres', '--', join(BIN, binary), ...args]]
    : [join(BIN, binary), args];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crg-prod-seed-'));
  if (asRoot) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'data');
  const [initdb, initArgs] = pgCommand('initdb', [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
  ]);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  const [postgres, args] = pgCommand('postgres', [
    '-D',
    data,
    '-p',
    String(PORT),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  server = spawn(postgres, args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${PORT}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      database = await openDatabase({ kind: 'postgres', url });
      await sql`select 1`.execute(database.db);
      break;
    } catch (error) {
      await database?.destroy().catch(() => undefined);
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}, 60_000);

afterAll(async () => {
  await database?.destroy();
  if (server && server.exitCode === null) {
    // pg_ctl stops the server itself (runuser does not pass signals on to its child).
    const exited = new Promise((r) => server!.once('exit', r));
    const [pgCtl, args] = pgCommand('pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'fast']);
    spawnSync(pgCtl, args, { stdio: 'ignore', timeout: 30_000 });
    await exited;
  }
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('what a start seeds', () => {
  it('NODE_ENV=production seeds real data only; SEED_SYNTHETIC says it explicitly either way', () => {
    expect(readRuntimeConfig({}).seedSynthetic).toBe(true);
    expect(readRuntimeConfig({ NODE_ENV: 'production' }).seedSynthetic).toBe(false);
    expect(
      readRuntimeConfig({ NODE_ENV: 'production', SEED_SYNTHETIC: 'true' }).seedSynthetic,
    ).toBe(true);
    expect(readRuntimeConfig({ SEED_SYNTHETIC: 'false' }).seedSynthetic).toBe(false);
  });

  it('a production-mode start on an empty PostgreSQL database seeds no synthetic record', async () => {
    const config = readRuntimeConfig({
      NODE_ENV: 'production',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${PORT}/postgres`,
    });
    expect(config.seedSynthetic).toBe(false);
    // As each subgraph's main does at start (schema/server/run-subgraph.ts).
    for (const subgraph of [...CORE_SUBGRAPHS, ...PARTNER_TIER_SUBGRAPHS]) {
      await prepareSubgraphDatabase(subgraph, database.db, silentLogger, {
        synthetic: config.seedSynthetic,
      });
    }
    // Every table of every subgraph that can hold synthetic rows, found in the catalogue.
    const { rows: tables } = await sql<{ schema: string; table: string }>`
      select table_schema as schema, table_name as table from information_schema.columns
      where column_name = 'synthetic' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1, 2`.execute(database.db);
    expect(tables.length).toBeGreaterThanOrEqual(8);
    const counts: Record<string, { real: number; synthetic: number }> = {};
    for (const { schema, table } of tables) {
      const { rows } = await sql<{ real: number; synthetic: number }>`
        select count(*) filter (where not synthetic)::int as real,
          count(*) filter (where synthetic)::int as synthetic
        from ${sql.table(`${schema}.${table}`)}`.execute(database.db);
      counts[`${schema}.${table}`] = rows[0]!;
    }
    for (const [table, count] of Object.entries(counts)) {
      expect(count.synthetic, `${table} holds synthetic rows`).toBe(0);
    }
    // The real records are there: the laws of the data pack, the money and work it cites.
    // The curated laws and the UNCTAD catalogue entries, less those that are second sources of a
    // curated law (catalogue_matches.csv; issue 22).
    const laws = dataPack('laws');
    expect(counts['laws.legislation']?.real).toBe(
      (await laws.count('national_laws.csv')) +
        (await laws.count('unctad_cybercrime_law_links.csv')) -
        (await laws.count('catalogue_matches.csv')),
    );
    // 3 Global Programme contributions (USA 2012, Canada 2015, Norway 2018) and 10 partner
    // contributions to their projects (partnership_contributions.csv; Canada's undated one is a
    // record without money).
    expect(counts['funding.funding_transaction']?.real).toBe(13);
    // The capacity-building projects of partnership_projects.csv.
    expect(counts['partners.partnership']?.real).toBe(
      await dataPack('partners').count('partnership_projects.csv'),
    );
    // The 27 activities of gpc_activities.csv and the Tunisia delivery of the programme facts.
    expect(counts['assistance.activity']?.real).toBe(28);
    const { rows: states } = await sql<{ n: number }>`
      select count(*)::int as n from member_states.country`.execute(database.db);
    expect(states[0]!.n).toBe((await dataPack('member-states').states()).length);
  }, 120_000);
});
