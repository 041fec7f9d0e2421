import type { Kysely } from 'kysely';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { defineEntityCache } from '../../loaders/entity-cache.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { TechnicalAssistanceActivity } from './activity.entity.js';
import {
  findActivitiesByColumn,
  findActivitiesByCountries,
  findActivitiesByIds,
  findActivitiesByImplementers,
  findActivitiesByProvisions,
} from './activity.repository.js';
import type { AssistanceTables } from './assistance.table.js';
import { findCoverage, type CoverageRecord } from './coordination.repository.js';
import type { Outcome } from './outcome.entity.js';
import { findOutcomesByColumn, findOutcomesByIds } from './outcome.repository.js';
import type { AssistanceRequest } from './request.entity.js';
import {
  findRequestsByCountries,
  findRequestsByIds,
  findStatusHistories,
  type StatusChangeRecord,
} from './request.repository.js';

/** This subgraph's entity caches: bump a cache's version when the shape it stores changes. */
export const ASSISTANCE_CACHE = {
  activityById: defineEntityCache<string, TechnicalAssistanceActivity>({
    subgraph: 'assistance',
    name: 'activity',
    version: 1,
  }),
  requestById: defineEntityCache<string, AssistanceRequest>({
    subgraph: 'assistance',
    name: 'request',
    version: 1,
  }),
};

/** `iso3|from|to`: the key of a country's activities in a period (empty bounds are open). */
export function countryPeriodKey(iso3: string, from?: string | null, to?: string | null): string {
  return `${iso3}|${from ?? ''}|${to ?? ''}`;
}

/** Activities listing several keys (countries, implementers, provisions) go to each of them. */
function spread(
  keys: readonly string[],
  activities: readonly TechnicalAssistanceActivity[],
  keysOf: (a: TechnicalAssistanceActivity) => readonly string[],
): TechnicalAssistanceActivity[][] {
  return keys.map((key) => activities.filter((a) => keysOf(a).includes(key)));
}

/** The activity lists (per request: see createAssistanceLoaders). */
function activityListLoaders(db: Kysely<AssistanceTables>, uncached: LoaderDeps) {
  return {
    /** One statement per distinct period in the batch, for all its countries. */
    activitiesByCountryPeriod: createCachedLoader<string, TechnicalAssistanceActivity[]>(uncached, {
      prefix: 'assistance:activities-of-country:',
      load: async (keys) => {
        const byPeriod = new Map<string, string[]>();
        for (const key of keys) {
          const [iso3 = '', ...period] = key.split('|');
          const periodKey = period.join('|');
          byPeriod.set(periodKey, [...(byPeriod.get(periodKey) ?? []), iso3]);
        }
        const found = new Map<string, TechnicalAssistanceActivity[]>();
        for (const [periodKey, iso3s] of byPeriod) {
          const [from, to] = periodKey.split('|');
          const activities = await findActivitiesByCountries(db, iso3s, {
            from: from || undefined,
            to: to || undefined,
          });
          spread(iso3s, activities, (a) => a.beneficiaryIso3s).forEach((list, i) =>
            found.set(countryPeriodKey(iso3s[i]!, from, to), list),
          );
        }
        return keys.map((key) => found.get(key) ?? []);
      },
    }),
    activitiesByImplementer: createCachedLoader<string, TechnicalAssistanceActivity[]>(uncached, {
      prefix: 'assistance:activities-of-implementer:',
      load: async (keys) =>
        spread(keys, await findActivitiesByImplementers(db, keys), (a) => a.implementerIds),
    }),
    activitiesByProvision: createCachedLoader<string, TechnicalAssistanceActivity[]>(uncached, {
      prefix: 'assistance:activities-of-provision:',
      load: async (keys) =>
        spread(keys, await findActivitiesByProvisions(db, keys), (a) => a.provisionIds),
    }),
    activitiesByProject: createCachedLoader<string, TechnicalAssistanceActivity[]>(uncached, {
      prefix: 'assistance:activities-of-project:',
      load: async (keys) =>
        groupByKey(
          keys,
          await findActivitiesByColumn(db, 'project_id', keys),
          (a) => a.projectId ?? '',
        ),
    }),
    activitiesByAssessment: createCachedLoader<string, TechnicalAssistanceActivity[]>(uncached, {
      prefix: 'assistance:activities-of-assessment:',
      load: async (keys) =>
        groupByKey(
          keys,
          await findActivitiesByColumn(db, 'needs_assessment_id', keys),
          (a) => a.needsAssessmentId ?? '',
        ),
    }),
    activitiesByRequest: createCachedLoader<string, TechnicalAssistanceActivity[]>(uncached, {
      prefix: 'assistance:activities-of-request:',
      load: async (keys) =>
        groupByKey(
          keys,
          await findActivitiesByColumn(db, 'request_id', keys),
          (a) => a.requestId ?? '',
        ),
    }),
  };
}

/** Requests by country, status histories, outcomes and coverage (per request). */
function otherListLoaders(db: Kysely<AssistanceTables>, uncached: LoaderDeps) {
  return {
    requestsByCountry: createCachedLoader<string, AssistanceRequest[]>(uncached, {
      prefix: 'assistance:requests-of-country:',
      load: async (keys) =>
        groupByKey(keys, await findRequestsByCountries(db, keys), (r) => r.countryIso3),
    }),
    statusHistoryByRequest: createCachedLoader<string, StatusChangeRecord[]>(uncached, {
      prefix: 'assistance:status-history:',
      load: async (keys) =>
        groupByKey(keys, await findStatusHistories(db, keys), (c) => c.requestId),
    }),
    outcomeById: createCachedLoader<string, Outcome>(uncached, {
      prefix: 'assistance:outcome:',
      load: async (keys) => byKey(keys, await findOutcomesByIds(db, keys), (o) => o.id),
    }),
    outcomesByActivity: createCachedLoader<string, Outcome[]>(uncached, {
      prefix: 'assistance:outcomes-of-activity:',
      load: async (keys) =>
        groupByKey(
          keys,
          await findOutcomesByColumn(db, 'activity_id', keys),
          (o) => o.activityId ?? '',
        ),
    }),
    outcomesByRequest: createCachedLoader<string, Outcome[]>(uncached, {
      prefix: 'assistance:outcomes-of-request:',
      load: async (keys) =>
        groupByKey(
          keys,
          await findOutcomesByColumn(db, 'request_id', keys),
          (o) => o.requestId ?? '',
        ),
    }),
    outcomesByAssessment: createCachedLoader<string, Outcome[]>(uncached, {
      prefix: 'assistance:outcomes-of-assessment:',
      load: async (keys) =>
        groupByKey(
          keys,
          await findOutcomesByColumn(db, 'needs_assessment_id', keys),
          (o) => o.needsAssessmentId ?? '',
        ),
    }),
    coverageByCountry: createCachedLoader<string, CoverageRecord[]>(uncached, {
      prefix: 'assistance:v2:coverage-of-country:',
      load: async (keys) => groupByKey(keys, await findCoverage(db, keys), (c) => c.countryIso3),
    }),
  };
}

export function createAssistanceLoaders(db: Kysely<AssistanceTables>, deps: LoaderDeps) {
  // Lists change with every write to any of their members, so they skip the entity cache and
  // stay per-request DataLoaders (one statement per batch); entities by id read through Redis.
  const uncached: LoaderDeps = { ...deps, cache: undefined };
  return {
    activityById: ASSISTANCE_CACHE.activityById.loader(deps, async (keys) =>
      byKey(keys, await findActivitiesByIds(db, keys), (a) => a.id),
    ),
    requestById: ASSISTANCE_CACHE.requestById.loader(deps, async (keys) =>
      byKey(keys, await findRequestsByIds(db, keys), (r) => r.id),
    ),
    ...activityListLoaders(db, uncached),
    ...otherListLoaders(db, uncached),
  };
}

export type AssistanceLoaders = ReturnType<typeof createAssistanceLoaders>;
