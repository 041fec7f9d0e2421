import type { Kysely } from 'kysely';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import type { NewFigureRow, HotlineReportsTables } from './hotline-reports.table.js';

/** Illustrative countries and years: the figures are generated, never real reports. */
const COUNTRIES = ['BRA', 'CAN', 'DEU', 'IND', 'JPN', 'KEN', 'MEX', 'NGA', 'NOR', 'ZAF'];
const YEARS = [2019, 2020, 2021, 2022, 2023];
export const SYNTHETIC_SOURCE =
  'SYNTHETIC: generated deterministically by the hotline-reports seed (seeded PRNG); not real data.';

/** mulberry32: a small seeded PRNG, so every run generates the same figures. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticFigures(): NewFigureRow[] {
  const random = prng(4190784204);
  return COUNTRIES.flatMap((iso3) =>
    YEARS.map((year) => ({
      iso3,
      year,
      value: Math.floor(random() * 5000),
      synthetic: true,
      source: SYNTHETIC_SOURCE,
    })),
  );
}

/** Idempotent: rows already there are left alone. Every figure is synthetic: demo mode only. */
export async function seedHotlineReports(
  db: Kysely<HotlineReportsTables>,
  options: SeedOptions,
): Promise<SeedReport> {
  if (!options.synthetic) {
    return { figures: 0 };
  }
  const result = await db
    .insertInto('figure')
    .values(syntheticFigures())
    .onConflict((oc) => oc.columns(['iso3', 'year']).doNothing())
    .executeTakeFirst();
  return { figures: Number(result.numInsertedOrUpdatedRows ?? 0) };
}
