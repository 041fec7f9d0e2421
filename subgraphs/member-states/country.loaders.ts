import type { Kysely } from 'kysely';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { CapabilityIndicator } from './capability.entity.js';
import { findCapabilityIndicatorsByCountries } from './capability.repository.js';
import type { Country } from './country.entity.js';
import type { CyberlawStatus } from './cyberlaw.entity.js';
import { findCyberlawStatusByCountries } from './cyberlaw.repository.js';
import {
  findCountriesByIso3s,
  findCountriesByM49s,
  findCountriesInAreas,
  findRegionsByM49s,
  findRegionsByParentM49s,
} from './country.repository.js';
import type { MemberStatesTables } from './country.table.js';
import { createNeedsAssessmentLoaders } from './needs-assessment.loaders.js';
import type { M49Region } from './region.entity.js';

/** Cache key prefixes of this subgraph; bump the version when an entity's shape changes. */
export const MEMBER_STATES_CACHE = {
  countryByIso3: 'member-states:v1:country:',
  countryByM49: 'member-states:v1:country-m49:',
  regionByM49: 'member-states:v1:region:',
  regionsByParentM49: 'member-states:v1:regions-in:',
  countriesByAreaM49: 'member-states:v1:countries-in:',
} as const;

/** Cache prefix of each country's UNCTAD statuses (seed data: no write purges it). */
export const CYBERLAW_CACHE = 'member-states:v1:cyberlaw-of:';

/** Cache prefix of each country's capability indicators (purged when one is recorded). */
export const CAPABILITY_CACHE = 'member-states:v1:capability-of:';

export function createMemberStatesLoaders(db: Kysely<MemberStatesTables>, deps: LoaderDeps) {
  return {
    ...createNeedsAssessmentLoaders(db, deps),
    capabilityIndicatorsByCountry: createCachedLoader<string, CapabilityIndicator[]>(deps, {
      prefix: CAPABILITY_CACHE,
      load: async (keys) =>
        groupByKey(keys, await findCapabilityIndicatorsByCountries(db, keys), (i) => i.countryIso3),
    }),
    cyberlawStatusByCountry: createCachedLoader<string, CyberlawStatus[]>(deps, {
      prefix: CYBERLAW_CACHE,
      load: async (keys) =>
        groupByKey(keys, await findCyberlawStatusByCountries(db, keys), (s) => s.countryIso3),
    }),
    countryByIso3: createCachedLoader<string, Country>(deps, {
      prefix: MEMBER_STATES_CACHE.countryByIso3,
      load: async (keys) => byKey(keys, await findCountriesByIso3s(db, keys), (c) => c.iso3),
    }),
    countryByM49: createCachedLoader<string, Country>(deps, {
      prefix: MEMBER_STATES_CACHE.countryByM49,
      load: async (keys) => byKey(keys, await findCountriesByM49s(db, keys), (c) => c.m49),
    }),
    regionByM49: createCachedLoader<string, M49Region>(deps, {
      prefix: MEMBER_STATES_CACHE.regionByM49,
      load: async (keys) => byKey(keys, await findRegionsByM49s(db, keys), (r) => r.m49),
    }),
    regionsByParentM49: createCachedLoader<string, M49Region[]>(deps, {
      prefix: MEMBER_STATES_CACHE.regionsByParentM49,
      load: async (keys) =>
        groupByKey(keys, await findRegionsByParentM49s(db, keys), (r) => r.parentM49 ?? ''),
    }),
    countriesByAreaM49: createCachedLoader<string, Country[]>(deps, {
      prefix: MEMBER_STATES_CACHE.countriesByAreaM49,
      load: async (keys) => {
        const countries = await findCountriesInAreas(db, keys);
        return keys.map((area) =>
          countries.filter(
            (c) =>
              c.regionM49 === area || c.subregionM49 === area || c.intermediateRegionM49 === area,
          ),
        );
      },
    }),
  };
}

export type MemberStatesLoaders = ReturnType<typeof createMemberStatesLoaders>;
