import type { Kysely } from 'kysely';
import type { LoaderDeps } from '../../loaders/cached-loader.js';
import { defineEntityCache } from '../../loaders/entity-cache.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { CapabilityIndicator } from './capability.entity.js';
import { findCapabilityIndicatorsByCountries } from './capability.repository.js';
import type { Country } from './country.entity.js';
import {
  findCountriesByIso3s,
  findCountriesByM49s,
  findCountriesInAreas,
  findRegionsByM49s,
  findRegionsByParentM49s,
} from './country.repository.js';
import type { CyberlawStatus } from './cyberlaw.entity.js';
import { findCyberlawStatusByCountries } from './cyberlaw.repository.js';
import type { MemberStatesTables } from './member-states.table.js';
import type { NeedsAssessment } from './needs-assessment.entity.js';
import {
  findNeedsAssessmentsByCountryIso3s,
  findNeedsAssessmentsByIds,
} from './needs-assessment.repository.js';
import type { M49Region } from './region.entity.js';

/** This subgraph's entity caches: bump a cache's version when the shape it stores changes. */
export const MEMBER_STATES_CACHE = {
  countryByIso3: defineEntityCache<string, Country>({
    subgraph: 'member-states',
    name: 'country',
    version: 1,
  }),
  countryByM49: defineEntityCache<string, Country>({
    subgraph: 'member-states',
    name: 'country-m49',
    version: 1,
  }),
  regionByM49: defineEntityCache<string, M49Region>({
    subgraph: 'member-states',
    name: 'region',
    version: 1,
  }),
  regionsByParentM49: defineEntityCache<string, M49Region[]>({
    subgraph: 'member-states',
    name: 'regions-in',
    version: 1,
  }),
  countriesByAreaM49: defineEntityCache<string, Country[]>({
    subgraph: 'member-states',
    name: 'countries-in',
    version: 1,
  }),
  /** Each country's UNCTAD statuses (seed data: no write purges it). */
  cyberlawStatusByCountry: defineEntityCache<string, CyberlawStatus[]>({
    subgraph: 'member-states',
    name: 'cyberlaw-of',
    version: 1,
  }),
  /** Each country's capability indicators (purged when one is recorded). */
  capabilityIndicatorsByCountry: defineEntityCache<string, CapabilityIndicator[]>({
    subgraph: 'member-states',
    name: 'capability-of',
    version: 1,
  }),
  /**
   * Whole assessments, findings included: visibility is decided per viewer when a field
   * resolves, never when a value is cached, so one viewer's rights never leak to another. As
   * findings and recommendations may be RESTRICTED or CONFIDENTIAL, the entries are sealed
   * (AES-256-GCM under a key of this process): the store never holds them in plain text. v2:
   * assessments carry their workflow status and consent, findings their id and history.
   */
  needsAssessmentById: defineEntityCache<string, NeedsAssessment>({
    subgraph: 'member-states',
    name: 'needs-assessment',
    version: 2,
    sealed: true,
  }),
  needsAssessmentsByCountryIso3: defineEntityCache<string, NeedsAssessment[]>({
    subgraph: 'member-states',
    name: 'needs-assessments-of',
    version: 2,
    sealed: true,
  }),
} as const;

export function createMemberStatesLoaders(db: Kysely<MemberStatesTables>, deps: LoaderDeps) {
  const cache = MEMBER_STATES_CACHE;
  return {
    needsAssessmentById: cache.needsAssessmentById.loader(deps, async (ids) =>
      byKey(ids, await findNeedsAssessmentsByIds(db, ids), (a) => a.id),
    ),
    needsAssessmentsByCountryIso3: cache.needsAssessmentsByCountryIso3.loader(deps, async (iso3s) =>
      groupByKey(iso3s, await findNeedsAssessmentsByCountryIso3s(db, iso3s), (a) => a.countryIso3),
    ),
    capabilityIndicatorsByCountry: cache.capabilityIndicatorsByCountry.loader(deps, async (iso3s) =>
      groupByKey(iso3s, await findCapabilityIndicatorsByCountries(db, iso3s), (i) => i.countryIso3),
    ),
    cyberlawStatusByCountry: cache.cyberlawStatusByCountry.loader(deps, async (iso3s) =>
      groupByKey(iso3s, await findCyberlawStatusByCountries(db, iso3s), (s) => s.countryIso3),
    ),
    countryByIso3: cache.countryByIso3.loader(deps, async (iso3s) =>
      byKey(iso3s, await findCountriesByIso3s(db, iso3s), (c) => c.iso3),
    ),
    countryByM49: cache.countryByM49.loader(deps, async (m49s) =>
      byKey(m49s, await findCountriesByM49s(db, m49s), (c) => c.m49),
    ),
    regionByM49: cache.regionByM49.loader(deps, async (m49s) =>
      byKey(m49s, await findRegionsByM49s(db, m49s), (r) => r.m49),
    ),
    regionsByParentM49: cache.regionsByParentM49.loader(deps, async (m49s) =>
      groupByKey(m49s, await findRegionsByParentM49s(db, m49s), (r) => r.parentM49 ?? ''),
    ),
    countriesByAreaM49: cache.countriesByAreaM49.loader(deps, async (areas) => {
      const countries = await findCountriesInAreas(db, areas);
      return areas.map((area) =>
        countries.filter(
          (c) =>
            c.regionM49 === area || c.subregionM49 === area || c.intermediateRegionM49 === area,
        ),
      );
    }),
  };
}

export type MemberStatesLoaders = ReturnType<typeof createMemberStatesLoaders>;

/** Cache keys a needs-assessment write touches: the assessments and their State's list. */
export function needsAssessmentCacheKeys(ids: readonly string[], countryIso3: string): string[] {
  return [
    ...MEMBER_STATES_CACHE.needsAssessmentById.keys(ids),
    MEMBER_STATES_CACHE.needsAssessmentsByCountryIso3.key(countryIso3),
  ];
}
