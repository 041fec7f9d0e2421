import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { headlineOptions, htmlSafeSnippet } from '../../schema/snippet.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import { CASE_COLUMNS, LESSON_COLUMNS, toCaseLaw, toLessonLearned } from './case-law.repository.js';
import type { LawsTables } from './laws.table.js';
import type { Visibility } from './legislation-search.repository.js';
import { rankOf, snippetOf, textMatches } from './text-search.repository.js';

// The search of cases and lessons learned (the laws subgraph's one full-text search:
// ./text-search.repository.ts): filtered, ranked pages with keyset cursors, and their counts.

type Db = Kysely<LawsTables>;

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
type CaseCursor = readonly [rank: number, id: string];

const array = (values: readonly string[]) => sql`${[...values]}::text[]`;

function visibleWhere(
  status: RawBuilder<unknown>,
  countries: RawBuilder<string[]>,
  v: Visibility,
): RawBuilder<SqlBool> {
  if (v.kind === 'editor') {
    return sql<SqlBool>`${status} <> 'ARCHIVED'`;
  }
  if (v.kind === 'country') {
    return sql<SqlBool>`(${status} = 'PUBLISHED' or (${countries} @> ${array([v.iso3])} and ${status} in ('PENDING_REVIEW', 'REJECTED')))`;
  }
  return sql<SqlBool>`${status} = 'PUBLISHED'`;
}

/**
 * The conditions both lists share. A case concerns several States (`country_iso3s`), a lesson
 * one or none (`country_iso3`); `countries` is the SQL array of the record's States.
 */
function conditions(
  alias: 'c' | 's',
  countries: RawBuilder<string[]>,
  yearColumn: string,
  values: CaseSearchValues,
): RawBuilder<SqlBool> {
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  const c = [visibleWhere(ref('review_status'), countries, values.visibility)];
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
  return sql<SqlBool>`${sql.join(c, sql` and `)}`;
}

const caseConditions = (values: CaseSearchValues) =>
  conditions('c', sql<string[]>`c.country_iso3s`, 'decision_date', values);
// A lesson's one State as an array (a lesson with none: {NULL}, which overlaps nothing).
const lessonConditions = (values: CaseSearchValues) =>
  conditions('s', sql<string[]>`array[s.country_iso3::text]`, 'published_on', values);

function afterCursor(alias: 'c' | 's', rank: RawBuilder<number>, [r, id]: CaseCursor) {
  const key = sql.ref(`${alias}.id`);
  return sql<SqlBool>`(${rank} < ${r} or (${rank} = ${r} and ${key} > ${id}))`;
}

const safeSnippet = (snippet: string | null) =>
  snippet === null ? null : htmlSafeSnippet(snippet);

interface CaseHit {
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
  const document = sql<string>`c.case_name || ' — ' || c.fact_summary`;
  let q = db
    .selectFrom('case_law as c')
    .select(CASE_COLUMNS.map((col) => `c.${col}` as const))
    .select(rank.as('rank'))
    .select(snippetOf(document, values.texts, headlineOptions('MaxFragments=2')).as('snippet'))
    .where(caseConditions(values))
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('c.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('c', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    caseLaw: toCaseLaw(row),
    rank: Number(row.rank),
    snippet: safeSnippet(row.snippet),
  }));
}

export async function countCases(db: Db, values: CaseSearchValues): Promise<number> {
  const row = await db
    .selectFrom('case_law as c')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(caseConditions(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

interface LessonHit {
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
  const document = sql<string>`s.title || ' — ' || s.summary`;
  let q = db
    .selectFrom('lesson_learned as s')
    .select(LESSON_COLUMNS.map((col) => `s.${col}` as const))
    .select(rank.as('rank'))
    .select(snippetOf(document, values.texts, headlineOptions('MaxFragments=2')).as('snippet'))
    .where(lessonConditions(values))
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('s.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('s', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    lesson: toLessonLearned(row),
    rank: Number(row.rank),
    snippet: safeSnippet(row.snippet),
  }));
}

export async function countLessons(db: Db, values: CaseSearchValues): Promise<number> {
  const row = await db
    .selectFrom('lesson_learned as s')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(lessonConditions(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
