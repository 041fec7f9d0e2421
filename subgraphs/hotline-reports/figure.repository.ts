import { sql, type Kysely } from 'kysely';
import type { Figure } from './figure.entity.js';
import type { FigureRow, HotlineReportsTables } from './hotline-reports.table.js';

type Db = Kysely<HotlineReportsTables>;

export function toFigure(row: FigureRow): Figure {
  return {
    iso3: row.iso3,
    year: Number(row.year),
    value: Number(row.value),
    synthetic: row.synthetic,
    source: row.source,
  };
}

/** The figures of many countries at once, in year order; one year, or all when `year` is null. */
export async function findFiguresByIso3s(
  db: Db,
  iso3s: readonly string[],
  year: number | null,
): Promise<Figure[]> {
  if (iso3s.length === 0) {
    return [];
  }
  let query = db
    .selectFrom('figure')
    .selectAll()
    .where('iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('iso3')
    .orderBy('year');
  if (year !== null) {
    query = query.where('year', '=', year);
  }
  return (await query.execute()).map(toFigure);
}

/** The years with at least one figure (real ones only unless `includeSynthetic`), oldest first. */
export async function findYears(db: Db, includeSynthetic: boolean): Promise<number[]> {
  let query = db.selectFrom('figure').select('year').distinct().orderBy('year');
  if (!includeSynthetic) {
    query = query.where('synthetic', '=', false);
  }
  const rows = await query.execute();
  return rows.map((r) => Number(r.year));
}
