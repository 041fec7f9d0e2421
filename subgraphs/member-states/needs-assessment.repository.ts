import { sql, type Kysely } from 'kysely';
import { groupByKey } from '../../loaders/keyed.js';
import type { GpcArea } from '../../schema/gpc.js';
import type { MemberStatesTables } from './country.table.js';
import {
  type Confidentiality,
  type NeedsAssessment,
  type NeedsFinding,
  type Severity,
} from './needs-assessment.entity.js';
import type { NeedsAssessmentRow, NeedsFindingRow } from './needs-assessment.table.js';

type Db = Kysely<MemberStatesTables>;

export interface NeedsAssessmentFilterValues {
  countryIso3s?: readonly string[] | undefined;
  confidentiality?: Confidentiality | undefined;
  area?: GpcArea | undefined;
  synthetic?: boolean | undefined;
}

export function toNeedsAssessment(
  row: NeedsAssessmentRow,
  findings: readonly NeedsFindingRow[],
): NeedsAssessment {
  return {
    id: row.id,
    title: row.title,
    requestedBy: row.requested_by,
    methodology: row.methodology,
    startedOn: row.started_on,
    completedOn: row.completed_on,
    areas: row.areas as GpcArea[],
    publicSummary: row.public_summary,
    confidentiality: row.confidentiality as Confidentiality,
    findingCount: findings.length,
    synthetic: row.synthetic,
    source: row.source,
    countryIso3: row.country_iso3,
    conductedByOrganizationIds: row.conducted_by_organization_ids,
    recommendationsList: row.recommendations,
    findingsList: findings.map((f): NeedsFinding => ({
      area: f.area as GpcArea,
      gap: f.gap,
      severity: f.severity as Severity,
    })),
  };
}

/** Assessments with their findings, in two statements whatever the number of rows. */
async function withFindings(db: Db, rows: NeedsAssessmentRow[]): Promise<NeedsAssessment[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((r) => r.id);
  const findings = await db
    .selectFrom('needs_finding')
    .selectAll()
    .where('assessment_id', '=', sql<string>`any(${ids})`)
    .orderBy('assessment_id')
    .orderBy('ordinal')
    .execute();
  const grouped = groupByKey(ids, findings, (f) => f.assessment_id);
  return rows.map((row, i) => toNeedsAssessment(row, grouped[i] ?? []));
}

export async function findNeedsAssessmentsByIds(
  db: Db,
  ids: readonly string[],
): Promise<NeedsAssessment[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('needs_assessment')
    .selectAll()
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return withFindings(db, rows);
}

export async function findNeedsAssessmentsByCountryIso3s(
  db: Db,
  iso3s: readonly string[],
): Promise<NeedsAssessment[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('needs_assessment')
    .selectAll()
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('completed_on', 'desc')
    .orderBy('id')
    .execute();
  return withFindings(db, rows);
}

function filtered(db: Db, filter: NeedsAssessmentFilterValues) {
  let query = db.selectFrom('needs_assessment');
  if (filter.countryIso3s) {
    query = query.where('country_iso3', '=', sql<string>`any(${[...filter.countryIso3s]})`);
  }
  if (filter.confidentiality) {
    query = query.where('confidentiality', '=', filter.confidentiality);
  }
  if (filter.area) {
    query = query.where(sql<boolean>`${filter.area} = any(areas)`);
  }
  if (filter.synthetic !== undefined) {
    query = query.where('synthetic', '=', filter.synthetic);
  }
  return query;
}

/** One page in id order (keyset), reading `limit + 1` rows. */
export async function findNeedsAssessmentsPage(
  db: Db,
  filter: NeedsAssessmentFilterValues,
  limit: number,
  afterId: string | undefined,
): Promise<NeedsAssessment[]> {
  let query = filtered(db, filter)
    .selectAll()
    .orderBy('id')
    .limit(limit + 1);
  if (afterId) {
    query = query.where('id', '>', afterId);
  }
  return withFindings(db, await query.execute());
}

export async function countNeedsAssessments(
  db: Db,
  filter: NeedsAssessmentFilterValues,
): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
