import type { Kysely } from 'kysely';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { Organization } from './organization.entity.js';
import {
  findCountryPartnerLinks,
  findCountryRegions,
  findOperatingCountries,
  findOrganizationsByIds,
  type CountryPartnerLink,
} from './organization.repository.js';
import type { Partnership } from './partnership.entity.js';
import {
  findPartnershipsByIds,
  findPublishedPartnershipsByCountries,
  findPublishedPartnershipsByMembers,
} from './partnership.repository.js';
import type { PartnersTables } from './partners.table.js';

/** Cache key prefixes of this subgraph; bump the version when an entity's shape changes. */
export const PARTNERS_CACHE = {
  organizationById: 'partners:v2:organization:',
  partnershipById: 'partners:v2:partnership:',
  partnershipsByOrganizationId: 'partners:v2:partnerships-of-org:',
  partnershipsByCountryIso3: 'partners:v2:partnerships-in:',
  partnerLinksByCountryIso3: 'partners:v2:partner-links-in:',
  countriesByOrganizationId: 'partners:v1:countries-of-org:',
  regionByCountryIso3: 'partners:v1:region-of:',
} as const;

export function createPartnersLoaders(db: Kysely<PartnersTables>, deps: LoaderDeps) {
  return {
    organizationById: createCachedLoader<string, Organization>(deps, {
      prefix: PARTNERS_CACHE.organizationById,
      load: async (keys) => byKey(keys, await findOrganizationsByIds(db, keys), (o) => o.id),
    }),
    partnershipById: createCachedLoader<string, Partnership>(deps, {
      prefix: PARTNERS_CACHE.partnershipById,
      load: async (keys) => byKey(keys, await findPartnershipsByIds(db, keys), (p) => p.id),
    }),
    partnershipsByOrganizationId: createCachedLoader<string, Partnership[]>(deps, {
      prefix: PARTNERS_CACHE.partnershipsByOrganizationId,
      load: async (keys) =>
        groupByKey(
          keys,
          await findPublishedPartnershipsByMembers(db, keys),
          (r) => r.organizationId,
        ).map((group) => group.map((r) => r.partnership)),
    }),
    partnershipsByCountryIso3: createCachedLoader<string, Partnership[]>(deps, {
      prefix: PARTNERS_CACHE.partnershipsByCountryIso3,
      load: async (keys) =>
        groupByKey(keys, await findPublishedPartnershipsByCountries(db, keys), (r) => r.iso3).map(
          (group) => group.map((r) => r.partnership),
        ),
    }),
    partnerLinksByCountryIso3: createCachedLoader<string, CountryPartnerLink[]>(deps, {
      prefix: PARTNERS_CACHE.partnerLinksByCountryIso3,
      load: async (keys) =>
        groupByKey(keys, await findCountryPartnerLinks(db, keys), (l) => l.iso3),
    }),
    countriesByOrganizationId: createCachedLoader<string, string[]>(deps, {
      prefix: PARTNERS_CACHE.countriesByOrganizationId,
      load: async (keys) =>
        groupByKey(keys, await findOperatingCountries(db, keys), (r) => r.organizationId).map(
          (group) => group.map((r) => r.iso3),
        ),
    }),
    regionByCountryIso3: createCachedLoader<string, string>(deps, {
      prefix: PARTNERS_CACHE.regionByCountryIso3,
      load: async (keys) =>
        byKey(keys, await findCountryRegions(db, keys), (r) => r.iso3).map(
          (r) => r?.regionM49 ?? null,
        ),
    }),
  };
}

export type PartnersLoaders = ReturnType<typeof createPartnersLoaders>;

/** After a write, the request's DataLoaders forget what they memoized (the entity cache is purged by runWrite). */
export function forgetRequestMemo(ctx: { loaders: PartnersLoaders }): void {
  for (const loader of Object.values(ctx.loaders)) {
    loader.clearAll();
  }
}
