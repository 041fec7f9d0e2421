import type { Kysely } from 'kysely';
import type { LoaderDeps } from '../../loaders/cached-loader.js';
import { defineEntityCache } from '../../loaders/entity-cache.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { Budget } from './budget.entity.js';
import { FundingDimension } from './codes.model.js';
import type { FundingTables } from './funding.table.js';
import type { Project } from './project.entity.js';
import { findChildProjectIdsByParentIds, findProjectsByIds } from './project.repository.js';
import { summarizeFunding, type SummaryGroupRecord } from './summary.repository.js';
import type { Transaction } from './transaction.entity.js';
import {
  findBudgetsByIds,
  findBudgetsByProjectIds,
  findTransactionsByIds,
  findTransactionsByProjectIds,
  findTransactionsByProviderOrgIds,
} from './transaction.repository.js';

/** This subgraph's entity caches: bump a cache's version when the shape it stores changes. */
export const FUNDING_CACHE = {
  projectById: defineEntityCache<string, Project>({
    subgraph: 'funding',
    name: 'project',
    version: 2,
  }),
  childProjectIdsByParentId: defineEntityCache<string, string[]>({
    subgraph: 'funding',
    name: 'project-children',
    version: 1,
  }),
  transactionById: defineEntityCache<string, Transaction>({
    subgraph: 'funding',
    name: 'transaction',
    version: 2,
  }),
  transactionsByProjectId: defineEntityCache<string, Transaction[]>({
    subgraph: 'funding',
    name: 'transactions-of-project',
    version: 2,
  }),
  transactionsByProviderOrgId: defineEntityCache<string, Transaction[]>({
    subgraph: 'funding',
    name: 'transactions-of-provider',
    version: 2,
  }),
  budgetById: defineEntityCache<string, Budget>({
    subgraph: 'funding',
    name: 'budget',
    version: 1,
  }),
  budgetsByProjectId: defineEntityCache<string, Budget[]>({
    subgraph: 'funding',
    name: 'budgets-of-project',
    version: 1,
  }),
  fundingByCountryPeriod: defineEntityCache<string, SummaryGroupRecord>({
    subgraph: 'funding',
    name: 'country-funding',
    version: 2,
  }),
};

/**
 * `iso3|from|to|s`: the key of a country's funding in a period (empty bounds are open), `s` 1 when
 * synthetic transactions are let in, else 0.
 */
export function countryPeriodKey(
  iso3: string,
  from: string | null | undefined,
  to: string | null | undefined,
  includeSynthetic: boolean,
): string {
  return `${iso3}|${from ?? ''}|${to ?? ''}|${includeSynthetic ? 1 : 0}`;
}

export function createFundingLoaders(db: Kysely<FundingTables>, deps: LoaderDeps) {
  // Aggregates change with every write to any transaction, so they skip the entity cache;
  // DataLoader still batches them per request.
  const uncached: LoaderDeps = { ...deps, cache: undefined };
  return {
    projectById: FUNDING_CACHE.projectById.loader(deps, async (keys) =>
      byKey(keys, await findProjectsByIds(db, keys), (p) => p.id),
    ),
    childProjectIdsByParentId: FUNDING_CACHE.childProjectIdsByParentId.loader(deps, async (keys) =>
      groupByKey(keys, await findChildProjectIdsByParentIds(db, keys), (c) => c.parentId).map(
        (children) => children.map((c) => c.id),
      ),
    ),
    transactionById: FUNDING_CACHE.transactionById.loader(deps, async (keys) =>
      byKey(keys, await findTransactionsByIds(db, keys), (t) => t.id),
    ),
    transactionsByProjectId: FUNDING_CACHE.transactionsByProjectId.loader(deps, async (keys) =>
      groupByKey(keys, await findTransactionsByProjectIds(db, keys), (t) => t.projectId),
    ),
    transactionsByProviderOrgId: FUNDING_CACHE.transactionsByProviderOrgId.loader(
      deps,
      async (keys) =>
        groupByKey(
          keys,
          await findTransactionsByProviderOrgIds(db, keys),
          (t) => t.providerOrgId ?? '',
        ),
    ),
    budgetById: FUNDING_CACHE.budgetById.loader(deps, async (keys) =>
      byKey(keys, await findBudgetsByIds(db, keys), (b) => b.id),
    ),
    budgetsByProjectId: FUNDING_CACHE.budgetsByProjectId.loader(deps, async (keys) =>
      groupByKey(keys, await findBudgetsByProjectIds(db, keys), (b) => b.projectId),
    ),
    /** One summary statement per distinct period in the batch, for all its countries. */
    fundingByCountryPeriod: FUNDING_CACHE.fundingByCountryPeriod.loader(uncached, async (keys) => {
      const byPeriod = new Map<string, string[]>();
      for (const key of keys) {
        const [iso3 = '', ...period] = key.split('|');
        const periodKey = period.join('|');
        byPeriod.set(periodKey, [...(byPeriod.get(periodKey) ?? []), iso3]);
      }
      const found = new Map<string, SummaryGroupRecord>();
      for (const [periodKey, iso3s] of byPeriod) {
        const [from, to, synthetic] = periodKey.split('|');
        const includeSynthetic = synthetic === '1';
        const { groups } = await summarizeFunding(db, {
          dimensions: [FundingDimension.RECIPIENT_COUNTRY],
          from: from || undefined,
          to: to || undefined,
          countryIso3s: iso3s,
          includeSynthetic,
        });
        for (const group of groups) {
          found.set(countryPeriodKey(group.key.country ?? '', from, to, includeSynthetic), group);
        }
      }
      return keys.map((key) => found.get(key) ?? null);
    }),
  };
}

export type FundingLoaders = ReturnType<typeof createFundingLoaders>;
