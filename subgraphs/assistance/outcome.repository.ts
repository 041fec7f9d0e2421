import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Confidence, toConfidence } from '../../schema/common-types.js';
import type { AssistanceTables, NewOutcomeRow, OutcomeRow } from './assistance.table.js';
import type { Outcome, OutcomeKind } from './outcome.entity.js';
import type { RecordOutcomeInput } from './outcome.input.js';

type Db = Kysely<AssistanceTables>;

export function toOutcome(row: OutcomeRow): Outcome {
  return {
    id: row.id,
    kind: row.kind as OutcomeKind,
    occurredOn: row.occurred_on,
    summary: row.summary,
    count: row.count,
    evidence: { source: row.evidence_source, confidence: toConfidence(row.confidence) },
    findingId: row.finding_id,
    synthetic: row.synthetic,
    countryIso3: row.country_iso3.trim(),
    activityId: row.activity_id,
    requestId: row.request_id,
    needsAssessmentId: row.needs_assessment_id,
    legislationId: row.legislation_id,
  };
}

export async function findOutcomesByIds(db: Db, ids: readonly string[]): Promise<Outcome[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('outcome')
    .selectAll()
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toOutcome);
}

/** Outcomes whose `column` is one of `keys`, by date then id. */
export async function findOutcomesByColumn(
  db: Db,
  column: 'activity_id' | 'request_id' | 'needs_assessment_id' | 'country_iso3',
  keys: readonly string[],
): Promise<Outcome[]> {
  if (keys.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('outcome')
    .selectAll()
    .where(column, '=', sql<string>`any(${[...keys]})`)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  return rows.map(toOutcome);
}

/** A new outcome's row. */
export function toOutcomeRow(input: RecordOutcomeInput): NewOutcomeRow {
  return {
    id: `out-${input.country.toLowerCase()}-${randomUUID().slice(0, 8)}`,
    kind: input.kind,
    occurred_on: input.occurredOn,
    summary: input.summary.trim(),
    country_iso3: input.country,
    count: input.count ?? null,
    activity_id: input.activityId ?? null,
    request_id: input.requestId ?? null,
    needs_assessment_id: input.needsAssessmentId ?? null,
    finding_id: input.findingId ?? null,
    legislation_id: input.legislationId ?? null,
    evidence_source: input.evidenceSource.trim(),
    confidence:
      (input.confidence ?? Confidence.TO_VERIFY) === Confidence.VERIFIED ? 'verified' : 'to verify',
    synthetic: false,
  };
}

export async function insertOutcome(db: Db, row: NewOutcomeRow): Promise<Outcome> {
  return toOutcome(
    await db.insertInto('outcome').values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

export interface OutcomeCountRecord {
  kind: string;
  regionM49: string;
  gpcPillar: string | null;
  synthetic: boolean;
  outcomes: number;
}

/**
 * Outcomes that occurred in the period, counted by kind, the M49 region of their State and the
 * GPC pillar of their activity (null when linked to a request only).
 */
export async function countOutcomes(
  db: Db,
  period: { from?: string | undefined; to?: string | undefined },
  includeSynthetic: boolean,
): Promise<OutcomeCountRecord[]> {
  let query = db
    .selectFrom('outcome as o')
    .leftJoin('known_country as c', 'c.iso3', 'o.country_iso3')
    .leftJoin('activity as a', 'a.id', 'o.activity_id')
    .select((eb) => [
      'o.kind',
      sql<string>`coalesce(c.region_m49, '')`.as('region_m49'),
      'a.gpc_pillar',
      'o.synthetic',
      eb.fn.countAll<string>().as('outcomes'),
    ])
    .groupBy(['o.kind', 'c.region_m49', 'a.gpc_pillar', 'o.synthetic'])
    .orderBy('o.kind');
  if (period.from) {
    query = query.where('o.occurred_on', '>=', period.from);
  }
  if (period.to) {
    query = query.where('o.occurred_on', '<=', period.to);
  }
  if (!includeSynthetic) {
    query = query.where('o.synthetic', '=', false);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    kind: r.kind,
    regionM49: r.region_m49,
    gpcPillar: r.gpc_pillar,
    synthetic: r.synthetic,
    outcomes: Number(r.outcomes),
  }));
}
