import type { Kysely } from 'kysely';
import type { LoaderDeps } from '../../loaders/cached-loader.js';
import { defineEntityCache } from '../../loaders/entity-cache.js';
import { groupByKey } from '../../loaders/keyed.js';
import type { Figure } from './figure.entity.js';
import { findFiguresByIso3s } from './figure.repository.js';
import type { HotlineReportsTables } from './hotline-reports.table.js';

/** This subgraph's entity caches: bump a cache's version when the shape it stores changes. */
export const HOTLINE_REPORTS_CACHE = {
  figuresByCountryYear: defineEntityCache<string, Figure[]>({
    subgraph: 'hotline-reports',
    name: 'figures',
    version: 1,
  }),
};

/** `KEN:2022` for one year, `KEN:*` for all years. */
export function countryYearKey(iso3: string, year: number | null): string {
  return `${iso3}:${year ?? '*'}`;
}

export function createHotlineReportsLoaders(db: Kysely<HotlineReportsTables>, deps: LoaderDeps) {
  return {
    // One query per distinct year asked in the batch (usually one), never one per country.
    figuresByCountryYear: HOTLINE_REPORTS_CACHE.figuresByCountryYear.loader(deps, async (keys) => {
      const byYear = new Map<string, string[]>();
      for (const key of keys) {
        const year = key.slice(4);
        byYear.set(year, [...(byYear.get(year) ?? []), key]);
      }
      const found = new Map<string, Figure[]>();
      await Promise.all(
        [...byYear].map(async ([year, group]) => {
          const iso3s = group.map((key) => key.slice(0, 3));
          const figures = await findFiguresByIso3s(db, iso3s, year === '*' ? null : Number(year));
          groupByKey(iso3s, figures, (f) => f.iso3).forEach((list, i) =>
            found.set(group[i] ?? '', list),
          );
        }),
      );
      return keys.map((key) => found.get(key) ?? []);
    }),
  };
}

export type HotlineReportsLoaders = ReturnType<typeof createHotlineReportsLoaders>;
