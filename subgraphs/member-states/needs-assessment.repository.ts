import { sql, type Kysely } from 'kysely';
import { groupByKey } from '../../loaders/keyed.js';
import type { GpcArea } from '../../schema/gpc.js';
import type {
  MemberStatesTables,
  NeedsAssessmentRow,
  NeedsFindingChangeRow,
  NeedsFindingRow,
  NewNeedsAssessmentRow,
  NewNeedsFindingRow,
} from './member-states.table.js';
import {
  type AssessmentStatus,
  type Confidentiality,
  type ConsentLevel,
  type FindingChange,
  type FindingChangeKind,
  type FindingStatus,
  type NeedsAssessment,
  type NeedsFinding,
  type Severity,
} from './needs-assessment.entity.js';

type Db = Kysely<MemberStatesTables>;

export interface NeedsAssessmentFilterValues {
  countryIso3s?: readonly string[] | undefined;
  confidentiality?: Confidentiality | undefined;
  area?: GpcArea | undefined;
  synthetic?: boolean | undefined;
}

function toFindingChange(row: NeedsFindingChangeRow): FindingChange {
  return {
    kind: row.change as FindingChangeKind,
    assessmentId: row.assessment_id,
    severityBefore: row.severity_before as Severity,
    severityAfter: row.severity_after as Severity,
    note: row.note,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

function toNeedsAssessment(
  row: NeedsAssessmentRow,
  findings: readonly NeedsFindingRow[],
  changes: readonly NeedsFindingChangeRow[] = [],
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
    status: row.status as AssessmentStatus,
    consent: row.consent as ConsentLevel,
    requestedOn: row.requested_on,
    acceptedOn: row.accepted_on,
    countryIso3: row.country_iso3.trim(),
    conductedByOrganizationIds: row.conducted_by_organization_ids,
    recommendationsList: row.recommendations,
    findingsList: findings.map((f): NeedsFinding => ({
      id: f.id,
      area: f.area as GpcArea,
      gap: f.gap,
      severity: f.severity as Severity,
      status: f.status as FindingStatus,
      closedByAssessmentId: f.closed_by_assessment_id,
      history: changes.filter((c) => c.finding_id === f.id).map(toFindingChange),
    })),
  };
}

/** Assessments with their findings and their history, in three statements whatever the rows. */
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
  const findingIds = findings.map((f) => f.id);
  const changes =
    findingIds.length === 0
      ? []
      : await db
          .selectFrom('needs_finding_change')
          .selectAll()
          .where('finding_id', '=', sql<string>`any(${findingIds})`)
          .orderBy('id')
          .execute();
  const grouped = groupByKey(ids, findings, (f) => f.assessment_id);
  return rows.map((row, i) => toNeedsAssessment(row, grouped[i] ?? [], changes));
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

// --- Writes: only inside `runWrite`'s transaction. -------------------------------------------

/** A requested assessment: REQUESTED, RESTRICTED, consent NONE, nothing recorded yet. */
interface NeedsAssessmentRequest {
  readonly id: string;
  readonly countryIso3: string;
  readonly title: string;
  readonly requestedBy: string;
  readonly areas: readonly GpcArea[];
  readonly requestedOn: string;
  readonly source: string;
}

function toNeedsAssessmentRow(request: NeedsAssessmentRequest): NewNeedsAssessmentRow {
  return {
    id: request.id,
    country_iso3: request.countryIso3,
    title: request.title,
    requested_by: request.requestedBy,
    conducted_by_organization_ids: [],
    methodology: '',
    started_on: null,
    completed_on: null,
    areas: [...request.areas],
    recommendations: [],
    public_summary: '',
    confidentiality: 'RESTRICTED',
    synthetic: false,
    source: request.source,
    status: 'REQUESTED',
    consent: 'NONE',
    requested_on: request.requestedOn,
    accepted_on: null,
  };
}

export async function insertNeedsAssessment(
  db: Db,
  request: NeedsAssessmentRequest,
): Promise<void> {
  await db.insertInto('needs_assessment').values(toNeedsAssessmentRow(request)).execute();
}

/** An assessment as a workflow step meets it, read under a row lock. */
export interface LockedAssessment {
  readonly id: string;
  readonly countryIso3: string;
  readonly status: AssessmentStatus;
  readonly consent: ConsentLevel;
  readonly requestedOn: string | null;
  readonly synthetic: boolean;
}

/** The assessment under a row lock, or undefined. */
export async function lockNeedsAssessment(
  db: Db,
  id: string,
): Promise<LockedAssessment | undefined> {
  const row = await db
    .selectFrom('needs_assessment')
    .select(['id', 'country_iso3', 'status', 'consent', 'requested_on', 'synthetic'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      countryIso3: row.country_iso3.trim(),
      status: row.status as AssessmentStatus,
      consent: row.consent as ConsentLevel,
      requestedOn: row.requested_on,
      synthetic: row.synthetic,
    }
  );
}

/** An assessment as conducted; its findings are numbered in order. */
export interface RecordedAssessment {
  readonly methodology: string;
  readonly startedOn: string;
  readonly completedOn: string;
  readonly conductedBy: readonly string[];
  readonly publicSummary: string;
  readonly confidentiality: Confidentiality;
  readonly recommendations: readonly string[];
  readonly findings: readonly { area: GpcArea; gap: string; severity: Severity }[];
}

/** Records a requested assessment (RECORDED) with its findings, ids `<id>-f1`, `<id>-f2` …. */
export async function recordNeedsAssessment(
  db: Db,
  id: string,
  recorded: RecordedAssessment,
): Promise<void> {
  await db
    .updateTable('needs_assessment')
    .set({
      methodology: recorded.methodology,
      started_on: recorded.startedOn,
      completed_on: recorded.completedOn,
      conducted_by_organization_ids: [...recorded.conductedBy],
      public_summary: recorded.publicSummary,
      confidentiality: recorded.confidentiality,
      recommendations: [...recorded.recommendations],
      status: 'RECORDED',
    })
    .where('id', '=', id)
    .execute();
  const findings: NewNeedsFindingRow[] = recorded.findings.map((f, i) => ({
    id: `${id}-f${i + 1}`,
    assessment_id: id,
    ordinal: i + 1,
    area: f.area,
    gap: f.gap,
    severity: f.severity,
  }));
  if (findings.length > 0) {
    await db.insertInto('needs_finding').values(findings).execute();
  }
}

/** A step of the State's part of the workflow: acceptance (with its date) or a consent change. */
export async function updateNeedsAssessmentState(
  db: Db,
  id: string,
  state: { status?: AssessmentStatus; acceptedOn?: string; consent: ConsentLevel },
): Promise<void> {
  await db
    .updateTable('needs_assessment')
    .set({ status: state.status, accepted_on: state.acceptedOn, consent: state.consent })
    .where('id', '=', id)
    .execute();
}

export interface LockedFinding {
  readonly id: string;
  readonly assessmentId: string;
  readonly countryIso3: string;
  readonly severity: string;
  readonly status: string;
  readonly synthetic: boolean;
}

/** Findings by id with their assessment's State, under a row lock; missing ids are left out. */
export async function lockFindings(db: Db, ids: readonly string[]): Promise<LockedFinding[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('needs_finding as f')
    .innerJoin('needs_assessment as a', 'a.id', 'f.assessment_id')
    .select(['f.id', 'f.assessment_id', 'a.country_iso3', 'f.severity', 'f.status', 'a.synthetic'])
    .where('f.id', '=', sql<string>`any(${[...ids]})`)
    .forUpdate()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    assessmentId: r.assessment_id,
    countryIso3: r.country_iso3.trim(),
    severity: r.severity,
    status: r.status,
    synthetic: r.synthetic,
  }));
}

/** A later assessment's change to an earlier finding. */
export interface FollowUpChange {
  readonly findingId: string;
  readonly assessmentId: string;
  readonly kind: 'CLOSED' | 'RERATED';
  readonly severityBefore: string;
  readonly severityAfter: string;
  readonly note: string | null;
}

/** A follow-up's change to an earlier finding, with its history row. */
export async function changeFinding(db: Db, change: FollowUpChange): Promise<void> {
  await db
    .updateTable('needs_finding')
    .set(
      change.kind === 'CLOSED'
        ? { status: 'CLOSED', closed_by_assessment_id: change.assessmentId }
        : { severity: change.severityAfter },
    )
    .where('id', '=', change.findingId)
    .execute();
  await db
    .insertInto('needs_finding_change')
    .values({
      finding_id: change.findingId,
      assessment_id: change.assessmentId,
      change: change.kind,
      severity_before: change.severityBefore,
      severity_after: change.severityAfter,
      note: change.note,
    })
    .execute();
}

/** Every assessment of these countries (all when undefined), findings included, for aggregates. */
export async function findNeedsAssessmentsForAggregate(
  db: Db,
  iso3s: readonly string[] | undefined,
): Promise<NeedsAssessment[]> {
  let query = db.selectFrom('needs_assessment').selectAll().orderBy('id');
  if (iso3s) {
    if (iso3s.length === 0) {
      return [];
    }
    query = query.where('country_iso3', '=', sql<string>`any(${[...iso3s]})`);
  }
  return withFindings(db, await query.execute());
}
