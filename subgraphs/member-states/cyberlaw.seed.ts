import type { Kysely } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, required } from '../../loaders/seed-data/csv.js';
import { upsertChanged } from '../../loaders/seed-data/upsert.js';
import type {
  MemberStatesTables,
  NewCountryAliasRow,
  NewCyberlawStatusRow,
} from './member-states.table.js';

const seedFile = (file: string) => projectPath('subgraphs', 'member-states', 'seed', file);

/** Tracker column → area. */
const AREA_COLUMNS = {
  cybercrime_status: 'CYBERCRIME',
  e_transactions_status: 'E_TRANSACTIONS',
  data_protection_status: 'DATA_PROTECTION',
  consumer_protection_status: 'CONSUMER_PROTECTION',
  indirect_taxation_status: 'INDIRECT_TAXATION',
} as const;

/** The UNCTAD tracker file: one row per State, five areas each (195 × 5 rows). */
async function readCyberlawStatus(): Promise<NewCyberlawStatusRow[]> {
  const file = 'unctad_cyberlaw_tracker.csv';
  const rows: NewCyberlawStatusRow[] = [];
  for (const row of await readCsv(seedFile(file))) {
    for (const [column, area] of Object.entries(AREA_COLUMNS)) {
      rows.push({
        country_iso3: required(row, 'country_iso3', file),
        area,
        status: required(row, column, file),
        as_of: required(row, 'as_of', file),
        unctad_name: required(row, 'unctad_name', file),
        source: required(row, 'source', file),
        licence: required(row, 'licence', file),
        confidence: required(row, 'confidence', file),
        notes: row['notes'] ?? null,
      });
    }
  }
  return rows;
}

async function readAliases(): Promise<NewCountryAliasRow[]> {
  const file = 'country_aliases.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    country_iso3: required(row, 'country_iso3', file),
    alias: required(row, 'alias', file),
    kind: required(row, 'kind', file),
    source: required(row, 'source', file),
    confidence: required(row, 'confidence', file),
  }));
}

/** UNCTAD statuses and country aliases, after the countries; rewritten only where changed. */
export async function seedCyberlawStatus(
  trx: Kysely<MemberStatesTables>,
): Promise<Record<string, number>> {
  const [cyberlawInserted, cyberlawUpdated] = await upsertChanged(
    trx,
    'cyberlaw_status',
    ['country_iso3', 'area'],
    await readCyberlawStatus(),
  );
  const [aliasesInserted, aliasesUpdated] = await upsertChanged(
    trx,
    'country_alias',
    ['country_iso3', 'alias'],
    await readAliases(),
  );
  return { cyberlawInserted, cyberlawUpdated, aliasesInserted, aliasesUpdated };
}
