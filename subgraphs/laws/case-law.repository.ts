import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence, toConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import { headlineOptions, htmlSafeSnippet } from '../../schema/snippet.js';
import { patchOf } from '../../schema/writes.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type { CreateCaseLawInput, UpdateCaseLawInput } from './case-law.input.js';
import type { CaseLawRow, LawsTables, LessonLearnedRow, NewCaseLawRow } from './laws.table.js';
import type { Visibility } from './legislation.repository.js';
import { rankOf, snippetOf, textMatches } from './text-search.js';

type Db = Kysely<LawsTables>;
type Trx = Transaction<LawsTables>;
type CaseChanges = Partial<Omit<NewCaseLawRow, 'id'>>;

const slug = () => randomUUID().slice(0, 8).toUpperCase();

const CASE_COLUMNS = [
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
    source: row.source,
    licence: row.licence,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    reviewStatus: row.review_status as ReviewStatus,
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
    source: row.source,
    licence: row.licence,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    reviewStatus: row.review_status as ReviewStatus,
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
// Search (the laws subgraph's one full-text search: ./text-search.ts)

export interface CaseSearchValues {
  /** The search text and its variants (search_synonym), accent-folded; a row matches any. */
  readonly texts?: readonly string[] | undefined;
  readonly countryIso3s?: readonly string[] | undefined;
  readonly offenceCategoryCodes?: readonly string[] | undefined;
  readonly crimeTypeCodes?: readonly string[] | undefined;
  /** Lessons only: lesson categories, any of them. */
  readonly categories?: readonly string[] | undefined;
  readonly yearFrom?: number | undefined;
  readonly yearTo?: number | undefined;
  readonly visibility: Visibility;
}

/** A page's keyset: rank (highest first), then id. */
export type CaseCursor = readonly [rank: number, id: string];

type SearchDb = LawsTables & { c: LawsTables['case_law']; s: LawsTables['lesson_learned'] };

const array = (values: readonly string[]) => sql`${[...values]}::text[]`;

/**
 * The conditions both lists share. A case concerns several States (`country_iso3s`), a lesson
 * one or none (`country_iso3`); `countries` is the SQL array of the record's States.
 */
function conditions(
  alias: 'c' | 's',
  countries: RawBuilder<string[]>,
  yearColumn: string,
  values: CaseSearchValues,
): RawBuilder<SqlBool>[] {
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  const status = ref('review_status');
  const c: RawBuilder<SqlBool>[] = [];
  const v = values.visibility;
  if (v.kind === 'editor') {
    c.push(sql<SqlBool>`${status} <> 'ARCHIVED'`);
  } else if (v.kind === 'country') {
    c.push(
      sql<SqlBool>`(${status} = 'PUBLISHED' or (${countries} @> ${array([v.iso3])} and ${status} in ('PENDING_REVIEW', 'REJECTED')))`,
    );
  } else {
    c.push(sql<SqlBool>`${status} = 'PUBLISHED'`);
  }
  if (values.texts) {
    c.push(textMatches(alias, values.texts));
  }
  if (values.countryIso3s) {
    c.push(sql<SqlBool>`${countries} && ${array(values.countryIso3s)}`);
  }
  if (values.offenceCategoryCodes) {
    c.push(sql<SqlBool>`${ref('offence_categories')} && ${array(values.offenceCategoryCodes)}`);
  }
  if (values.crimeTypeCodes) {
    c.push(sql<SqlBool>`${ref('crime_types')} && ${array(values.crimeTypeCodes)}`);
  }
  if (values.categories) {
    c.push(sql<SqlBool>`${ref('categories')} && ${array(values.categories)}`);
  }
  // The year of the record, else the year of its date.
  const year = sql<number>`coalesce(${ref('year')}, extract(year from ${ref(yearColumn)})::int)`;
  if (values.yearFrom !== undefined) {
    c.push(sql<SqlBool>`${year} >= ${values.yearFrom}`);
  }
  if (values.yearTo !== undefined) {
    c.push(sql<SqlBool>`${year} <= ${values.yearTo}`);
  }
  return c;
}

const caseConditions = (values: CaseSearchValues) =>
  sql<SqlBool>`${sql.join(
    conditions('c', sql<string[]>`c.country_iso3s`, 'decision_date', values),
    sql` and `,
  )}`;
// A lesson's one State as an array (a lesson with none: {NULL}, which overlaps nothing).
const lessonConditions = (values: CaseSearchValues) =>
  sql<SqlBool>`${sql.join(
    conditions('s', sql<string[]>`array[s.country_iso3::text]`, 'published_on', values),
    sql` and `,
  )}`;

function afterCursor(alias: 'c' | 's', rank: ReturnType<typeof rankOf>, [r, id]: CaseCursor) {
  const key = sql.ref(`${alias}.id`);
  return sql<SqlBool>`(${rank} < ${r} or (${rank} = ${r} and ${key} > ${id}))`;
}

export interface CaseHit {
  readonly caseLaw: CaseLaw;
  /** ts_rank × 10⁶ (0 without a search text). */
  readonly rank: number;
  readonly snippet: string | null;
}

/**
 * One page of cases, by rank (highest first) when searching, then id; reads `limit + 1` rows and
 * continues after `after` with a keyset condition, never OFFSET.
 */
export async function searchCasesPage(
  db: Db,
  values: CaseSearchValues,
  limit: number,
  after: CaseCursor | undefined,
): Promise<CaseHit[]> {
  const rank = rankOf('c', values.texts);
  const sdb = db as unknown as Kysely<SearchDb>;
  let q = sdb
    .selectFrom('case_law as c')
    .select(CASE_COLUMNS.map((col) => `c.${col}` as const))
    .select(rank.as('rank'))
    .select(
      snippetOf(
        sql<string>`c.case_name || ' — ' || c.fact_summary`,
        values.texts,
        headlineOptions('MaxFragments=2'),
      ).as('snippet'),
    )
    .where(caseConditions(values))
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('c.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('c', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    caseLaw: toCaseLaw(row as unknown as CaseSelection),
    rank: Number(row.rank),
    snippet: row.snippet === null ? null : htmlSafeSnippet(row.snippet),
  }));
}

export async function countCases(db: Db, values: CaseSearchValues): Promise<number> {
  const sdb = db as unknown as Kysely<SearchDb>;
  const row = await sdb
    .selectFrom('case_law as c')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(caseConditions(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface LessonHit {
  readonly lesson: LessonLearned;
  readonly rank: number;
  readonly snippet: string | null;
}

/** Like `searchCasesPage`, over lessons learned (title, issuing body, summary, notes). */
export async function searchLessonsPage(
  db: Db,
  values: CaseSearchValues,
  limit: number,
  after: CaseCursor | undefined,
): Promise<LessonHit[]> {
  const rank = rankOf('s', values.texts);
  const sdb = db as unknown as Kysely<SearchDb>;
  let q = sdb
    .selectFrom('lesson_learned as s')
    .select(LESSON_COLUMNS.map((col) => `s.${col}` as const))
    .select(rank.as('rank'))
    .select(
      snippetOf(
        sql<string>`s.title || ' — ' || s.summary`,
        values.texts,
        headlineOptions('MaxFragments=2'),
      ).as('snippet'),
    )
    .where(lessonConditions(values))
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('s.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('s', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    lesson: toLessonLearned(row as unknown as LessonSelection),
    rank: Number(row.rank),
    snippet: row.snippet === null ? null : htmlSafeSnippet(row.snippet),
  }));
}

export async function countLessons(db: Db, values: CaseSearchValues): Promise<number> {
  const sdb = db as unknown as Kysely<SearchDb>;
  const row = await sdb
    .selectFrom('lesson_learned as s')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(lessonConditions(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
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
