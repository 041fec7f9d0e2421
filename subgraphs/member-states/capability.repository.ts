import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
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
    .where('withdrawn_at', 'is', null)
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

/** One indicator under a row lock, withdrawn or not; undefined when unknown. */
export async function lockCapabilityIndicator(
  db: Db,
  id: string,
): Promise<Selectable<CapabilityIndicatorTable> | undefined> {
  return db
    .selectFrom('capability_indicator')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Corrects the value of an indicator; stamps `corrected_at`. */
export async function correctCapabilityIndicator(
  db: Db,
  id: string,
  values: Pick<
    Updateable<CapabilityIndicatorTable>,
    'score' | 'score_max' | 'tier' | 'source_url' | 'confidence' | 'notes'
  >,
): Promise<CapabilityIndicator> {
  return toCapabilityIndicator(
    await db
      .updateTable('capability_indicator')
      .set({ ...values, corrected_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** Withdraws an indicator: kept for history, left out of every list. */
export async function withdrawCapabilityIndicator(
  db: Db,
  id: string,
  reason: string,
): Promise<CapabilityIndicator> {
  return toCapabilityIndicator(
    await db
      .updateTable('capability_indicator')
      .set({ withdrawn_at: sql<Date>`now()`, withdrawal_reason: reason })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}
