import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import { sourcedOf } from '../../schema/sourced.js';
import { patchOf } from '../../schema/writes.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type { CreateCaseLawInput, UpdateCaseLawInput } from './case-law.input.js';
import type { CaseLawRow, LawsTables, LessonLearnedRow, NewCaseLawRow } from './laws.table.js';

type Db = Kysely<LawsTables>;
type Trx = Transaction<LawsTables>;
type CaseChanges = Partial<Omit<NewCaseLawRow, 'id'>>;

const slug = () => randomUUID().slice(0, 8).toUpperCase();

// Cases and lessons learned read by id and country, and their writes. Their search is in
// case-law-search.repository.ts.

export const CASE_COLUMNS = [
  'id',
  'country_iso3s',
  'court',
  'jurisdiction_level',
  'case_name',
  'case_number',
  'decision_date',
  'year',
  'crime_types',
  'offence_categories',
  'cross_cutting_issues',
  'legislation_ids',
  'fact_summary',
  'source',
  'licence',
  'confidence',
  'notes',
  'review_status',
] as const;

export const LESSON_COLUMNS = [
  'id',
  'country_iso3',
  'title',
  'document_type',
  'year',
  'published_on',
  'issuing_body',
  'categories',
  'crime_types',
  'offence_categories',
  'summary',
  'source',
  'licence',
  'confidence',
  'notes',
  'review_status',
] as const;

export type CaseSelection = Pick<CaseLawRow, (typeof CASE_COLUMNS)[number]>;
export type LessonSelection = Pick<LessonLearnedRow, (typeof LESSON_COLUMNS)[number]>;

export function toCaseLaw(row: CaseSelection): CaseLaw {
  return {
    id: row.id,
    countryIso3s: row.country_iso3s,
    court: row.court,
    jurisdictionLevel: row.jurisdiction_level,
    caseName: row.case_name,
    caseNumber: row.case_number,
    decisionDate: row.decision_date,
    year: row.year,
    factSummary: row.fact_summary,
    licence: row.licence,
    ...sourcedOf(row),
    crimeTypeCodes: row.crime_types,
    offenceCategoryCodes: row.offence_categories,
    crossCuttingIssueCodes: row.cross_cutting_issues,
    legislationIds: row.legislation_ids,
  };
}

export function toLessonLearned(row: LessonSelection): LessonLearned {
  return {
    id: row.id,
    countryIso3: row.country_iso3,
    title: row.title,
    documentType: row.document_type,
    year: row.year,
    publishedOn: row.published_on,
    issuingBody: row.issuing_body,
    categories: row.categories,
    summary: row.summary,
    licence: row.licence,
    ...sourcedOf(row),
    crimeTypeCodes: row.crime_types,
    offenceCategoryCodes: row.offence_categories,
  };
}

/** Every case, all review states (callers filter by viewer), newest first. */
export async function findCases(db: Db): Promise<CaseLaw[]> {
  const rows = await db
    .selectFrom('case_law')
    .select(CASE_COLUMNS)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toCaseLaw);
}

export async function findCasesByIds(db: Db, ids: readonly string[]): Promise<CaseLaw[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('case_law')
    .select(CASE_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toCaseLaw);
}

/** Cases concerning any of the countries (a regional case may concern several). */
export async function findCasesByCountries(db: Db, iso3s: readonly string[]): Promise<CaseLaw[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('case_law')
    .select(CASE_COLUMNS)
    .where(sql<boolean>`country_iso3s && ${[...iso3s]}::text[]`)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toCaseLaw);
}

/** Every lesson, all review states (callers filter by viewer), newest first. */
export async function findLessons(db: Db): Promise<LessonLearned[]> {
  const rows = await db
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toLessonLearned);
}

export async function findLessonsByIds(db: Db, ids: readonly string[]): Promise<LessonLearned[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toLessonLearned);
}

export async function findLessonsByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<LessonLearned[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toLessonLearned);
}

// ---------------------------------------------------------------------------------------------
// Writes (inside runWrite's transaction)

export async function findCaseForUpdate(trx: Trx, id: string): Promise<CaseLaw | undefined> {
  const row = await trx
    .selectFrom('case_law')
    .select(CASE_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toCaseLaw(row) : undefined;
}

/** A case under a lock, for `runReview` (which reads `review_status`). */
export async function lockCaseForReview(
  trx: Trx,
  id: string,
): Promise<{ review_status: string; record: CaseLaw } | undefined> {
  const row = await trx
    .selectFrom('case_law')
    .select(CASE_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && { review_status: row.review_status, record: toCaseLaw(row) };
}

/** A new decision's row; its id is its first State's code and a random slug. */
export function toCaseRow(input: CreateCaseLawInput, reviewStatus: ReviewStatus): NewCaseLawRow {
  return {
    id: `${input.countryIso3s[0]}-CASE-${slug()}`,
    country_iso3s: input.countryIso3s,
    court: input.court,
    jurisdiction_level: input.jurisdictionLevel,
    case_name: input.caseName,
    case_number: input.caseNumber ?? null,
    decision_date: input.decisionDate ?? null,
    year: input.year ?? null,
    crime_types: input.crimeTypes ?? [],
    offence_categories: input.offenceCategories ?? [],
    cross_cutting_issues: input.crossCuttingIssues ?? [],
    legislation_ids: input.legislationIds ?? [],
    fact_summary: input.factSummary,
    source: input.source,
    licence: input.licence ?? null,
    confidence: fromConfidence(input.confidence),
    notes: input.notes ?? null,
    review_status: reviewStatus,
  };
}

/** The columns a change sets: omitted and null fields both keep their stored value. */
export function toCaseChanges(
  input: UpdateCaseLawInput,
  reviewStatus: ReviewStatus | undefined,
): CaseChanges {
  return patchOf({
    country_iso3s: input.countryIso3s ?? undefined,
    court: input.court ?? undefined,
    jurisdiction_level: input.jurisdictionLevel ?? undefined,
    case_name: input.caseName ?? undefined,
    case_number: input.caseNumber ?? undefined,
    decision_date: input.decisionDate ?? undefined,
    year: input.year ?? undefined,
    crime_types: input.crimeTypes ?? undefined,
    offence_categories: input.offenceCategories ?? undefined,
    cross_cutting_issues: input.crossCuttingIssues ?? undefined,
    legislation_ids: input.legislationIds ?? undefined,
    fact_summary: input.factSummary ?? undefined,
    source: input.source ?? undefined,
    licence: input.licence ?? undefined,
    confidence: input.confidence == null ? undefined : fromConfidence(input.confidence),
    notes: input.notes ?? undefined,
    review_status: reviewStatus,
  });
}

export async function insertCase(trx: Trx, row: NewCaseLawRow): Promise<CaseLaw> {
  const inserted = await trx
    .insertInto('case_law')
    .values(row)
    .returning(CASE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toCaseLaw(inserted);
}

export async function updateCase(trx: Trx, id: string, changes: CaseChanges): Promise<CaseLaw> {
  const updated = await trx
    .updateTable('case_law')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(CASE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toCaseLaw(updated);
}

/** Sets a case's review status (runReview's `set`). */
export async function setCaseReviewStatus(trx: Trx, id: string, status: string): Promise<void> {
  await trx
    .updateTable('case_law')
    .set({ review_status: status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
