import { optionalText, throwIfInvalid, type Problems } from '../../schema/validation.js';
import {
  assertCountries,
  MAX_LICENCE,
  MAX_NAME,
  MAX_SOURCE,
  MAX_SUMMARY,
  oneOf,
  text,
  yearOfDate,
} from './case-law.validation.js';
import { CodeList, type CodeEntry } from './code-list.entity.js';
import { checkCodeTags, type CodeTags } from './code-list.validation.js';
import type { CreateLessonLearnedInput, UpdateLessonLearnedInput } from './lesson.input.js';

// The input checks of a lesson-learned source's writes: pure (no database, no context), as a
// court decision's (./case-law.validation.ts).

const MAX_CATEGORIES = 50;
const MAX_CATEGORY = 100;
const DOCUMENT_TYPES = ['CYBERCRIME_PLAN', 'CYBERSECURITY_STRATEGY', 'REPORT', 'OTHER'] as const;

/** A lesson (every field `required` on create), its texts and categories trimmed. */
function checkLesson<T extends UpdateLessonLearnedInput>(
  problems: Problems,
  input: T,
  required: boolean,
): T {
  const values: T = {
    ...input,
    title: text(problems, required, 'input.title', input.title, MAX_NAME),
    issuingBody: optionalText(problems, 'input.issuingBody', input.issuingBody, MAX_NAME),
    summary: text(problems, required, 'input.summary', input.summary, MAX_SUMMARY),
    source: text(problems, required, 'input.source', input.source, MAX_SOURCE),
    licence: optionalText(problems, 'input.licence', input.licence, MAX_LICENCE),
    notes: optionalText(problems, 'input.notes', input.notes, MAX_SUMMARY),
    categories: input.categories?.map((c) => c.trim()),
  };
  oneOf(problems, required, 'input.documentType', input.documentType, DOCUMENT_TYPES);
  const categories = values.categories ?? [];
  if (categories.length > MAX_CATEGORIES || categories.some((c) => !c || c.length > MAX_CATEGORY)) {
    problems.push({
      field: 'input.categories',
      message: `at most ${MAX_CATEGORIES} categories of 1–${MAX_CATEGORY} characters`,
    });
  }
  values.year = yearOfDate(problems, 'input.publishedOn', input.publishedOn, input.year);
  return values;
}

const lessonTags = (i: UpdateLessonLearnedInput): CodeTags => [
  ['crimeTypes', CodeList.CRIME_TYPE, i.crimeTypes],
  ['offenceCategories', CodeList.OFFENCE_CATEGORY, i.offenceCategories],
];

function validateLesson<T extends UpdateLessonLearnedInput>(
  input: T,
  required: boolean,
  codes: readonly CodeEntry[],
): T {
  const problems: Problems = [];
  const values = checkLesson(problems, input, required);
  checkCodeTags(problems, lessonTags(input), codes);
  throwIfInvalid(problems);
  return values;
}

/** A new lesson-learned source, checked whole: texts, tags against the code lists, its State. */
export function validateNewLesson(
  input: CreateLessonLearnedInput,
  codes: readonly CodeEntry[],
): CreateLessonLearnedInput {
  const values = validateLesson(input, true, codes);
  assertCountries([values.countryIso3], 'input.countryIso3');
  return values;
}

/** Changes to a lesson-learned source, checked whole. */
export const validateLessonChanges = (
  input: UpdateLessonLearnedInput,
  codes: readonly CodeEntry[],
) => validateLesson(input, false, codes);
