import { notFound } from '../../schema/errors.js';
import { throwIfInvalid, type Problems } from '../../schema/validation.js';
import type { CreateCaseLawInput, UpdateCaseLawInput } from './case-law.input.js';
import { assertCountries, checkCase } from './case-law.validation.js';
import { CodeList } from './code-list.entity.js';
import type { LawsContext } from './context.js';
import { isVisible } from './laws.access.js';
import { codeListEntries } from './laws.loaders.js';
import type { CreateLegislationInput, UpdateLegislationInput } from './legislation.input.js';
import { validateLegislationChanges, validateNewLegislation } from './legislation.validation.js';
import type { CreateLessonLearnedInput, UpdateLessonLearnedInput } from './lesson.input.js';
import { checkLesson } from './lesson.validation.js';
import type { CreateProvisionInput, UpdateProvisionInput } from './provision.input.js';
import { checkNewProvision, checkProvisionChanges } from './provision.validation.js';

// The checks of the laws subgraph's writes that read the database through the request's loaders
// (code lists, instruments, laws an input names), around the pure checks of each entity's
// `<entity>.validation.ts`: one BAD_USER_INPUT names every invalid field, then NOT_FOUND names
// the first record an input refers to that does not exist or that the viewer may not see.

const MAX_CODES = 50;

/** Tag fields of an input: the field, its code list, and the codes given. */
type Tags = readonly (readonly [field: string, list: CodeList, codes: string[] | undefined])[];

const provisionTags = (i: UpdateProvisionInput): Tags => [
  ['offenceCategories', CodeList.OFFENCE_CATEGORY, i.offenceCategories],
  ['proceduralPowers', CodeList.PROCEDURAL_POWER, i.proceduralPowers],
  ['cooperationMechanisms', CodeList.COOPERATION_MECHANISM, i.cooperationMechanisms],
  ['crossCuttingIssues', CodeList.CROSS_CUTTING_ISSUE, i.crossCuttingIssues],
];
const caseTags = (i: UpdateCaseLawInput): Tags => [
  ['crimeTypes', CodeList.CRIME_TYPE, i.crimeTypes],
  ['offenceCategories', CodeList.OFFENCE_CATEGORY, i.offenceCategories],
  ['crossCuttingIssues', CodeList.CROSS_CUTTING_ISSUE, i.crossCuttingIssues],
];
const lessonTags = (i: UpdateLessonLearnedInput): Tags => [
  ['crimeTypes', CodeList.CRIME_TYPE, i.crimeTypes],
  ['offenceCategories', CodeList.OFFENCE_CATEGORY, i.offenceCategories],
];

const LIST_NAMES: Record<CodeList, string> = {
  [CodeList.OFFENCE_CATEGORY]: 'an offence category',
  [CodeList.PROCEDURAL_POWER]: 'a procedural power',
  [CodeList.COOPERATION_MECHANISM]: 'a cooperation mechanism',
  [CodeList.CROSS_CUTTING_ISSUE]: 'a cross-cutting issue',
  [CodeList.CRIME_TYPE]: 'a crime type',
};

/**
 * Checks each tag field against its own code list: a code of another list is a problem naming
 * the field; a code of no list is NOT_FOUND naming the code.
 */
async function checkCodeTags(ctx: LawsContext, problems: Problems, tags: Tags): Promise<void> {
  const lists = await Promise.all(Object.values(CodeList).map((l) => codeListEntries(ctx, l)));
  const listOf = new Map<string, CodeList[]>();
  for (const entry of lists.flat()) {
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

/** The law, when it exists and the viewer may see it; else NOT_FOUND, naming no country. */
export async function visibleLaw(ctx: LawsContext, id: string, field: string) {
  const law = await ctx.loaders.legislationById.load(id);
  if (!law || !isVisible(ctx.viewer, law)) {
    throw notFound('Legislation', id, field);
  }
  return law;
}

/** Each law exists and the viewer may see it (`visibleLaw`). */
async function assertVisibleLaws(
  ctx: LawsContext,
  ids: readonly string[] | null | undefined,
  field: string,
): Promise<void> {
  for (const id of ids ?? []) {
    await visibleLaw(ctx, id, field);
  }
}

/** A new law, checked whole: texts and dates, then its State and the laws it amends. */
export async function validateNewLaw(
  ctx: LawsContext,
  input: CreateLegislationInput,
): Promise<CreateLegislationInput> {
  const values = validateNewLegislation(input);
  assertCountries([values.countryIso3], 'input.countryIso3');
  await assertVisibleLaws(ctx, values.amends, 'input.amends');
  return values;
}

/** Changes to law `id`, checked whole: texts, then the laws it amends. */
export async function validateLawChanges(
  ctx: LawsContext,
  id: string,
  input: UpdateLegislationInput,
): Promise<UpdateLegislationInput> {
  const values = validateLegislationChanges(id, input);
  await assertVisibleLaws(ctx, values.amends, 'input.amends');
  return values;
}

async function assertInstruments(ctx: LawsContext, codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    if (!(await ctx.loaders.instrumentByCode.load(code))) {
      throw notFound('Instrument', code, 'input.instrumentArticles');
    }
  }
}

/** A new provision's input, checked whole; its texts trimmed. */
export async function validateNewProvision(
  ctx: LawsContext,
  input: CreateProvisionInput,
): Promise<CreateProvisionInput> {
  const problems: Problems = [];
  const { values, instruments } = checkNewProvision(problems, input);
  await checkCodeTags(ctx, problems, provisionTags(input));
  throwIfInvalid(problems);
  await assertInstruments(ctx, instruments);
  return values;
}

/** Changes to a provision, checked whole; the texts given trimmed. */
export async function validateProvisionChanges(
  ctx: LawsContext,
  input: UpdateProvisionInput,
): Promise<UpdateProvisionInput> {
  const problems: Problems = [];
  const { values, instruments } = checkProvisionChanges(problems, input);
  await checkCodeTags(ctx, problems, provisionTags(input));
  throwIfInvalid(problems);
  await assertInstruments(ctx, instruments);
  return values;
}

/** A court decision's input (every field `required` on create), checked whole. */
export async function validateCase<T extends CreateCaseLawInput | UpdateCaseLawInput>(
  ctx: LawsContext,
  input: T,
  required: boolean,
): Promise<T> {
  const problems: Problems = [];
  const values = checkCase(problems, input, required);
  await checkCodeTags(ctx, problems, caseTags(input));
  throwIfInvalid(problems);
  assertCountries(values.countryIso3s ?? [], 'input.countryIso3s');
  await assertVisibleLaws(ctx, values.legislationIds, 'input.legislationIds');
  return values;
}

async function validateLesson<T extends UpdateLessonLearnedInput>(
  ctx: LawsContext,
  input: T,
  required: boolean,
): Promise<T> {
  const problems: Problems = [];
  const values = checkLesson(problems, input, required);
  await checkCodeTags(ctx, problems, lessonTags(input));
  throwIfInvalid(problems);
  return values;
}

/** A new lesson-learned source, checked whole: texts, tags, then its State. */
export async function validateNewLesson(
  ctx: LawsContext,
  input: CreateLessonLearnedInput,
): Promise<CreateLessonLearnedInput> {
  const values = await validateLesson(ctx, input, true);
  assertCountries([values.countryIso3], 'input.countryIso3');
  return values;
}

/** Changes to a lesson-learned source, checked whole. */
export const validateLessonChanges = (ctx: LawsContext, input: UpdateLessonLearnedInput) =>
  validateLesson(ctx, input, false);
