import { notFound } from '../../schema/errors.js';
import type { Problems } from '../../schema/validation.js';
import { CodeList, type CodeEntry } from './code-list.entity.js';

// The check of an input's code tags against the code lists: pure (no database, no context). The
// write resolver reads every list (`allCodeEntries`, ./laws.loaders.ts) and passes them in; the
// problems join the entity's own checks in one BAD_USER_INPUT.

const MAX_CODES = 50;

/** Tag fields of an input: the field, its code list, and the codes given. */
export type CodeTags = readonly (readonly [
  field: string,
  list: CodeList,
  codes: string[] | undefined,
])[];

const LIST_NAMES: Record<CodeList, string> = {
  [CodeList.OFFENCE_CATEGORY]: 'an offence category',
  [CodeList.PROCEDURAL_POWER]: 'a procedural power',
  [CodeList.COOPERATION_MECHANISM]: 'a cooperation mechanism',
  [CodeList.CROSS_CUTTING_ISSUE]: 'a cross-cutting issue',
  [CodeList.CRIME_TYPE]: 'a crime type',
};

/**
 * Checks each tag field against its own code list (`entries`: every entry of every list): a code
 * of another list is a problem naming the field; a code of no list is NOT_FOUND naming the code.
 */
export function checkCodeTags(
  problems: Problems,
  tags: CodeTags,
  entries: readonly CodeEntry[],
): void {
  const listOf = new Map<string, CodeList[]>();
  for (const entry of entries) {
    listOf.set(entry.code, [...(listOf.get(entry.code) ?? []), entry.list]);
  }
  for (const [field, list, codes] of tags) {
    if (!codes) {
      continue;
    }
    if (codes.length > MAX_CODES) {
      problems.push({ field: `input.${field}`, message: `at most ${MAX_CODES} codes` });
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
