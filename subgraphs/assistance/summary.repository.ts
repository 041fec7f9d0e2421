import type { Kysely } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import type { GpcPillar } from '../../schema/gpc.js';
import type { AssistanceTables } from './assistance.table.js';
import type { ReportedResult } from './summary.entity.js';

/** Cited results whose year falls in the period (results without a year only when unbounded). */
export async function findReportedResults(
  db: Kysely<AssistanceTables>,
  period: { from?: string | null; to?: string | null },
): Promise<ReportedResult[]> {
  let query = db.selectFrom('reported_result').selectAll().orderBy('code');
  if (period.from) {
    query = query.where('year', '>=', Number(period.from.slice(0, 4)));
  }
  if (period.to) {
    query = query.where('year', '<=', Number(period.to.slice(0, 4)));
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    code: r.code,
    label: r.label,
    year: r.year,
    value: r.value,
    unit: r.unit,
    valueNote: r.value_note,
    country: r.country_iso3 ? { iso3: r.country_iso3 } : null,
    pillar: (r.gpc_pillar as GpcPillar | null) ?? null,
    source: r.source,
    confidence: toConfidence(r.confidence),
    notes: r.notes,
  }));
}
