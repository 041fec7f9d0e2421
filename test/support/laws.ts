import { sql } from 'kysely';
import type { KeyValueCache } from '../../loaders/cache.js';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv } from '../../loaders/seed-data/csv.js';
import { lawsSubgraph } from '../../subgraphs/laws/index.js';
import { startTestSubgraph, type TestSubgraph } from './harness.js';

/**
 * What the laws test files (test/subgraphs/laws-*.test.ts) share: the mark on the rows they
 * write, the write operations and a test law, and the member States from the data pack.
 */

/** The `source` of every law and provision the laws test files write. */
export const LAWS_TEST_SOURCE = 'test: test/subgraphs/laws-*.test.ts';
/** The mark before the file was split by topic: a database kept from then is cleaned too. */
const FORMER_TEST_SOURCE = 'test: test/subgraphs/laws.test.ts';

/**
 * The laws subgraph on the test database, without the laws and provisions earlier test files or
 * runs wrote (on PostgreSQL, files share one database; the audit log is append-only and stays).
 */
export async function startLawsSubgraph(
  options: { cache?: KeyValueCache } = {},
): Promise<TestSubgraph> {
  const subgraph = await startTestSubgraph(lawsSubgraph, options);
  const db = subgraph.database.db;
  for (const source of [LAWS_TEST_SOURCE, FORMER_TEST_SOURCE]) {
    await sql`delete from laws.legal_provision where source = ${source}`.execute(db);
    await sql`delete from laws.legislation where source = ${source}`.execute(db);
  }
  subgraph.resetSql();
  return subgraph;
}

export const CREATE_LEGISLATION = `mutation($input: CreateLegislationInput!) {
  createLegislation(input: $input) { id countryIso3 reviewStatus status }
}`;
export const CREATE_PROVISION = `mutation($input: CreateProvisionInput!) {
  createProvision(input: $input) { id reviewStatus offenceCategories { code } }
}`;

/** The smallest valid law a test writes for `countryIso3`, marked as the tests'. */
export const newLaw = (countryIso3: string) => ({
  countryIso3,
  title: 'Test-only law submitted by a focal point (not a real law)',
  type: 'ACT',
  year: 2025,
  status: 'IN_FORCE',
  source: LAWS_TEST_SOURCE,
});

/** The 193 UN member States of the data pack, with their M49 region code. */
export async function memberStates(): Promise<{ iso3: string; region: string }[]> {
  const rows = await readCsv(
    projectPath('subgraphs', 'member-states', 'seed', 'member_states.csv'),
  );
  return rows.map((r) => ({ iso3: r['iso3'] ?? '', region: r['region_m49'] ?? '' }));
}

/** The rows of one of the laws seed files (subgraphs/laws/seed/<name>.csv). */
export function lawsSeedRows(name: string): Promise<Record<string, string | null>[]> {
  return readCsv(projectPath('subgraphs', 'laws', 'seed', `${name}.csv`));
}
