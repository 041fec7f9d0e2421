import { listSize, searchText, yearRange, type Problems } from '../../schema/validation.js';
import type { LawSearchFilter } from './search.input.js';

// The checks of a search's text and filter that need no database, every problem at once. Unknown
// codes, concepts and regions are facts of the database: the resolver asks the loaders.

/** The longest search text. */
export const MAX_SEARCH_LENGTH = 200;
/** The most States a filter may list. */
const MAX_COUNTRIES = 250;
/** The most values a filter's other lists (languages, kinds, statuses) may hold. */
const MAX_VALUES = 20;

/** The search text, trimmed (undefined when not given); an empty or long text is a problem. */
export function checkSearchText(
  problems: Problems,
  text: string | undefined | null,
): string | undefined {
  return searchText(problems, 'text', text, MAX_SEARCH_LENGTH);
}

/** A filter's States: 1 to 250 of them when given. */
export function checkCountryList(
  problems: Problems,
  countryIso3s: readonly string[] | undefined | null,
): void {
  listSize(problems, 'filter.countryIso3s', countryIso3s, { min: 1, max: MAX_COUNTRIES });
}

/** A concept no offence category has (its codes are empty) is a problem. */
export function checkConcept(
  problems: Problems,
  concept: string | undefined | null,
  codes: readonly string[] | undefined,
): void {
  if (concept && codes?.length === 0) {
    problems.push({
      field: 'filter.concept',
      message: `no offence category has concept "${concept}"`,
    });
  }
}

/** Checks the text and filter of a search of laws or provisions; returns the trimmed text. */
export function checkLawSearch(
  problems: Problems,
  text: string | undefined | null,
  filter: LawSearchFilter,
): string | undefined {
  const trimmed = checkSearchText(problems, text);
  const languages = listSize(problems, 'filter.languages', filter.languages, {
    min: 1,
    max: MAX_VALUES,
  });
  if (languages?.some((l) => !/^[a-z]{2}$/.test(l))) {
    problems.push({
      field: 'filter.languages',
      message: 'must list ISO 639-1 codes of two lower-case letters, such as "fr"',
    });
  }
  listSize(problems, 'filter.kinds', filter.kinds, { min: 1, max: MAX_VALUES });
  checkCountryList(problems, filter.countryIso3s);
  yearRange(
    problems,
    ['filter.inForceFromYear', filter.inForceFromYear],
    ['filter.inForceToYear', filter.inForceToYear],
  );
  listSize(problems, 'filter.statuses', filter.statuses, { min: 1, max: MAX_VALUES });
  return trimmed;
}
