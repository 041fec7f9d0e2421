import { notFound } from '../../schema/errors.js';
import {
  MAX_SEARCH_LENGTH,
  searchText,
  throwIfInvalid,
  type Problems,
} from '../../schema/validation.js';
import type { CountryFilter } from './country.input.js';
import type { CountryFilterValues } from './country.repository.js';
import { RegionLevel, type M49Region } from './region.entity.js';

/**
 * Checks every filter field at once and names each invalid one; `areas` are the M49 areas the
 * filter names, as found (null when unknown: NOT_FOUND).
 */
export function checkCountryFilter(
  filter: CountryFilter | undefined,
  areas: { readonly region: M49Region | null; readonly subregion: M49Region | null },
): CountryFilterValues {
  if (!filter) {
    return {};
  }
  const problems: Problems = [];
  const search = searchText(problems, 'filter.search', filter.search, MAX_SEARCH_LENGTH);
  const checks: [field: string, m49: string | undefined, M49Region | null, RegionLevel[]][] = [
    ['filter.region', filter.region ?? undefined, areas.region, [RegionLevel.REGION]],
    [
      'filter.subregion',
      filter.subregion ?? undefined,
      areas.subregion,
      [RegionLevel.SUBREGION, RegionLevel.INTERMEDIATE_REGION],
    ],
  ];
  for (const [field, m49, area, levels] of checks) {
    if (!m49) {
      continue;
    }
    if (!area) {
      throw notFound('M49Region', m49, field);
    }
    if (!levels.includes(area.level)) {
      problems.push({
        field,
        message: `"${m49}" (${area.name}) is a ${area.level}, not a ${levels.join(' or ')}`,
      });
    }
  }
  throwIfInvalid(problems);
  return {
    regionM49: filter.region ?? undefined,
    subregionM49: filter.subregion ?? undefined,
    regionalGroup: filter.regionalGroup ?? undefined,
    memberStatus: filter.memberStatus ?? undefined,
    search,
    cyberlawStatus: filter.cyberlawStatus ?? undefined,
  };
}
