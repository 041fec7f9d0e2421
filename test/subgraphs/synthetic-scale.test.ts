import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget } from '../../loaders/database.js';
import { prepareSubgraphDatabase } from '../../schema/server/serve-subgraph.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { freshDatabase } from '../support/fresh-database.js';
import { silentLogger } from '../support/harness.js';

// The benchmark's scale-up, on a database of its own (it adds thousands of rows that other
// tests must not see): a fresh PostgreSQL database when one is configured, else embedded.
let fresh: Awaited<ReturnType<typeof freshDatabase>>;

let database: Database;
const SCALE = 3;
const reports: Record<string, Record<string, number>> = {};
const before: Record<string, Record<string, number>> = {};

const TABLES: Record<string, readonly string[]> = {
  laws: ['legislation', 'legal_provision'],
  partners: ['organization', 'partnership'],
  funding: ['project', 'funding_transaction'],
  assistance: ['activity'],
};

async function countRows(schema: string, table: string, synthetic?: boolean): Promise<number> {
  const where = synthetic === undefined ? sql`` : sql` where synthetic = ${synthetic}`;
  const { rows } = await sql<{
    n: string;
  }>`select count(*) as n from ${sql.table(`${schema}.${table}`)}${where}`.execute(database.db);
  return Number(rows[0]?.n);
}

beforeAll(async () => {
  fresh = await freshDatabase('scale');
  const target: DatabaseTarget = fresh
    ? { kind: 'postgres', url: fresh.url }
    : { kind: 'pglite-memory' };
  database = await openDatabase(target);
  for (const subgraph of CORE_SUBGRAPHS) {
    await prepareSubgraphDatabase(subgraph, database.db, silentLogger, { synthetic: true });
    const tables = TABLES[subgraph.name];
    if (subgraph.syntheticScale && tables) {
      const schema = subgraph.dbSchema;
      const counts: Record<string, number> = {};
      for (const t of tables) {
        counts[t] = await countRows(schema, t);
        counts[`${t}:real`] = await countRows(schema, t, false);
      }
      before[subgraph.name] = counts;
      const seen: number[] = [];
      reports[subgraph.name] = await subgraph.syntheticScale(
        database.db.withSchema(schema),
        SCALE,
        (done) => seen.push(done),
      );
      expect(seen.at(-1), `${subgraph.name} reports progress to the end`).toBeGreaterThan(0);
    }
  }
}, 120_000);

afterAll(async () => {
  await database?.destroy();
  await fresh?.drop();
});

describe('synthetic scale-up for the benchmark', () => {
  it('gives laws, partners, funding and assistance a generator', () => {
    expect(Object.keys(reports).sort()).toEqual(['assistance', 'funding', 'laws', 'partners']);
  });

  it.each(Object.entries(TABLES))(
    '%s: multiplies its rows and flags every added row synthetic',
    async (name, tables) => {
      const schema = CORE_SUBGRAPHS.find((s) => s.name === name)!.dbSchema;
      for (const table of tables) {
        const after = await countRows(schema, table);
        const seeded = before[name]![table]!;
        expect(after, `${name}.${table} grew`).toBeGreaterThan(seeded);
        // Nothing real was added: every added row is flagged synthetic.
        expect(await countRows(schema, table, false), `${name}.${table}: real rows`).toBe(
          before[name]![`${table}:real`],
        );
      }
    },
  );

  it('adds (scale − 1) times the seeded laws, organisations, projects and activities', async () => {
    const realLaws = await countRows('laws', 'legislation', false);
    const realProvisions = await countRows('laws', 'legal_provision', false);
    expect(reports['laws']).toEqual({
      syntheticLegislation: realLaws * (SCALE - 1),
      syntheticProvisions: realProvisions * (SCALE - 1),
    });
    const realOrganizations = await countRows('partners', 'organization', false);
    expect(reports['partners']?.['syntheticOrganizations']).toBe(realOrganizations * (SCALE - 1));
    expect(reports['partners']?.['syntheticPartnerships']).toBe(48 * (SCALE - 1));
    // All but the real ones (the programme and the data pack's partner projects).
    const seededSyntheticProjects =
      before['funding']!['project']! - before['funding']!['project:real']!;
    expect(reports['funding']?.['syntheticProjects']).toBe(seededSyntheticProjects * (SCALE - 1));
    const seededSyntheticActivities =
      before['assistance']!['activity']! - before['assistance']!['activity:real']!;
    expect(reports['assistance']).toEqual({
      syntheticActivities: seededSyntheticActivities * (SCALE - 1),
    });
  });

  it('is deterministic: the same scale gives the same rows', async () => {
    const { rows } = await sql<{ id: string; country_iso3: string; title: string }>`
      select id, country_iso3, title from laws.legislation where id = 'syn-law-000001'`.execute(
      database.db,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.title).toBe('Synthetic cybercrime act 000001 (benchmark only)');
    const again = await openDatabase({ kind: 'pglite-memory' });
    try {
      const laws = CORE_SUBGRAPHS.find((s) => s.name === 'laws')!;
      await prepareSubgraphDatabase(laws, again.db, silentLogger, { synthetic: true });
      await laws.syntheticScale!(again.db.withSchema(laws.dbSchema), SCALE, () => undefined);
      const { rows: twin } = await sql<{ id: string; country_iso3: string; title: string }>`
        select id, country_iso3, title from laws.legislation where id = 'syn-law-000001'`.execute(
        again.db,
      );
      expect(twin).toEqual(rows);
    } finally {
      await again.destroy();
    }
  });
});
