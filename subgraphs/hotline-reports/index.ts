import type { Subgraph } from '../../schema/subgraph.js';
import type { HotlineReportsContext } from './context.js';
import { CountryHotlineReportsResolver } from './country-hotline-reports.resolver.js';
import { FigureResolver } from './figure.resolver.js';
import { seedHotlineReports } from './figure.seed.js';
import { Country } from './foreign.entity.js';
import {
  createHotlineReportsLoaders,
  type HotlineReportsLoaders,
} from './hotline-reports.loaders.js';
import { resolveCountryReference } from './hotline-reports.reference.js';
import { DB_SCHEMA, type HotlineReportsTables } from './hotline-reports.table.js';
import { hotlineReportsMigrations } from './migrations/index.js';

export type { HotlineReportsTables } from './hotline-reports.table.js';

/** PARTNER subgraph `hotline-reports`: yearly figures per country, added to `Country` by `iso3`. */
export const hotlineReportsSubgraph: Subgraph<HotlineReportsTables, HotlineReportsLoaders> = {
  name: 'hotline-reports',
  dbSchema: DB_SCHEMA,
  resolvers: [CountryHotlineReportsResolver, FigureResolver],
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
