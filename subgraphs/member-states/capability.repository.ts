import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { Confidence, toConfidence } from '../../schema/common-types.js';
import type { CapabilityIndicator } from './capability.entity.js';
import type { CapabilityValue } from './capability.validation.js';
import type { CapabilityIndicatorTable, MemberStatesTables } from './member-states.table.js';

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

/** A value's source, as recorded or corrected. */
interface Sourcing {
  readonly sourceUrl: string;
  readonly confidence?: Confidence | null | undefined;
}

/** A new indicator: its country, index, edition and pillar, and the value with its source. */
interface NewCapabilityIndicator extends CapabilityValue, Sourcing {
  readonly id: string;
  readonly countryIso3: string;
  readonly indexName: string;
  readonly edition: string;
  readonly pillar: string;
}

/** The stored confidence: verified only when said so (default TO_VERIFY). */
function storedConfidence(confidence: Confidence | null | undefined): string {
  return confidence === Confidence.VERIFIED ? 'verified' : 'to verify';
}

function toValueColumns(value: CapabilityValue & Sourcing) {
  return {
    score: value.score,
    score_max: value.scoreMax,
    tier: value.tier,
    source_url: value.sourceUrl,
    confidence: storedConfidence(value.confidence),
    notes: value.notes,
  };
}

function toCapabilityIndicatorRow(
  indicator: NewCapabilityIndicator,
): Insertable<CapabilityIndicatorTable> {
  return {
    id: indicator.id,
    country_iso3: indicator.countryIso3,
    index_name: indicator.indexName,
    edition: indicator.edition,
    pillar: indicator.pillar,
    ...toValueColumns(indicator),
  };
}

export async function insertCapabilityIndicator(
  db: Db,
  indicator: NewCapabilityIndicator,
): Promise<CapabilityIndicator> {
  return toCapabilityIndicator(
    await db
      .insertInto('capability_indicator')
      .values(toCapabilityIndicatorRow(indicator))
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
  value: CapabilityValue & Sourcing,
): Promise<CapabilityIndicator> {
  return toCapabilityIndicator(
    await db
      .updateTable('capability_indicator')
      .set({ ...toValueColumns(value), corrected_at: sql<Date>`now()` })
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
