import type { Kysely, Selectable } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import type { FundingTables, GpcFactTable } from './funding.table.js';
import type { GpcFact, GpcFactType } from './gpc-fact.entity.js';

/** A `gpc_fact` row as its GraphQL type: the strings as the data pack gives them. */
export function toGpcFact(r: Selectable<GpcFactTable>): GpcFact {
  return {
    code: r.code,
    type: r.fact_type as GpcFactType,
    label: r.label,
    value: r.value,
    unit: r.unit,
    valueNote: r.value_note,
    date: r.date,
    source: r.source,
    confidence: toConfidence(r.confidence),
    notes: r.notes,
  };
}

/** The cited facts of `gpc_facts.csv`, by type and code; of one type when given. */
export async function findGpcFacts(
  db: Kysely<FundingTables>,
  type: GpcFactType | undefined,
): Promise<GpcFact[]> {
  let query = db.selectFrom('gpc_fact').selectAll().orderBy('fact_type').orderBy('code');
  if (type) {
    query = query.where('fact_type', '=', type);
  }
  return (await query.execute()).map(toGpcFact);
}
