import { sql, type Kysely } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import {
  type CyberlawArea,
  type CyberlawStatus,
  type CyberlawStatusValue,
  UNCTAD_ATTRIBUTION,
} from './cyberlaw.entity.js';
import type { CyberlawStatusRow, MemberStatesTables } from './member-states.table.js';

const AREA_ORDER = [
  'CYBERCRIME',
  'E_TRANSACTIONS',
  'DATA_PROTECTION',
  'CONSUMER_PROTECTION',
  'INDIRECT_TAXATION',
];

function toCyberlawStatus(row: CyberlawStatusRow): CyberlawStatus {
  return {
    countryIso3: row.country_iso3,
    area: row.area as CyberlawArea,
    status: row.status as CyberlawStatusValue,
    asOf: row.as_of,
    unctadName: row.unctad_name,
    source: row.source,
    licence: row.licence,
    attribution: UNCTAD_ATTRIBUTION,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
  };
}

/** Every area of the countries, in the tracker's order of areas. */
export async function findCyberlawStatusByCountries(
  db: Kysely<MemberStatesTables>,
  iso3s: readonly string[],
): Promise<CyberlawStatus[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('cyberlaw_status')
    .selectAll()
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .execute();
  return rows
    .map(toCyberlawStatus)
    .sort((a, b) => AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area));
}
