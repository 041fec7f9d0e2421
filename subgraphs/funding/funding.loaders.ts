import type { Kysely } from 'kysely';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { Budget } from './budget.entity.js';
import { FundingDimension } from './codes.js';
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

/** Cache key prefixes of this subgraph; bump the version when an entity's shape changes. */
export const FUNDING_CACHE = {
  projectById: 'funding:v2:project:',
  childProjectIdsByParentId: 'funding:v1:project-children:',
  transactionById: 'funding:v2:transaction:',
  transactionsByProjectId: 'funding:v2:transactions-of-project:',
  transactionsByProviderOrgId: 'funding:v2:transactions-of-provider:',
  budgetById: 'funding:v1:budget:',
  budgetsByProjectId: 'funding:v1:budgets-of-project:',
  fundingByCountryPeriod: 'funding:v2:country-funding:',
} as const;

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
    projectById: createCachedLoader<string, Project>(deps, {
      prefix: FUNDING_CACHE.projectById,
      load: async (keys) => byKey(keys, await findProjectsByIds(db, keys), (p) => p.id),
    }),
    childProjectIdsByParentId: createCachedLoader<string, string[]>(deps, {
      prefix: FUNDING_CACHE.childProjectIdsByParentId,
      load: async (keys) =>
        groupByKey(keys, await findChildProjectIdsByParentIds(db, keys), (c) => c.parentId).map(
          (children) => children.map((c) => c.id),
        ),
    }),
    transactionById: createCachedLoader<string, Transaction>(deps, {
      prefix: FUNDING_CACHE.transactionById,
      load: async (keys) => byKey(keys, await findTransactionsByIds(db, keys), (t) => t.id),
    }),
    transactionsByProjectId: createCachedLoader<string, Transaction[]>(deps, {
      prefix: FUNDING_CACHE.transactionsByProjectId,
      load: async (keys) =>
        groupByKey(keys, await findTransactionsByProjectIds(db, keys), (t) => t.projectId),
    }),
    transactionsByProviderOrgId: createCachedLoader<string, Transaction[]>(deps, {
      prefix: FUNDING_CACHE.transactionsByProviderOrgId,
      load: async (keys) =>
        groupByKey(
          keys,
          await findTransactionsByProviderOrgIds(db, keys),
          (t) => t.providerOrgId ?? '',
        ),
    }),
    budgetById: createCachedLoader<string, Budget>(deps, {
      prefix: FUNDING_CACHE.budgetById,
      load: async (keys) => byKey(keys, await findBudgetsByIds(db, keys), (b) => b.id),
    }),
    budgetsByProjectId: createCachedLoader<string, Budget[]>(deps, {
      prefix: FUNDING_CACHE.budgetsByProjectId,
      load: async (keys) =>
        groupByKey(keys, await findBudgetsByProjectIds(db, keys), (b) => b.projectId),
    }),
    /** One summary statement per distinct period in the batch, for all its countries. */
    fundingByCountryPeriod: createCachedLoader<string, SummaryGroupRecord>(uncached, {
      prefix: FUNDING_CACHE.fundingByCountryPeriod,
      load: async (keys) => {
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
      },
    }),
  };
}

export type FundingLoaders = ReturnType<typeof createFundingLoaders>;
