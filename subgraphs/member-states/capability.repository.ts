import type { Insertable, Kysely, Selectable } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import type { CapabilityIndicator } from './capability.entity.js';
import type { CapabilityIndicatorTable, MemberStatesTables } from './country.table.js';

type Db = Kysely<MemberStatesTables>;

export function toCapabilityIndicator(
  row: Selectable<CapabilityIndicatorTable>,
): CapabilityIndicator {
  return {
    id: row.id,
    countryIso3: row.country_iso3.trim(),
    indexName: row.index_name,
    edition: row.edition,
    pillar: row.pillar,
    score: row.score,
    scoreMax: row.score_max,
    tier: row.tier,
    sourceUrl: row.source_url,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
  };
}

/** Every indicator of these countries, in one statement, by index, edition (newest first), pillar. */
export async function findCapabilityIndicatorsByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<CapabilityIndicator[]> {
  const rows = await db
    .selectFrom('capability_indicator')
    .selectAll()
    .where('country_iso3', 'in', [...iso3s])
    .orderBy('index_name')
    .orderBy('edition', 'desc')
    .orderBy('pillar')
    .execute();
  return rows.map(toCapabilityIndicator);
}

export async function insertCapabilityIndicator(
  db: Db,
  row: Insertable<CapabilityIndicatorTable>,
): Promise<CapabilityIndicator> {
  return toCapabilityIndicator(
    await db
      .insertInto('capability_indicator')
      .values(row)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}
