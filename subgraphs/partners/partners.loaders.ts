import type { Kysely } from 'kysely';
import type { LoaderDeps } from '../../loaders/cached-loader.js';
import { defineEntityCache } from '../../loaders/entity-cache.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { Organization } from './organization.entity.js';
import {
  findCountryPartnerLinks,
  findCountryRegions,
  findOperatingCountries,
  findOrganizationsByIds,
  type CountryPartnerLink,
} from './organization.repository.js';
import type { PartnersTables } from './partners.table.js';
import type { Partnership } from './partnership.entity.js';
import {
  findPartnershipsByIds,
  findPublishedPartnershipsByCountries,
  findPublishedPartnershipsByMembers,
} from './partnership.repository.js';

/** This subgraph's entity caches: bump a cache's version when the shape it stores changes. */
export const PARTNERS_CACHE = {
  organizationById: defineEntityCache<string, Organization>({
    subgraph: 'partners',
    name: 'organization',
    version: 2,
  }),
  partnershipById: defineEntityCache<string, Partnership>({
    subgraph: 'partners',
    name: 'partnership',
    version: 2,
  }),
  partnershipsByOrganizationId: defineEntityCache<string, Partnership[]>({
    subgraph: 'partners',
    name: 'partnerships-of-org',
    version: 2,
  }),
  partnershipsByCountryIso3: defineEntityCache<string, Partnership[]>({
    subgraph: 'partners',
    name: 'partnerships-in',
    version: 2,
  }),
  partnerLinksByCountryIso3: defineEntityCache<string, CountryPartnerLink[]>({
    subgraph: 'partners',
    name: 'partner-links-in',
    version: 2,
  }),
  countriesByOrganizationId: defineEntityCache<string, string[]>({
    subgraph: 'partners',
    name: 'countries-of-org',
    version: 1,
  }),
  regionByCountryIso3: defineEntityCache<string, string>({
    subgraph: 'partners',
    name: 'region-of',
    version: 1,
  }),
} as const;

export function createPartnersLoaders(db: Kysely<PartnersTables>, deps: LoaderDeps) {
  return {
    organizationById: PARTNERS_CACHE.organizationById.loader(deps, async (ids) =>
      byKey(ids, await findOrganizationsByIds(db, ids), (o) => o.id),
    ),
    partnershipById: PARTNERS_CACHE.partnershipById.loader(deps, async (ids) =>
      byKey(ids, await findPartnershipsByIds(db, ids), (p) => p.id),
    ),
    partnershipsByOrganizationId: PARTNERS_CACHE.partnershipsByOrganizationId.loader(
      deps,
      async (ids) =>
        groupByKey(
          ids,
          await findPublishedPartnershipsByMembers(db, ids),
          (r) => r.organizationId,
        ).map((group) => group.map((r) => r.partnership)),
    ),
    partnershipsByCountryIso3: PARTNERS_CACHE.partnershipsByCountryIso3.loader(
      deps,
      async (iso3s) =>
        groupByKey(iso3s, await findPublishedPartnershipsByCountries(db, iso3s), (r) => r.iso3).map(
          (group) => group.map((r) => r.partnership),
        ),
    ),
    partnerLinksByCountryIso3: PARTNERS_CACHE.partnerLinksByCountryIso3.loader(
      deps,
      async (iso3s) => groupByKey(iso3s, await findCountryPartnerLinks(db, iso3s), (l) => l.iso3),
    ),
    countriesByOrganizationId: PARTNERS_CACHE.countriesByOrganizationId.loader(deps, async (ids) =>
      groupByKey(ids, await findOperatingCountries(db, ids), (r) => r.organizationId).map((group) =>
        group.map((r) => r.iso3),
      ),
    ),
    regionByCountryIso3: PARTNERS_CACHE.regionByCountryIso3.loader(deps, async (iso3s) =>
      byKey(iso3s, await findCountryRegions(db, iso3s), (r) => r.iso3).map(
        (r) => r?.regionM49 ?? null,
      ),
    ),
  };
}

export type PartnersLoaders = ReturnType<typeof createPartnersLoaders>;

/** After a write, the request's DataLoaders forget what they memoized (the entity cache is purged by runWrite). */
export function forgetRequestMemo(ctx: { loaders: PartnersLoaders }): void {
  for (const loader of Object.values(ctx.loaders)) {
    loader.clearAll();
  }
}

/** Cache keys a partnership write touches: the entity and every list it appears in. */
export function partnershipCacheKeys(
  partnerships: readonly {
    readonly id: string;
    readonly members: readonly { readonly organizationId: string }[];
    readonly countryIso3s: readonly string[];
  }[],
): string[] {
  return partnerships.flatMap((p) => [
    PARTNERS_CACHE.partnershipById.key(p.id),
    ...PARTNERS_CACHE.partnershipsByOrganizationId.keys(p.members.map((m) => m.organizationId)),
    ...PARTNERS_CACHE.partnershipsByCountryIso3.keys(p.countryIso3s),
    ...PARTNERS_CACHE.partnerLinksByCountryIso3.keys(p.countryIso3s),
  ]);
}

/** Cache keys an organization write touches: the entity, its countries and their partner lists. */
export function organizationCacheKeys(id: string, countries: readonly string[]): string[] {
  return [
    PARTNERS_CACHE.organizationById.key(id),
    PARTNERS_CACHE.countriesByOrganizationId.key(id),
    ...PARTNERS_CACHE.partnerLinksByCountryIso3.keys(countries),
  ];
}
