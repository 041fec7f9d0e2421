import { optionalText, type Problems } from '../../schema/validation.js';
import {
  MAX_LICENCE,
  MAX_NAME,
  MAX_SOURCE,
  MAX_SUMMARY,
  oneOf,
  text,
  yearOfDate,
} from './case-law.validation.js';
import type { UpdateLessonLearnedInput } from './lesson.input.js';

// The input checks of a lesson-learned source's writes: pure (no database, no context), as a
// court decision's (./case-law.validation.ts).

const MAX_CATEGORIES = 50;
const MAX_CATEGORY = 100;
const DOCUMENT_TYPES = ['CYBERCRIME_PLAN', 'CYBERSECURITY_STRATEGY', 'REPORT', 'OTHER'] as const;

/** A lesson (every field `required` on create), its texts and categories trimmed. */
export function checkLesson<T extends UpdateLessonLearnedInput>(
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
