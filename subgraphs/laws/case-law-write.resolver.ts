import { randomUUID } from 'node:crypto';
import countries from 'i18n-iso-countries';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { badUserInput, forbiddenField, notFound, type InvalidField } from '../../schema/errors.js';
import { assertMayChange, isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { patchOf, runReview, runWrite } from '../../schema/writes.js';
import { CaseLaw, LessonLearned } from './case-law.entity.js';
import {
  findCaseForUpdate,
  findLessonForUpdate,
  insertCase,
  insertLesson,
  lockCaseRow,
  lockLessonRow,
  setReviewStatus,
  updateCaseRow,
  updateLessonRow,
} from './case-law.repository.js';
import { CodeList } from './code-list.entity.js';
import type { LawsContext } from './context.js';
import { LAWS_CACHE } from './laws.loaders.js';
import type { NewCaseLawRow, NewLessonLearnedRow } from './laws.table.js';
import { isVisible } from './visibility.js';
import { checkCodeTags, checkText, checkYear, CONFIDENCE_TEXT, MAX_TAGS } from './write-checks.js';

// Case law and lessons learned, written as laws are: editors create, change and review directly;
// a State's focal point proposes records of its own State, which wait in PENDING_REVIEW, unseen
// by the public, until an editor publishes (PUBLISHED), rejects (REJECTED) or withdraws
// (ARCHIVED) them through the kernel's `runReview`. Every write goes through `runWrite`: one
// transaction with its audit entries, then the cache purge.

const MAX_NAME = 500;
const MAX_SUMMARY = 5000;
const MAX_SOURCE = 2000;
const JURISDICTION_LEVELS = ['NATIONAL', 'REGIONAL'] as const;
const DOCUMENT_TYPES = ['CYBERCRIME_PLAN', 'CYBERSECURITY_STRATEGY', 'REPORT', 'OTHER'] as const;

@InputType({ description: 'Tags of a case: codes from each code list.' })
class CaseTagsInput {
  @Field(() => [String], { nullable: true, description: 'SHERLOC crime type codes.' })
  crimeTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'Offence category codes ("BC-2").' })
  offenceCategories?: string[];

  @Field(() => [String], { nullable: true, description: 'Cross-cutting issue codes.' })
  crossCuttingIssues?: string[];

  @Field(() => [ID], { nullable: true, description: 'Ids of the laws applied or reviewed.' })
  legislationIds?: string[];
}

@InputType({
  description:
    'A new court decision. A focal point may propose decisions concerning its own State.',
})
export class CreateCaseLawInput extends CaseTagsInput {
  @Field(() => [CountryCodeScalar], {
    description: 'The States concerned (ISO alpha-3); for a regional court, the respondent States.',
  })
  countryIso3s!: string[];

  @Field(() => String, { description: `The court (1–${MAX_NAME} characters).` })
  court!: string;

  @Field(() => String, { description: 'NATIONAL or REGIONAL.' })
  jurisdictionLevel!: string;

  @Field(() => String, { description: 'Published case name.' })
  caseName!: string;

  @Field(() => String, { nullable: true, description: 'Case or application number.' })
  caseNumber?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Decision date, where sources agree.' })
  decisionDate?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Year of the decision (taken from `decisionDate` when omitted).',
  })
  year?: number;

  @Field(() => String, {
    description: `A short neutral summary of facts and holding written by the curator (1–${MAX_SUMMARY} characters); no personal data.`,
  })
  factSummary!: string;

  @Field(() => String, { description: 'The source: official report or URL.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Terms of use of the source, where it states them; omit when not known.',
  })
  licence?: string;

  @Field(() => Confidence, {
    nullable: true,
    description: 'VERIFIED only if checked against the source (default TO_VERIFY).',
  })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a court decision; omitted fields stay as they are.' })
export class UpdateCaseLawInput extends CaseTagsInput {
  @Field(() => [CountryCodeScalar], { nullable: true, description: 'The States concerned.' })
  countryIso3s?: string[];

  @Field(() => String, { nullable: true, description: 'The court.' })
  court?: string;

  @Field(() => String, { nullable: true, description: 'NATIONAL or REGIONAL.' })
  jurisdictionLevel?: string;

  @Field(() => String, { nullable: true, description: 'Published case name.' })
  caseName?: string;

  @Field(() => String, { nullable: true, description: 'Case or application number.' })
  caseNumber?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Decision date.' })
  decisionDate?: string;

  @Field(() => Int, { nullable: true, description: 'Year of the decision.' })
  year?: number;

  @Field(() => String, { nullable: true, description: 'Neutral summary of facts and holding.' })
  factSummary?: string;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'Terms of use of the source.' })
  licence?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Tags of a lesson-learned source.' })
class LessonTagsInput {
  @Field(() => [String], {
    nullable: true,
    description:
      'Lesson categories: legislation, investigation, e-evidence, cooperation, private sector, prevention, capacity building, victims.',
  })
  categories?: string[];

  @Field(() => [String], { nullable: true, description: 'SHERLOC crime type codes.' })
  crimeTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'Offence category codes ("BC-2").' })
  offenceCategories?: string[];
}

@InputType({
  description:
    'A new lesson-learned source. A focal point may propose sources of its own State only; regional sources (no State) are for editors.',
})
export class CreateLessonLearnedInput extends LessonTagsInput {
  @Field(() => CountryCodeScalar, { nullable: true, description: 'The State, if national.' })
  countryIso3?: string;

  @Field(() => String, { description: 'Title of the source document.' })
  title!: string;

  @Field(() => String, {
    description: 'CYBERCRIME_PLAN, CYBERSECURITY_STRATEGY, REPORT or OTHER.',
  })
  documentType!: string;

  @Field(() => Int, { nullable: true, description: 'Year.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date, if known.' })
  publishedOn?: string;

  @Field(() => String, { nullable: true, description: 'Issuing body.' })
  issuingBody?: string;

  @Field(() => String, {
    description: `What the document says on cybercrime, written by the curator (1–${MAX_SUMMARY} characters).`,
  })
  summary!: string;

  @Field(() => String, { description: 'The source: the document or its official page.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Terms of use of the source, where it states them; omit when not known.',
  })
  licence?: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a lesson-learned source; omitted fields stay as they are.' })
export class UpdateLessonLearnedInput extends LessonTagsInput {
  @Field(() => String, { nullable: true, description: 'Title of the source document.' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Document type.' })
  documentType?: string;

  @Field(() => Int, { nullable: true, description: 'Year.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date.' })
  publishedOn?: string;

  @Field(() => String, { nullable: true, description: 'Issuing body.' })
  issuingBody?: string;

  @Field(() => String, { nullable: true, description: 'What it says on cybercrime.' })
  summary?: string;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'Terms of use of the source.' })
  licence?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

const CASE_TAGS = [
  ['crimeTypes', CodeList.CRIME_TYPE],
  ['offenceCategories', CodeList.OFFENCE_CATEGORY],
  ['crossCuttingIssues', CodeList.CROSS_CUTTING_ISSUE],
] as const;
const LESSON_TAGS = [
  ['crimeTypes', CodeList.CRIME_TYPE],
  ['offenceCategories', CodeList.OFFENCE_CATEGORY],
] as const;

function checkOneOf(
  problems: InvalidField[],
  field: string,
  value: string | undefined | null,
  allowed: readonly string[],
) {
  if (value !== undefined && value !== null && !allowed.includes(value)) {
    problems.push({ field, message: `must be one of ${allowed.join(', ')}; got "${value}"` });
  }
}

/** The year of a decision: as given, else the year of its date; both must agree. */
function checkDateYear(
  problems: InvalidField[],
  dateField: string,
  date: string | undefined | null,
  year: number | undefined | null,
): number | undefined {
  checkYear(problems, 'input.year', year);
  const ofDate = date ? Number(date.slice(0, 4)) : undefined;
  if (ofDate !== undefined && year !== undefined && year !== null && year !== ofDate) {
    problems.push({ field: 'input.year', message: `is not the year of ${dateField} (${ofDate})` });
  }
  return year ?? ofDate;
}

async function checkCaseInput(ctx: LawsContext, input: UpdateCaseLawInput, required: boolean) {
  const problems: InvalidField[] = [];
  const text = {
    court: checkText(problems, 'input.court', input.court, MAX_NAME, required),
    case_name: checkText(problems, 'input.caseName', input.caseName, MAX_NAME, required),
    case_number: checkText(problems, 'input.caseNumber', input.caseNumber, 200, false),
    fact_summary: checkText(
      problems,
      'input.factSummary',
      input.factSummary,
      MAX_SUMMARY,
      required,
    ),
    source: checkText(problems, 'input.source', input.source, MAX_SOURCE, required),
    licence: checkText(problems, 'input.licence', input.licence, 500, false),
    notes: checkText(problems, 'input.notes', input.notes, MAX_SUMMARY, false),
  };
  if (required && input.jurisdictionLevel == null) {
    problems.push({ field: 'input.jurisdictionLevel', message: 'is required' });
  }
  checkOneOf(problems, 'input.jurisdictionLevel', input.jurisdictionLevel, JURISDICTION_LEVELS);
  if (input.countryIso3s && (input.countryIso3s.length === 0 || input.countryIso3s.length > 60)) {
    problems.push({ field: 'input.countryIso3s', message: 'must list between 1 and 60 States' });
  }
  if (input.legislationIds && input.legislationIds.length > MAX_TAGS) {
    problems.push({ field: 'input.legislationIds', message: `at most ${MAX_TAGS} laws` });
  }
  const year = checkDateYear(problems, 'input.decisionDate', input.decisionDate, input.year);
  await checkCodeTags(ctx, input, CASE_TAGS, problems);
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
  for (const iso3 of input.countryIso3s ?? []) {
    if (!countries.isValid(iso3)) {
      throw notFound('Country', iso3, 'input.countryIso3s');
    }
  }
  // A law the viewer may not see is NOT_FOUND, naming no country.
  for (const id of input.legislationIds ?? []) {
    const law = await ctx.loaders.legislationById.load(id);
    if (!law || !isVisible(ctx.viewer, law)) {
      throw notFound('Legislation', id, 'input.legislationIds');
    }
  }
  return { ...text, year };
}

async function checkLessonInput(
  ctx: LawsContext,
  input: UpdateLessonLearnedInput & { countryIso3?: string | null },
  required: boolean,
) {
  const problems: InvalidField[] = [];
  const text = {
    title: checkText(problems, 'input.title', input.title, MAX_NAME, required),
    issuing_body: checkText(problems, 'input.issuingBody', input.issuingBody, MAX_NAME, false),
    summary: checkText(problems, 'input.summary', input.summary, MAX_SUMMARY, required),
    source: checkText(problems, 'input.source', input.source, MAX_SOURCE, required),
    licence: checkText(problems, 'input.licence', input.licence, 500, false),
    notes: checkText(problems, 'input.notes', input.notes, MAX_SUMMARY, false),
  };
  if (required && input.documentType == null) {
    problems.push({ field: 'input.documentType', message: 'is required' });
  }
  checkOneOf(problems, 'input.documentType', input.documentType, DOCUMENT_TYPES);
  if (
    input.categories &&
    (input.categories.length > MAX_TAGS ||
      input.categories.some((c) => !c.trim() || c.trim().length > 100))
  ) {
    problems.push({
      field: 'input.categories',
      message: `at most ${MAX_TAGS} categories of 1–100 characters`,
    });
  }
  const year = checkDateYear(problems, 'input.publishedOn', input.publishedOn, input.year);
  await checkCodeTags(ctx, input, LESSON_TAGS, problems);
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
  if (input.countryIso3 && !countries.isValid(input.countryIso3)) {
    throw notFound('Country', input.countryIso3, 'input.countryIso3');
  }
  return { ...text, year };
}

function caseInvalidation(after: CaseLaw, before?: CaseLaw) {
  const states = [...new Set([...after.countryIso3s, ...(before?.countryIso3s ?? [])])];
  return {
    keys: [
      LAWS_CACHE.caseById.key(after.id),
      ...states.map((iso3) => LAWS_CACHE.casesByCountry.key(iso3)),
    ],
    tags: ['CaseLaw', `CaseLaw:${after.id}`, ...states.map((iso3) => `Country:${iso3}`)],
  };
}

function lessonInvalidation(after: LessonLearned, before?: LessonLearned) {
  const states = [
    ...new Set([after.countryIso3, before?.countryIso3].filter((c): c is string => !!c)),
  ];
  return {
    keys: [
      LAWS_CACHE.lessonById.key(after.id),
      ...states.map((iso3) => LAWS_CACHE.lessonsByCountry.key(iso3)),
    ],
    tags: [
      'LessonLearned',
      `LessonLearned:${after.id}`,
      ...states.map((iso3) => `Country:${iso3}`),
    ],
  };
}

/** A change by a non-editor to an existing case: the kernel's rule, scoped to its States. */
function assertMayChangeCase(ctx: LawsContext, record: CaseLaw): void {
  const own = ctx.viewer.countryIso3 && record.countryIso3s.includes(ctx.viewer.countryIso3);
  assertMayChange(ctx.viewer, {
    entityType: 'CaseLaw',
    id: record.id,
    field: 'id',
    reviewStatus: record.reviewStatus,
    scope: { countryIso3: own ? ctx.viewer.countryIso3 : (record.countryIso3s[0] ?? null) },
  });
}

const slug = () => randomUUID().slice(0, 8).toUpperCase();

@Resolver()
export class CaseLawWriteResolver {
  @Authorized('editor', 'state_focal_point')
  @Mutation(() => CaseLaw, {
    description:
      'Adds a court decision. Editors publish at once; a focal point proposes a decision concerning its own State, which waits in PENDING_REVIEW, unseen by the public, until an editor reviews it. Audited.',
  })
  async createCaseLaw(
    @Arg('input', () => CreateCaseLawInput, { description: 'The decision to record.' })
    input: CreateCaseLawInput,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    const editor = isEditor(ctx.viewer);
    if (!editor && !input.countryIso3s.includes(ctx.viewer.countryIso3 ?? '')) {
      throw forbiddenField(
        'input.countryIso3s',
        `a focal point for ${ctx.viewer.countryIso3 ?? '?'} may propose decisions concerning that State only`,
      );
    }
    const checked = await checkCaseInput(ctx, input, true);
    const row: NewCaseLawRow = {
      id: `${input.countryIso3s[0]}-CASE-${slug()}`,
      country_iso3s: [...new Set(input.countryIso3s)],
      court: checked.court ?? '',
      jurisdiction_level: input.jurisdictionLevel,
      case_name: checked.case_name ?? '',
      case_number: checked.case_number ?? null,
      decision_date: input.decisionDate ?? null,
      year: checked.year ?? null,
      crime_types: input.crimeTypes ?? [],
      offence_categories: input.offenceCategories ?? [],
      cross_cutting_issues: input.crossCuttingIssues ?? [],
      legislation_ids: input.legislationIds ?? [],
      fact_summary: checked.fact_summary ?? '',
      source: checked.source ?? '',
      licence: checked.licence ?? null,
      confidence: CONFIDENCE_TEXT[input.confidence ?? Confidence.TO_VERIFY],
      notes: checked.notes ?? null,
      review_status: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
    };
    return runWrite(ctx, async (trx) => {
      const created = await insertCase(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'CaseLaw',
            entityId: created.id,
            action: editor ? 'CREATE' : 'SUBMIT',
            before: null,
            after: created,
          },
        ],
        invalidate: caseInvalidation(created),
      };
    });
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => CaseLaw, {
    description:
      'Changes a court decision. A focal point may change its own State’s proposals that are not yet published; the change waits for review. Audited.',
  })
  async updateCaseLaw(
    @Arg('id', () => ID, { description: 'The decision.' }) id: string,
    @Arg('input', () => UpdateCaseLawInput, {
      description: 'The fields to change; omitted fields keep their value.',
    })
    input: UpdateCaseLawInput,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    const editor = isEditor(ctx.viewer);
    const checked = await checkCaseInput(ctx, input, false);
    return runWrite(ctx, async (trx) => {
      const before = await findCaseForUpdate(trx, id);
      if (!before) {
        throw notFound('CaseLaw', id, 'id');
      }
      assertMayChangeCase(ctx, before);
      if (
        !editor &&
        input.countryIso3s &&
        !input.countryIso3s.includes(ctx.viewer.countryIso3 ?? '')
      ) {
        throw forbiddenField(
          'input.countryIso3s',
          'a focal point keeps its own State among the States concerned',
        );
      }
      const after = await updateCaseRow(
        trx,
        id,
        patchOf({
          country_iso3s: input.countryIso3s ? [...new Set(input.countryIso3s)] : undefined,
          court: checked.court,
          jurisdiction_level: input.jurisdictionLevel ?? undefined,
          case_name: checked.case_name,
          case_number: checked.case_number,
          decision_date: input.decisionDate ?? undefined,
          year: checked.year,
          crime_types: input.crimeTypes ?? undefined,
          offence_categories: input.offenceCategories ?? undefined,
          cross_cutting_issues: input.crossCuttingIssues ?? undefined,
          legislation_ids: input.legislationIds ?? undefined,
          fact_summary: checked.fact_summary,
          source: checked.source,
          licence: checked.licence,
          confidence: input.confidence != null ? CONFIDENCE_TEXT[input.confidence] : undefined,
          notes: checked.notes,
          review_status: editor ? undefined : ReviewStatus.PENDING_REVIEW,
        }),
      );
      return {
        result: after,
        audit: [{ entityType: 'CaseLaw', entityId: id, action: 'UPDATE', before, after }],
        invalidate: caseInvalidation(after, before),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => CaseLaw, {
    description:
      'An editor’s decision on a court decision: PUBLISHED accepts a proposal, REJECTED refuses it (kept for the audit trail, never public), ARCHIVED withdraws a record (kept for history, hidden from all but editors). Nothing is deleted. Editors only; audited.',
  })
  async reviewCaseLaw(
    @Arg('id', () => ID, { description: 'The decision.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    await runReview(ctx, {
      entityType: 'CaseLaw',
      id,
      decision,
      lock: (trx) => lockCaseRow(trx, id),
      set: (trx) => setReviewStatus(trx, 'case_law', id, decision),
      invalidate: (locked) => ({
        keys: [
          LAWS_CACHE.caseById.key(id),
          ...locked.country_iso3s.map((iso3) => LAWS_CACHE.casesByCountry.key(iso3)),
        ],
        tags: ['CaseLaw', `CaseLaw:${id}`, ...locked.country_iso3s.map((c) => `Country:${c}`)],
      }),
    });
    ctx.loaders.caseById.clear(id);
    const found = await ctx.loaders.caseById.load(id);
    if (!found) {
      throw notFound('CaseLaw', id, 'id');
    }
    return found;
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => LessonLearned, {
    description:
      'Adds a lesson-learned source. Editors publish at once; a focal point proposes a source of its own State, which waits in PENDING_REVIEW until an editor reviews it. Audited.',
  })
  async createLessonLearned(
    @Arg('input', () => CreateLessonLearnedInput, { description: 'The lesson to record.' })
    input: CreateLessonLearnedInput,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    const editor = isEditor(ctx.viewer);
    if (!editor && (!input.countryIso3 || input.countryIso3 !== ctx.viewer.countryIso3)) {
      throw forbiddenField(
        'input.countryIso3',
        `a focal point for ${ctx.viewer.countryIso3 ?? '?'} may propose sources of that State only`,
      );
    }
    const checked = await checkLessonInput(ctx, input, true);
    const row: NewLessonLearnedRow = {
      id: `${input.countryIso3 ?? 'REG'}-LESSON-${slug()}`,
      country_iso3: input.countryIso3 ?? null,
      title: checked.title ?? '',
      document_type: input.documentType,
      year: checked.year ?? null,
      published_on: input.publishedOn ?? null,
      issuing_body: checked.issuing_body ?? null,
      categories: (input.categories ?? []).map((c) => c.trim()),
      crime_types: input.crimeTypes ?? [],
      offence_categories: input.offenceCategories ?? [],
      summary: checked.summary ?? '',
      source: checked.source ?? '',
      licence: checked.licence ?? null,
      confidence: CONFIDENCE_TEXT[input.confidence ?? Confidence.TO_VERIFY],
      notes: checked.notes ?? null,
      review_status: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
    };
    return runWrite(ctx, async (trx) => {
      const created = await insertLesson(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'LessonLearned',
            entityId: created.id,
            action: editor ? 'CREATE' : 'SUBMIT',
            before: null,
            after: created,
          },
        ],
        invalidate: lessonInvalidation(created),
      };
    });
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => LessonLearned, {
    description:
      'Changes a lesson-learned source. A focal point may change its own State’s proposals that are not yet published; the change waits for review. Audited.',
  })
  async updateLessonLearned(
    @Arg('id', () => ID, { description: 'The lesson-learned source.' }) id: string,
    @Arg('input', () => UpdateLessonLearnedInput, {
      description: 'The fields to change; omitted fields keep their value.',
    })
    input: UpdateLessonLearnedInput,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    const editor = isEditor(ctx.viewer);
    const checked = await checkLessonInput(ctx, input, false);
    return runWrite(ctx, async (trx) => {
      const before = await findLessonForUpdate(trx, id);
      if (!before) {
        throw notFound('LessonLearned', id, 'id');
      }
      assertMayChange(ctx.viewer, {
        entityType: 'LessonLearned',
        id,
        field: 'id',
        reviewStatus: before.reviewStatus,
        scope: { countryIso3: before.countryIso3 },
      });
      const after = await updateLessonRow(
        trx,
        id,
        patchOf({
          title: checked.title,
          document_type: input.documentType ?? undefined,
          year: checked.year,
          published_on: input.publishedOn ?? undefined,
          issuing_body: checked.issuing_body,
          categories: input.categories?.map((c) => c.trim()) ?? undefined,
          crime_types: input.crimeTypes ?? undefined,
          offence_categories: input.offenceCategories ?? undefined,
          summary: checked.summary,
          source: checked.source,
          licence: checked.licence,
          confidence: input.confidence != null ? CONFIDENCE_TEXT[input.confidence] : undefined,
          notes: checked.notes,
          review_status: editor ? undefined : ReviewStatus.PENDING_REVIEW,
        }),
      );
      return {
        result: after,
        audit: [{ entityType: 'LessonLearned', entityId: id, action: 'UPDATE', before, after }],
        invalidate: lessonInvalidation(after, before),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => LessonLearned, {
    description:
      'An editor’s decision on a lesson-learned source: PUBLISHED accepts a proposal, REJECTED refuses it, ARCHIVED withdraws a record (kept for history). Nothing is deleted. Editors only; audited.',
  })
  async reviewLessonLearned(
    @Arg('id', () => ID, { description: 'The lesson-learned source.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    await runReview(ctx, {
      entityType: 'LessonLearned',
      id,
      decision,
      lock: (trx) => lockLessonRow(trx, id),
      set: (trx) => setReviewStatus(trx, 'lesson_learned', id, decision),
      invalidate: (locked) => ({
        keys: [
          LAWS_CACHE.lessonById.key(id),
          ...(locked.country_iso3 ? [LAWS_CACHE.lessonsByCountry.key(locked.country_iso3)] : []),
        ],
        tags: [
          'LessonLearned',
          `LessonLearned:${id}`,
          ...(locked.country_iso3 ? [`Country:${locked.country_iso3}`] : []),
        ],
      }),
    });
    ctx.loaders.lessonById.clear(id);
    const found = await ctx.loaders.lessonById.load(id);
    if (!found) {
      throw notFound('LessonLearned', id, 'id');
    }
    return found;
  }
}
