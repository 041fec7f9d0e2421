import type { Kysely } from 'kysely';
import { insertInChunks, rowsFor } from '../../loaders/bulk-insert.js';
import { mulberry32, pickSome } from '../../loaders/seed-data/synthetic.js';
import type { AssistanceTables, NewActivityRow } from './assistance.table.js';

const SOURCE =
  'Synthetic: copied by subgraphs/assistance/synthetic-scale.seed.ts for the benchmark (seeded PRNG); not a real activity.';

/**
 * The benchmark's scale-up (`npm run bench -- --scale N`): N − 1 copies of every synthetic
 * activity of the seed, each copy for beneficiary countries drawn anew from the known countries,
 * so activities spread over more States. Cited activities are never copied. Run on a fresh,
 * seeded database; every added row is `synthetic`.
 */
export async function scaleAssistance(
  db: Kysely<AssistanceTables>,
  scale: number,
  progress: (done: number, total: number) => void,
): Promise<Record<string, number>> {
  const activities = await db
    .selectFrom('activity')
    .selectAll()
    .where('synthetic', '=', true)
    .orderBy('id')
    .execute();
  const countries = (
    await db.selectFrom('known_country').select('iso3').orderBy('iso3').execute()
  ).map((c) => c.iso3);
  const random = mulberry32(2013_0008 + scale);
  const copies: NewActivityRow[] = [];
  for (let k = 1; k < scale; k += 1) {
    for (const { updated_at: _, participants_by_role, ...activity } of activities) {
      const beneficiaries = pickSome(
        random,
        countries,
        Math.max(1, activity.beneficiary_iso3s.length),
      );
      copies.push({
        ...activity,
        id: `${activity.id}-x${k}`,
        title: `${activity.title} — copy ${k} (benchmark only)`,
        beneficiary_iso3s: beneficiaries,
        location_iso3: activity.location_iso3 ? (beneficiaries[0] ?? null) : null,
        participants_by_role: participants_by_role ? JSON.stringify(participants_by_role) : null,
        // A copy answers no request or assessment of the seed: those belong to other countries.
        request_id: null,
        needs_assessment_id: null,
        source: SOURCE,
      });
    }
  }
  await db
    .transaction()
    .execute((trx) =>
      insertInChunks(
        [rowsFor(copies, (c) => trx.insertInto('activity').values(c).execute())],
        progress,
      ),
    );
  return { syntheticActivities: copies.length };
}
