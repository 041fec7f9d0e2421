import type { Subgraph } from '../../schema/subgraph.js';
import type { HotlineReportsContext } from './context.js';
import { Country } from './country.entity.js';
import { resolveCountryReference } from './country.reference.js';
import { CountryResolver } from './country.resolver.js';
import { createHotlineReportsLoaders, type HotlineReportsLoaders } from './figure.loaders.js';
import { FigureResolver } from './figure.resolver.js';
import { seedHotlineReports } from './figure.seed.js';
import type { HotlineReportsTables } from './figure.table.js';
import { hotlineReportsMigrations } from './migrations/index.js';

export type { HotlineReportsTables } from './figure.table.js';

/** PARTNER subgraph `hotline-reports`: yearly figures per country, added to `Country` by `iso3`. */
export const hotlineReportsSubgraph: Subgraph<HotlineReportsTables, HotlineReportsLoaders> = {
  name: 'hotline-reports',
  dbSchema: 'hotline_reports',
  resolvers: [CountryResolver, FigureResolver],
  // Reached from no query: listed so the `Country` stub (and its added field) is in the schema.
  orphanedTypes: [Country],
  referenceResolvers: {
    Country: {
      __resolveReference: (ref, _ctx: HotlineReportsContext) => resolveCountryReference(ref),
    },
  },
  migrations: hotlineReportsMigrations,
  seed: seedHotlineReports,
  createLoaders: createHotlineReportsLoaders,
};
