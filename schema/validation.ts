import { badUserInput, type InvalidField } from './errors.js';

// The input checks every subgraph's `<entity>.validation.ts` is built from. Each check adds to a
// list of invalid fields and returns the cleaned value, so one BAD_USER_INPUT names every problem
// of an input at once (`throwIfInvalid`). Pure: no database, no context; lint keeps Kysely out of
// validation files.

export type Problems = InvalidField[];

/** Years a record may carry: laws, cases, treaty actions, projects. */
export const YEARS = { min: 1800, max: 2100 } as const;

/** Text, trimmed; `undefined` when not given. Empty or longer than `max` is a problem. */
export function optionalText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  max: number,
): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const trimmed = value.trim();
  if (!trimmed) {
    problems.push({ field, message: 'must not be empty' });
  } else if (trimmed.length > max) {
    problems.push({ field, message: `must be at most ${max} characters` });
  }
  return trimmed;
}

/** Text that must be given: as `optionalText`, and missing is a problem (returns ''). */
export function requiredText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  max: number,
): string {
  if (value === undefined || value === null) {
    problems.push({ field, message: 'is required' });
    return '';
  }
  return optionalText(problems, field, value, max) ?? '';
}

/** Text that may be blank: trimmed, blank becomes `undefined`, longer than `max` is a problem. */
export function blankableText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  max: number,
): string | undefined {
  const trimmed = value?.trim();
  if (trimmed && trimmed.length > max) {
    problems.push({ field, message: `must be at most ${max} characters` });
  }
  return trimmed || undefined;
}

/** The longest search text a list filter takes (`searchText`), unless a subgraph documents another. */
export const MAX_SEARCH_LENGTH = 100;

/**
 * A search text, trimmed; `undefined` when not given. Empty is a problem (omit it to list
 * everything), and so is one longer than `max`.
 */
export function searchText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  max: number,
): string | undefined {
  if (value !== undefined && value !== null && !value.trim()) {
    problems.push({ field, message: 'must not be empty; omit it to list everything' });
    return undefined;
  }
  return optionalText(problems, field, value, max);
}

/** A whole year in `[range.min, range.max]` when given. */
export function year(
  problems: Problems,
  field: string,
  value: number | null | undefined,
  range: { readonly min: number; readonly max: number } = YEARS,
): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    problems.push({
      field,
      message: `must be a year between ${range.min} and ${range.max}; got ${value}`,
    });
  }
  return value;
}

/** Two years, each checked by `year`, the end not before the start. */
export function yearRange(
  problems: Problems,
  from: readonly [field: string, value: number | null | undefined],
  to: readonly [field: string, value: number | null | undefined],
  range: { readonly min: number; readonly max: number } = YEARS,
): void {
  const start = year(problems, from[0], from[1], range);
  const end = year(problems, to[0], to[1], range);
  if (start !== undefined && end !== undefined && end < start) {
    problems.push({ field: to[0], message: `ends (${end}) before the range starts (${start})` });
  }
}

/** Two ISO dates (`YYYY-MM-DD`, compared as text), the end not before the start. */
export function dateRange(
  problems: Problems,
  from: readonly [field: string, value: string | null | undefined],
  to: readonly [field: string, value: string | null | undefined],
): void {
  const [, start] = from;
  const [field, end] = to;
  if (start && end && end < start) {
    problems.push({ field, message: `ends (${end}) before it starts (${start})` });
  }
}

/** A list's length within `[min, max]` when the list is given. */
export function listSize<T>(
  problems: Problems,
  field: string,
  values: readonly T[] | null | undefined,
  size: { readonly min?: number; readonly max: number },
): readonly T[] | undefined {
  if (values === undefined || values === null) {
    return undefined;
  }
  const min = size.min ?? 0;
  if (values.length < min || values.length > size.max) {
    problems.push({
      field,
      message:
        min > 0
          ? `must list between ${min} and ${size.max} entries`
          : `must list at most ${size.max} entries`,
    });
  }
  return values;
}

/** Throws one BAD_USER_INPUT naming every problem, when there is any. */
export function throwIfInvalid(problems: Problems): void {
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
}
