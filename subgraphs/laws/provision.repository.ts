import { sql, type Kysely } from 'kysely';
import { sourcedOf } from '../../schema/sourced.js';
import type { LegalProvision } from './legislation.entity.js';
import type { LawsTables, LegalProvisionRow } from './laws.table.js';

// Provisions read by id, law and country (the loaders' batch functions). Their search is in
// legislation-search.repository.ts; their writes in legislation.repository.ts, beside the law's.

type Db = Kysely<LawsTables>;

export const PROVISION_COLUMNS = [
  'id',
  'legislation_id',
  'country_iso3',
  'label',
  'summary',
  'sort_order',
  'offence_categories',
  'procedural_powers',
  'cooperation_mechanisms',
  'cross_cutting_issues',
  'instrument_articles',
  'source',
  'confidence',
  'notes',
  'synthetic',
  'review_status',
  'created_at',
  'updated_at',
] as const;

type ProvisionSelection = Pick<LegalProvisionRow, (typeof PROVISION_COLUMNS)[number]>;

export function toProvision(row: ProvisionSelection): LegalProvision {
  return {
    id: row.id,
    legislationId: row.legislation_id,
    countryIso3: row.country_iso3,
    label: row.label,
    summary: row.summary,
    instrumentArticles: row.instrument_articles,
    ...sourcedOf(row),
    sortOrder: row.sort_order,
    offenceCategoryCodes: row.offence_categories,
    proceduralPowerCodes: row.procedural_powers,
    cooperationMechanismCodes: row.cooperation_mechanisms,
    crossCuttingIssueCodes: row.cross_cutting_issues,
  };
}

export async function findProvisionsByIds(
  db: Db,
  ids: readonly string[],
): Promise<LegalProvision[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toProvision);
}

export async function findProvisionsByLegislationIds(
  db: Db,
  ids: readonly string[],
): Promise<LegalProvision[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('legislation_id', '=', sql<string>`any(${[...ids]})`)
    .orderBy('legislation_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toProvision);
}

export async function findProvisionsByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<LegalProvision[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('country_iso3')
    .orderBy('legislation_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toProvision);
}
