import countries from 'i18n-iso-countries';
import { notFound } from '../../schema/errors.js';
import {
  listSize,
  optionalText,
  requiredText,
  throwIfInvalid,
  year,
  type Problems,
} from '../../schema/validation.js';
import type { CreateCaseLawInput, UpdateCaseLawInput } from './case-law.input.js';
import { CodeList, type CodeEntry } from './code-list.entity.js';
import { checkCodeTags, type CodeTags } from './code-list.validation.js';

// The input checks of a court decision's writes: pure (no database, no context). Each adds to
// `problems`, so the checks of its code tags against the lists (./code-list.validation.ts) join
// them in one BAD_USER_INPUT. Lessons learned (./lesson.validation.ts) share the helpers below.

export const MAX_NAME = 500;
export const MAX_SUMMARY = 5000;
export const MAX_SOURCE = 2000;
export const MAX_LICENCE = 500;
const MAX_STATES = 60;
const MAX_LAWS = 50;
const JURISDICTION_LEVELS = ['NATIONAL', 'REGIONAL'] as const;

/** Text, required on create (`required`), else optional. */
export function text(
  problems: Problems,
  required: boolean,
  field: string,
  value: string | null | undefined,
  max: number,
): string | undefined {
  return required
    ? requiredText(problems, field, value, max)
    : optionalText(problems, field, value, max);
}

/** One of `allowed` when given; missing is a problem when `required`. */
export function oneOf(
  problems: Problems,
  required: boolean,
  field: string,
  value: string | null | undefined,
  allowed: readonly string[],
): void {
  if (value === undefined || value === null) {
    if (required) {
      problems.push({ field, message: 'is required' });
    }
  } else if (!allowed.includes(value)) {
    problems.push({ field, message: `must be one of ${allowed.join(', ')}; got "${value}"` });
  }
}

/** The year of a record: as given, else the year of its date; both must agree. */
export function yearOfDate(
  problems: Problems,
  dateField: string,
  date: string | null | undefined,
  given: number | null | undefined,
): number | undefined {
  year(problems, 'input.year', given);
  const ofDate = date ? Number(date.slice(0, 4)) : undefined;
  if (ofDate !== undefined && given !== undefined && given !== null && given !== ofDate) {
    problems.push({ field: 'input.year', message: `is not the year of ${dateField} (${ofDate})` });
  }
  return given ?? ofDate;
}

/** Every code is an ISO alpha-3 code of a State: NOT_FOUND naming the first that is not. */
export function assertCountries(iso3s: readonly (string | null | undefined)[], field: string) {
  for (const iso3 of iso3s) {
    if (iso3 && !countries.isValid(iso3)) {
      throw notFound('Country', iso3, field);
    }
  }
}

/** A decision (every field `required` on create), its texts trimmed and its year settled. */
function checkCase<T extends UpdateCaseLawInput>(
  problems: Problems,
  input: T,
  required: boolean,
): T {
  const values: T = {
    ...input,
    court: text(problems, required, 'input.court', input.court, MAX_NAME),
    caseName: text(problems, required, 'input.caseName', input.caseName, MAX_NAME),
    caseNumber: optionalText(problems, 'input.caseNumber', input.caseNumber, 200),
    factSummary: text(problems, required, 'input.factSummary', input.factSummary, MAX_SUMMARY),
    source: text(problems, required, 'input.source', input.source, MAX_SOURCE),
    licence: optionalText(problems, 'input.licence', input.licence, MAX_LICENCE),
    notes: optionalText(problems, 'input.notes', input.notes, MAX_SUMMARY),
    countryIso3s: input.countryIso3s ? [...new Set(input.countryIso3s)] : undefined,
  };
  oneOf(
    problems,
    required,
    'input.jurisdictionLevel',
    input.jurisdictionLevel,
    JURISDICTION_LEVELS,
  );
  listSize(problems, 'input.countryIso3s', input.countryIso3s, { min: 1, max: MAX_STATES });
  listSize(problems, 'input.legislationIds', input.legislationIds, { max: MAX_LAWS });
  values.year = yearOfDate(problems, 'input.decisionDate', input.decisionDate, input.year);
  return values;
}

const caseTags = (i: UpdateCaseLawInput): CodeTags => [
  ['crimeTypes', CodeList.CRIME_TYPE, i.crimeTypes],
  ['offenceCategories', CodeList.OFFENCE_CATEGORY, i.offenceCategories],
  ['crossCuttingIssues', CodeList.CROSS_CUTTING_ISSUE, i.crossCuttingIssues],
];

/**
 * A court decision's input (every field `required` on create), checked whole against the code
 * lists, then its States. The write resolver then checks the laws it names (`assertVisibleLaws`).
 */
export function validateCase<T extends CreateCaseLawInput | UpdateCaseLawInput>(
  input: T,
  required: boolean,
  codes: readonly CodeEntry[],
): T {
  const problems: Problems = [];
  const values = checkCase(problems, input, required);
  checkCodeTags(problems, caseTags(input), codes);
  throwIfInvalid(problems);
  assertCountries(values.countryIso3s ?? [], 'input.countryIso3s');
  return values;
}
