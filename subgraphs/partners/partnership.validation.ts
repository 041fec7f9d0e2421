import { notFound } from '../../schema/errors.js';
import type { GpcTheme } from '../../schema/gpc.js';
import { ReviewStatus } from '../../schema/review.js';
import {
  blankableText,
  dateRange,
  requiredText,
  throwIfInvalid,
  type Problems,
} from '../../schema/validation.js';
import type { MemberRole, Partnership, PartnershipType } from './partnership.entity.js';
import type { PartnershipFilter, UpdatePartnershipInput } from './partnership.input.js';

// Pure checks of partnership inputs (no database, no context): the write resolver reads the facts
// they need (which organizations and countries exist) through its loaders and passes them in.

const MAX_TITLE = 500;
const MAX_SCOPE = 2000;
const MAX_SOURCE = 2000;

/** A whole partnership as it will be stored: a new one, or an existing one with changes applied. */
export interface PartnershipDraft {
  readonly title: string;
  /** Null only for a seeded real partnership whose source gives no start date. */
  readonly startDate: string | null;
  readonly endDate?: string | null | undefined;
  readonly themes: readonly GpcTheme[];
  readonly countries: readonly string[];
  readonly members: readonly { readonly organizationId: string; readonly role: MemberRole }[];
}

/** What the database knows of a draft's references, in the draft's order. */
export interface PartnershipFacts {
  /** Per member: whether its organization exists. */
  readonly organizationsFound: readonly boolean[];
  /** Per country: its M49 region, or null when the country is unknown. */
  readonly regions: readonly (string | null)[];
}

function duplicates(
  problems: Problems,
  values: readonly string[],
  field: (i: number) => string,
  message: (value: string) => string,
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) {
      problems.push({ field: field(i), message: message(value) });
    }
    seen.add(value);
  });
}

/** A partnership checked: trimmed texts (blank is absent) and each country with its region. */
interface CheckedPartnership {
  readonly title: string;
  readonly scope: string | undefined;
  readonly source: string | undefined;
  readonly countries: { iso3: string; regionM49: string }[];
}

/**
 * Checks a whole partnership: every invalid field at once as BAD_USER_INPUT; an unknown
 * organization or country is NOT_FOUND naming its path.
 */
export function checkPartnership(
  draft: PartnershipDraft,
  facts: PartnershipFacts,
  texts: { scope?: string | null | undefined; source?: string | null | undefined } = {},
): CheckedPartnership {
  const problems: Problems = [];
  const title = requiredText(problems, 'input.title', draft.title, MAX_TITLE);
  const scope = blankableText(problems, 'input.scope', texts.scope, MAX_SCOPE);
  const source = blankableText(problems, 'input.source', texts.source, MAX_SOURCE);
  dateRange(problems, ['input.startDate', draft.startDate], ['input.endDate', draft.endDate]);
  if (draft.themes.length === 0) {
    problems.push({ field: 'input.themes', message: 'must list at least one theme' });
  }
  if (new Set(draft.themes).size !== draft.themes.length) {
    problems.push({ field: 'input.themes', message: 'lists a theme twice' });
  }
  if (draft.members.length === 0) {
    problems.push({ field: 'input.members', message: 'must list at least one member' });
  }
  const memberIds = draft.members.map((m) => m.organizationId);
  duplicates(
    problems,
    memberIds,
    (i) => `input.members[${i}].organizationId`,
    (id) => `"${id}" is already a member`,
  );
  duplicates(
    problems,
    draft.countries,
    (i) => `input.countries[${i}]`,
    (iso3) => `"${iso3}" is listed twice`,
  );
  facts.organizationsFound.forEach((found, i) => {
    if (!found) {
      throw notFound('Organization', memberIds[i]!, `input.members[${i}].organizationId`);
    }
  });
  const countries = draft.countries.map((iso3, i) => {
    const regionM49 = facts.regions[i];
    if (!regionM49) {
      throw notFound('Country', iso3, `input.countries[${i}]`);
    }
    return { iso3, regionM49 };
  });
  throwIfInvalid(problems);
  return { title, scope, source, countries };
}

/** An existing partnership with the changes of an update applied (lists are replaced). */
export function mergePartnership(
  before: Partnership,
  input: UpdatePartnershipInput,
): PartnershipDraft & { type: PartnershipType } {
  return {
    title: input.title ?? before.title,
    type: input.type ?? before.type,
    startDate: input.startDate ?? before.startDate,
    endDate: input.endDate ?? before.endDate,
    themes: input.themes ?? before.themes,
    countries: input.countries ?? before.countryIso3s,
    members: input.members ?? before.members,
  };
}

/** Only a partnership waiting in PENDING_REVIEW can be reviewed. */
export function checkReviewable(partnership: Partnership): void {
  if (partnership.reviewStatus !== ReviewStatus.PENDING_REVIEW) {
    throwIfInvalid([
      { field: 'id', message: `is ${partnership.reviewStatus}, not PENDING_REVIEW` },
    ]);
  }
}

/** A partnerships filter as the repository reads it. */
export interface PartnershipFilterValues {
  type?: PartnershipType | undefined;
  theme?: GpcTheme | undefined;
  country?: string | undefined;
  activeOn?: string | undefined;
  member?: string | undefined;
  synthetic?: boolean | undefined;
  reviewStatus?: ReviewStatus | undefined;
}

/** The filter's values; an unknown country or member is NOT_FOUND naming its field. */
export function checkPartnershipFilter(
  filter: PartnershipFilter | undefined,
  found: { readonly country: boolean; readonly member: boolean },
): PartnershipFilterValues {
  if (!filter) {
    return {};
  }
  if (filter.country && !found.country) {
    throw notFound('Country', filter.country, 'filter.country');
  }
  if (filter.member && !found.member) {
    throw notFound('Organization', filter.member, 'filter.member');
  }
  return {
    type: filter.type ?? undefined,
    theme: filter.theme ?? undefined,
    country: filter.country ?? undefined,
    activeOn: filter.activeOn ?? undefined,
    member: filter.member ?? undefined,
    synthetic: filter.synthetic ?? undefined,
    reviewStatus: filter.reviewStatus ?? undefined,
  };
}
