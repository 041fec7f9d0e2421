import { sql, type Kysely, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { sourcedOf } from '../../schema/sourced.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type {
  CaseLawRow,
  LawsTables,
  LessonLearnedRow,
  NewCaseLawRow,
  NewLessonLearnedRow,
} from './laws.table.js';

type Db = Kysely<LawsTables>;
type Trx = Transaction<LawsTables>;

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

/** The row under a lock, for `runReview` (which reads `review_status`). */
export async function lockCaseRow(trx: Trx, id: string): Promise<CaseSelection | undefined> {
  return trx
    .selectFrom('case_law')
    .select(CASE_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertCase(trx: Trx, row: NewCaseLawRow): Promise<CaseLaw> {
  const inserted = await trx
    .insertInto('case_law')
    .values(row)
    .returning(CASE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toCaseLaw(inserted);
}

export async function updateCaseRow(
  trx: Trx,
  id: string,
  changes: Partial<NewCaseLawRow>,
): Promise<CaseLaw> {
  const updated = await trx
    .updateTable('case_law')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(CASE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toCaseLaw(updated);
}

export async function findLessonForUpdate(
  trx: Trx,
  id: string,
): Promise<LessonLearned | undefined> {
  const row = await trx
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toLessonLearned(row) : undefined;
}

export async function lockLessonRow(trx: Trx, id: string): Promise<LessonSelection | undefined> {
  return trx
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertLesson(trx: Trx, row: NewLessonLearnedRow): Promise<LessonLearned> {
  const inserted = await trx
    .insertInto('lesson_learned')
    .values(row)
    .returning(LESSON_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLessonLearned(inserted);
}

export async function updateLessonRow(
  trx: Trx,
  id: string,
  changes: Partial<NewLessonLearnedRow>,
): Promise<LessonLearned> {
  const updated = await trx
    .updateTable('lesson_learned')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(LESSON_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLessonLearned(updated);
}

/** Sets a review status (runReview's `set`). */
export async function setReviewStatus(
  trx: Trx,
  table: 'case_law' | 'lesson_learned',
  id: string,
  status: string,
): Promise<void> {
  await trx
    .updateTable(table)
    .set({ review_status: status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
