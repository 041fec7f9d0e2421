import { sql, type Kysely, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { toConfidence } from '../../schema/common-types.js';
import type { GpcArea, GpcPillar } from '../../schema/gpc.js';
import { ReviewStatus } from '../../schema/review.js';
import type { Problems } from '../../schema/validation.js';
import type { Participants, TechnicalAssistanceActivity } from './activity.entity.js';
import type { ActivityInput } from './activity.input.js';
import type { ActivityRow, AssistanceTables, NewActivityRow } from './assistance.table.js';
import type { ActivityType, Modality, PractitionerRole } from './codes.model.js';
import { unknownIdProblem, unknownIdProblems } from './known.repository.js';

type Db = Kysely<AssistanceTables>;
type Trx = Transaction<AssistanceTables>;

/** A period; either bound may be open. */
export interface Period {
  from?: string | null;
  to?: string | null;
}

function toParticipants(row: ActivityRow): Participants | null {
  if (row.participants_total === null) {
    return null;
  }
  return {
    total: row.participants_total,
    female: row.participants_female ?? 0,
    male: row.participants_male ?? 0,
    other: row.participants_other ?? 0,
    byRole: (row.participants_by_role ?? []).map((r) => ({
      role: r.role as PractitionerRole,
      count: r.count,
    })),
  };
}

export function toActivity(row: ActivityRow): TechnicalAssistanceActivity {
  return {
    id: row.id,
    title: row.title,
    type: row.type as ActivityType,
    modality: row.modality as Modality | null,
    startDate: row.start_date,
    endDate: row.end_date,
    locationCity: row.location_city,
    beneficiaryInstitutions: row.beneficiary_institutions,
    gpcPillar: row.gpc_pillar as GpcPillar,
    gpcAreas: row.gpc_areas as GpcArea[],
    participants: toParticipants(row),
    synthetic: row.synthetic,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    programme: row.programme,
    licence: row.licence,
    attribution: row.attribution,
    reviewStatus: row.review_status as ReviewStatus,
    locationIso3: row.location_iso3,
    beneficiaryIso3s: row.beneficiary_iso3s,
    implementerIds: row.implementer_ids,
    projectId: row.project_id,
    offenceCategoryCodes: row.offence_category_codes,
    needsAssessmentId: row.needs_assessment_id,
    requestId: row.request_id,
    legislationIds: row.legislation_ids,
    provisionIds: row.provision_ids,
    submittedByOrgId: row.submitted_by_org_id,
  };
}

function ordered(db: Db) {
  return db
    .selectFrom('activity')
    .selectAll()
    .orderBy(sql`start_date nulls last`)
    .orderBy('id');
}

export async function findActivitiesByIds(
  db: Db,
  ids: readonly string[],
): Promise<TechnicalAssistanceActivity[]> {
  const rows = await db
    .selectFrom('activity')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toActivity);
}

/** One statement for all `iso3s`: activities benefiting any of them that overlap `period`. */
export async function findActivitiesByCountries(
  db: Db,
  iso3s: readonly string[],
  period: Period = {},
): Promise<TechnicalAssistanceActivity[]> {
  let query = ordered(db).where(sql<boolean>`beneficiary_iso3s && ${sql.val([...iso3s])}::text[]`);
  if (period.from) {
    query = query.where('end_date', '>=', period.from);
  }
  if (period.to) {
    query = query.where('start_date', '<=', period.to);
  }
  return (await query.execute()).map(toActivity);
}

export async function findActivitiesByImplementers(
  db: Db,
  ids: readonly string[],
): Promise<TechnicalAssistanceActivity[]> {
  const rows = await ordered(db)
    .where(sql<boolean>`implementer_ids && ${sql.val([...ids])}::text[]`)
    .execute();
  return rows.map(toActivity);
}

export async function findActivitiesByProvisions(
  db: Db,
  ids: readonly string[],
): Promise<TechnicalAssistanceActivity[]> {
  const rows = await ordered(db)
    .where(sql<boolean>`provision_ids && ${sql.val([...ids])}::text[]`)
    .execute();
  return rows.map(toActivity);
}

/** By a plain key column: `project_id`, `needs_assessment_id` or `request_id`. */
export async function findActivitiesByColumn(
  db: Db,
  column: 'project_id' | 'needs_assessment_id' | 'request_id',
  ids: readonly string[],
): Promise<TechnicalAssistanceActivity[]> {
  const rows = await ordered(db)
    .where(column, 'in', [...ids])
    .execute();
  return rows.map(toActivity);
}

/** Published activities starting in the period (open bounds allowed), for `deliverySummary`. */
export async function findActivitiesStartingIn(
  db: Db,
  period: Period,
): Promise<TechnicalAssistanceActivity[]> {
  let query = ordered(db).where('review_status', '=', ReviewStatus.PUBLISHED);
  if (period.from) {
    query = query.where('start_date', '>=', period.from);
  }
  if (period.to) {
    query = query.where('start_date', '<=', period.to);
  }
  return (await query.execute()).map(toActivity);
}

export interface ActivityQuery {
  country?: string | null;
  implementer?: string | null;
  type?: string | null;
  pillar?: string | null;
  area?: string | null;
  from?: string | null;
  to?: string | null;
  synthetic?: boolean | null;
}

/**
 * Who may see unpublished rows: `all` (editors), one organisation's submissions (a partner or
 * donor), or nobody else's (`none`). Archived rows are never listed.
 */
export type ListScope =
  { kind: 'all' } | { kind: 'own'; organizationId: string } | { kind: 'none' };

/** The `activities` list: a keyset page on `id` (`limit + 1` rows) and the total count. */
export async function findActivitiesPage(
  db: Db,
  scope: ListScope,
  filter: ActivityQuery,
  limit: number,
  afterId: string | undefined,
): Promise<{ rows: TechnicalAssistanceActivity[]; totalCount: number }> {
  let query = db.selectFrom('activity').where('review_status', '!=', ReviewStatus.ARCHIVED);
  if (scope.kind !== 'all') {
    query = query.where((eb) =>
      scope.kind === 'own'
        ? eb.or([
            eb('review_status', '=', ReviewStatus.PUBLISHED),
            eb('submitted_by_org_id', '=', scope.organizationId),
          ])
        : eb('review_status', '=', ReviewStatus.PUBLISHED),
    );
  }
  if (filter.country) {
    query = query.where(sql<boolean>`${filter.country} = any(beneficiary_iso3s)`);
  }
  if (filter.implementer) {
    query = query.where(sql<boolean>`${filter.implementer} = any(implementer_ids)`);
  }
  if (filter.type) {
    query = query.where('type', '=', filter.type);
  }
  if (filter.pillar) {
    query = query.where('gpc_pillar', '=', filter.pillar);
  }
  if (filter.area) {
    query = query.where(sql<boolean>`${filter.area} = any(gpc_areas)`);
  }
  if (filter.from) {
    query = query.where('end_date', '>=', filter.from);
  }
  if (filter.to) {
    query = query.where('start_date', '<=', filter.to);
  }
  if (filter.synthetic !== undefined && filter.synthetic !== null) {
    query = query.where('synthetic', '=', filter.synthetic);
  }
  const [rows, count] = await Promise.all([
    (afterId ? query.where('id', '>', afterId) : query)
      .selectAll()
      .orderBy('id')
      .limit(limit + 1)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toActivity), totalCount: Number(count.n) };
}

// Writes.

const STATE = 'UN Member or observer State';

/** Whether every country, organisation, project and offence category the input names exists. */
export async function activityReferenceProblems(db: Db, input: ActivityInput): Promise<Problems> {
  const found = await Promise.all([
    unknownIdProblems(
      db,
      'country',
      'input.beneficiaryCountries',
      input.beneficiaryCountries,
      STATE,
    ),
    unknownIdProblem(db, 'country', 'input.locationCountry', input.locationCountry, STATE),
    unknownIdProblems(
      db,
      'organization',
      'input.implementerIds',
      input.implementerIds,
      'organisation id',
    ),
    unknownIdProblem(db, 'project', 'input.projectId', input.projectId, 'project id'),
    unknownIdProblems(
      db,
      'offenceCategory',
      'input.offenceCategories',
      input.offenceCategories ?? [],
      'offence category code',
    ),
  ]);
  return found.flat();
}

/** Who an activity is recorded for: published by an editor, or waiting for review. */
export interface Submission {
  readonly reviewStatus: ReviewStatus;
  readonly submittedByOrgId: string | null;
}

/** The row to store for a valid input. */
export function toActivityRow(id: string, input: ActivityInput, by: Submission): NewActivityRow {
  const p = input.participants;
  const unique = <T>(values: readonly T[] | null | undefined) => [...new Set(values ?? [])];
  return {
    id,
    title: input.title.trim(),
    type: input.type,
    modality: input.modality ?? null,
    start_date: input.startDate,
    end_date: input.endDate,
    location_iso3: input.locationCountry ?? null,
    location_city: input.locationCity ?? null,
    beneficiary_iso3s: unique(input.beneficiaryCountries),
    beneficiary_institutions: input.beneficiaryInstitutions ?? [],
    implementer_ids: unique(input.implementerIds),
    project_id: input.projectId ?? null,
    gpc_pillar: input.gpcPillar,
    gpc_areas: unique(input.gpcAreas),
    offence_category_codes: unique(input.offenceCategories),
    participants_total: p?.total ?? null,
    participants_female: p?.female ?? null,
    participants_male: p?.male ?? null,
    participants_other: p?.other ?? null,
    participants_by_role: p ? JSON.stringify(p.byRole) : null,
    needs_assessment_id: input.needsAssessmentId ?? null,
    request_id: input.requestId ?? null,
    legislation_ids: unique(input.legislationIds),
    provision_ids: unique(input.provisionIds),
    synthetic: false,
    source: input.source,
    confidence: 'to verify',
    notes: null,
    review_status: by.reviewStatus,
    submitted_by_org_id: by.submittedByOrgId,
  };
}

/** The stored row, locked for the write; `undefined` when none. */
export async function lockActivity(trx: Trx, id: string): Promise<ActivityRow | undefined> {
  return trx.selectFrom('activity').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertActivity(trx: Trx, row: NewActivityRow): Promise<void> {
  await trx.insertInto('activity').values(row).execute();
}

export async function updateActivity(trx: Trx, id: string, row: NewActivityRow): Promise<void> {
  const { id: _id, ...values } = row;
  await trx
    .updateTable('activity')
    .set({ ...values, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}

export async function setActivityReview(trx: Trx, id: string, status: string): Promise<void> {
  await trx
    .updateTable('activity')
    .set({ review_status: status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
