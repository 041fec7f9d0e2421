import { Confidence } from '../../schema/common-types.js';
import { notFound, type InvalidField } from '../../schema/errors.js';
import { CodeList } from './code-list.entity.js';
import { codeListEntries } from './code-list.resolver.js';
import type { LawsContext } from './context.js';

// Input checks every write of the laws subgraph shares (laws, provisions, cases, lessons): each
// adds to a list of invalid fields, so one BAD_USER_INPUT names them all.

export const MAX_TAGS = 50;

export const CONFIDENCE_TEXT: Record<Confidence, string> = {
  [Confidence.VERIFIED]: 'verified',
  [Confidence.TO_VERIFY]: 'to verify',
};

/** A text field, trimmed: required, not empty, at most `max` characters. */
export function checkText(
  problems: InvalidField[],
  field: string,
  value: string | undefined | null,
  max: number,
  required: boolean,
): string | undefined {
  if (value === undefined || value === null) {
    if (required) {
      problems.push({ field, message: 'is required' });
    }
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

export function checkYear(
  problems: InvalidField[],
  field: string,
  value: number | undefined | null,
) {
  if (value !== undefined && value !== null && (value < 1800 || value > 2100)) {
    problems.push({ field, message: `must be a year between 1800 and 2100; got ${value}` });
  }
}

const LIST_NAMES: Record<CodeList, string> = {
  [CodeList.OFFENCE_CATEGORY]: 'an offence category',
  [CodeList.PROCEDURAL_POWER]: 'a procedural power',
  [CodeList.COOPERATION_MECHANISM]: 'a cooperation mechanism',
  [CodeList.CROSS_CUTTING_ISSUE]: 'a cross-cutting issue',
  [CodeList.CRIME_TYPE]: 'a crime type',
};

/**
 * Checks each tag field against its own code list: a code of another list is BAD_USER_INPUT
 * naming the field; a code of no list is NOT_FOUND naming the code.
 */
export async function checkCodeTags(
  ctx: LawsContext,
  tags: object,
  fields: readonly (readonly [field: string, list: CodeList])[],
  problems: InvalidField[],
): Promise<void> {
  const lists = await Promise.all(Object.values(CodeList).map((l) => codeListEntries(ctx, l)));
  const listOf = new Map<string, CodeList[]>();
  for (const entry of lists.flat()) {
    listOf.set(entry.code, [...(listOf.get(entry.code) ?? []), entry.list]);
  }
  for (const [field, list] of fields) {
    const codes = (tags as Record<string, readonly string[] | null | undefined>)[field];
    if (!codes) {
      continue;
    }
    if (codes.length > MAX_TAGS) {
      problems.push({ field: `input.${field}`, message: `at most ${MAX_TAGS} codes` });
      continue;
    }
    for (const code of codes) {
      const found = listOf.get(code);
      if (!found) {
        throw notFound('Code', code, `input.${field}`);
      }
      if (!found.includes(list)) {
        problems.push({
          field: `input.${field}`,
          message: `"${code}" is ${LIST_NAMES[found[0] ?? list]}, not ${LIST_NAMES[list]}`,
        });
      }
    }
  }
}
