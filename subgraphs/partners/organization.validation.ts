import { notFound } from '../../schema/errors.js';
import {
  blankableText,
  MAX_SEARCH_LENGTH,
  requiredText,
  searchText,
  throwIfInvalid,
  type Problems,
} from '../../schema/validation.js';
import type { PartnerCategory } from './organization.entity.js';
import type {
  CreateOrganizationInput,
  OrganizationFilter,
  UpdateOrganizationInput,
} from './organization.input.js';

// Pure checks of organization inputs (no database, no context): the write resolver reads which
// countries exist through its loaders and passes the answers in.

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const MAX_NAME = 300;
const MAX_CODE = 100;
const MAX_DESCRIPTION = 2000;
const MAX_SOURCE = 2000;

/** Which of an input's countries exist, in its order. */
export interface CountryFacts {
  readonly hqFound: boolean;
  /** Per country of operation: whether it exists. */
  readonly operatingFound: readonly boolean[];
}

/** A new organization, checked and trimmed (blank optional text is null). */
export interface NewOrganization {
  readonly id: string;
  readonly name: string;
  readonly acronym: string | null;
  readonly partnerCategory: PartnerCategory;
  readonly iatiOrgType: string | null;
  readonly crsChannelCode: string | null;
  readonly iatiOrgId: string | null;
  readonly hqCountry: string | null;
  readonly website: string | null;
  readonly description: string | null;
  readonly source: string;
  readonly countriesOfOperation: readonly string[];
}

/** Changes to an organization: undefined keeps a field, null clears it. */
export interface OrganizationChanges {
  readonly name?: string | undefined;
  readonly acronym?: string | null | undefined;
  readonly partnerCategory?: PartnerCategory | undefined;
  readonly iatiOrgType?: string | null | undefined;
  readonly crsChannelCode?: string | null | undefined;
  readonly iatiOrgId?: string | null | undefined;
  readonly hqCountry?: string | null | undefined;
  readonly website?: string | null | undefined;
  readonly description?: string | null | undefined;
  readonly verified?: boolean | undefined;
  readonly reviewStatus?: string | undefined;
  /** Replaces the countries of operation. */
  readonly countriesOfOperation?: readonly string[] | undefined;
}

/** Unknown headquarters or operating countries are NOT_FOUND; duplicates a problem. */
function checkCountries(
  problems: Problems,
  input: { hqCountry?: string | null; countriesOfOperation?: string[] | null },
  facts: CountryFacts,
): string[] | undefined {
  if (input.hqCountry && !facts.hqFound) {
    throw notFound('Country', input.hqCountry, 'input.hqCountry');
  }
  const list = input.countriesOfOperation ?? undefined;
  if (!list) {
    return undefined;
  }
  const seen = new Set<string>();
  list.forEach((iso3, i) => {
    if (!facts.operatingFound[i]) {
      throw notFound('Country', iso3, `input.countriesOfOperation[${i}]`);
    }
    if (seen.has(iso3)) {
      problems.push({
        field: `input.countriesOfOperation[${i}]`,
        message: `"${iso3}" is listed twice`,
      });
    }
    seen.add(iso3);
  });
  return [...seen];
}

/** Optional text: omitted stays undefined, null or blank clears (null). */
function clearable(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  max: number,
): string | null | undefined {
  return value === undefined ? undefined : (blankableText(problems, field, value, max) ?? null);
}

export function checkNewOrganization(
  input: CreateOrganizationInput,
  facts: CountryFacts,
): NewOrganization {
  const problems: Problems = [];
  if (!SLUG.test(input.id)) {
    problems.push({
      field: 'input.id',
      message: 'must be a slug of lower-case letters, digits and hyphens, 2–63 characters',
    });
  }
  const checked: NewOrganization = {
    id: input.id,
    name: requiredText(problems, 'input.name', input.name, MAX_NAME),
    acronym: clearable(problems, 'input.acronym', input.acronym, MAX_CODE) ?? null,
    partnerCategory: input.partnerCategory,
    iatiOrgType: clearable(problems, 'input.iatiOrgType', input.iatiOrgType, MAX_CODE) ?? null,
    crsChannelCode:
      clearable(problems, 'input.crsChannelCode', input.crsChannelCode, MAX_CODE) ?? null,
    iatiOrgId: clearable(problems, 'input.iatiOrgId', input.iatiOrgId, MAX_CODE) ?? null,
    hqCountry: input.hqCountry ?? null,
    website: input.website ?? null,
    description:
      clearable(problems, 'input.description', input.description, MAX_DESCRIPTION) ?? null,
    source: requiredText(problems, 'input.source', input.source, MAX_SOURCE),
    countriesOfOperation: checkCountries(problems, input, facts) ?? [],
  };
  throwIfInvalid(problems);
  return checked;
}

export function checkOrganizationChanges(
  input: UpdateOrganizationInput,
  facts: CountryFacts,
): OrganizationChanges {
  const problems: Problems = [];
  for (const field of ['name', 'partnerCategory', 'verified'] as const) {
    if (input[field] === null) {
      problems.push({ field: `input.${field}`, message: 'cannot be cleared' });
    }
  }
  const changes: OrganizationChanges = {
    name: clearable(problems, 'input.name', input.name, MAX_NAME) ?? undefined,
    acronym: clearable(problems, 'input.acronym', input.acronym, MAX_CODE),
    partnerCategory: input.partnerCategory ?? undefined,
    iatiOrgType: clearable(problems, 'input.iatiOrgType', input.iatiOrgType, MAX_CODE),
    crsChannelCode: clearable(problems, 'input.crsChannelCode', input.crsChannelCode, MAX_CODE),
    iatiOrgId: clearable(problems, 'input.iatiOrgId', input.iatiOrgId, MAX_CODE),
    hqCountry: input.hqCountry,
    website: input.website,
    description: clearable(problems, 'input.description', input.description, MAX_DESCRIPTION),
    verified: input.verified ?? undefined,
    countriesOfOperation: checkCountries(problems, input, facts),
  };
  if (typeof input.name === 'string' && !input.name.trim()) {
    problems.push({ field: 'input.name', message: 'must not be empty' });
  }
  throwIfInvalid(problems);
  return changes;
}

/** An organizations filter as the repository reads it. */
export interface OrganizationFilterValues {
  category?: PartnerCategory | undefined;
  countryOfOperation?: string | undefined;
  hqCountry?: string | undefined;
  search?: string | undefined;
  includeArchived?: boolean | undefined;
  /** `synthetic =` this value; undefined: no condition (see schema/basis.ts syntheticFilter). */
  synthetic?: boolean | undefined;
}

/** The filter's values; an unknown country is NOT_FOUND naming its field. */
export function checkOrganizationFilter(
  filter: OrganizationFilter | undefined,
  found: { readonly countryOfOperation: boolean; readonly hqCountry: boolean },
): OrganizationFilterValues {
  if (!filter) {
    return {};
  }
  const problems: Problems = [];
  const search = searchText(problems, 'filter.search', filter.search, MAX_SEARCH_LENGTH);
  if (filter.countryOfOperation && !found.countryOfOperation) {
    throw notFound('Country', filter.countryOfOperation, 'filter.countryOfOperation');
  }
  if (filter.hqCountry && !found.hqCountry) {
    throw notFound('Country', filter.hqCountry, 'filter.hqCountry');
  }
  throwIfInvalid(problems);
  return {
    category: filter.category ?? undefined,
    countryOfOperation: filter.countryOfOperation ?? undefined,
    hqCountry: filter.hqCountry ?? undefined,
    search,
    includeArchived: filter.includeArchived ?? undefined,
  };
}

/** An importer's organisations: a slug id and a name each (a programming error otherwise). */
export function checkUnverifiedOrganizations(
  organizations: readonly { readonly id: string; readonly name: string }[],
): void {
  const bad = organizations.find((o) => !SLUG.test(o.id) || o.name.trim() === '');
  if (bad) {
    throw new Error(`registerUnverifiedOrganizations: invalid id or empty name for "${bad.id}"`);
  }
}
