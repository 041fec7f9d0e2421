import { listSize, yearRange, type Problems } from '../../schema/validation.js';
import type { LessonLearnedFilter } from './case-law-search.input.js';
import { checkCountryList, checkSearchText } from './search.validation.js';

// The checks of a case or lesson search that need no database, every problem at once; unknown
// codes and regions are facts of the database, asked by the resolver.

const MAX_CATEGORIES = 20;
const MAX_CATEGORY_LENGTH = 100;

/** Checks the text and filter of a search of cases or lessons; returns the trimmed text. */
export function checkCaseSearch(
  problems: Problems,
  text: string | undefined | null,
  filter: LessonLearnedFilter,
): string | undefined {
  const trimmed = checkSearchText(problems, text);
  checkCountryList(problems, filter.countryIso3s);
  yearRange(problems, ['filter.fromYear', filter.fromYear], ['filter.toYear', filter.toYear]);
  const categories = listSize(problems, 'filter.categories', filter.categories, {
    min: 1,
    max: MAX_CATEGORIES,
  });
  if (categories?.some((c) => !c.trim() || c.length > MAX_CATEGORY_LENGTH)) {
    problems.push({
      field: 'filter.categories',
      message: `each must be 1–${MAX_CATEGORY_LENGTH} characters`,
    });
  }
  return trimmed;
}
