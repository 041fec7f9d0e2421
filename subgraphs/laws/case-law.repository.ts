import { sql, type Kysely } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import type { CaseLawRow, LawsTables, LessonLearnedRow } from './laws.table.js';

type Db = Kysely<LawsTables>;

export function toCaseLaw(row: CaseLawRow): CaseLaw {
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
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    crimeTypeCodes: row.crime_types,
    offenceCategoryCodes: row.offence_categories,
    crossCuttingIssueCodes: row.cross_cutting_issues,
    legislationIds: row.legislation_ids,
  };
}

export function toLessonLearned(row: LessonLearnedRow): LessonLearned {
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
    confidence: toConfidence(row.confidence),
    notes: row.notes,
  };
}

export async function findCases(db: Db): Promise<CaseLaw[]> {
  const rows = await db
    .selectFrom('case_law')
    .selectAll()
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
    .selectAll()
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
    .selectAll()
    .where(sql<boolean>`country_iso3s && ${[...iso3s]}::text[]`)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toCaseLaw);
}

export async function findLessons(db: Db): Promise<LessonLearned[]> {
  const rows = await db
    .selectFrom('lesson_learned')
    .selectAll()
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
    .selectAll()
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
    .selectAll()
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toLessonLearned);
}
