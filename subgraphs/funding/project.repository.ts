import { sql, type Kysely, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { toConfidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';
import { patchOf } from '../../schema/writes.js';
import type { ActivityStatus, GpcArea, GpcPillar, OrganisationRole } from './codes.model.js';
import type { FundingTables, NewProjectRow, ProjectRow } from './funding.table.js';
import type { Project } from './project.entity.js';
import type { ProjectInput, UpdateProjectInput } from './project.input.js';

type Db = Kysely<FundingTables>;
type Trx = Transaction<FundingTables>;

const PROJECT_COLUMNS = [
  'id',
  'iati_identifier',
  'title',
  'description',
  'status',
  'planned_start',
  'planned_end',
  'actual_start',
  'actual_end',
  'parent_id',
  'gpc_pillars',
  'gpc_areas',
  'sectors',
  'synthetic',
  'source',
  'confidence',
  'review_status',
  'licence',
  'attribution',
] as const;

type ProjectSelection = Pick<ProjectRow, (typeof PROJECT_COLUMNS)[number]>;

export interface ParticipantRecord {
  projectId: string;
  organizationId: string;
  role: OrganisationRole;
}

export interface RecipientRecord {
  projectId: string;
  countryIso3: string;
  percentage: string | null;
  regionM49: string;
}

export function toProject(
  row: ProjectSelection,
  participants: readonly ParticipantRecord[],
  recipients: readonly RecipientRecord[],
): Project {
  return {
    id: row.id,
    iatiIdentifier: row.iati_identifier,
    title: row.title,
    description: row.description,
    status: row.status as ActivityStatus,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    actualStart: row.actual_start,
    actualEnd: row.actual_end,
    participatingOrgs: participants.map((p) => ({
      organization: { id: p.organizationId },
      role: p.role,
    })),
    recipientCountries: recipients.map((r) => ({
      country: { iso3: r.countryIso3 },
      percentage: r.percentage,
    })),
    gpcPillars: row.gpc_pillars as GpcPillar[],
    gpcAreas: row.gpc_areas as GpcArea[],
    sectors: row.sectors,
    synthetic: row.synthetic,
    source: row.source,
    confidence: toConfidence(row.confidence),
    reviewStatus: row.review_status as ReviewStatus,
    licence: row.licence,
    attribution: row.attribution,
    parentId: row.parent_id,
  };
}

async function findParticipantsByProjectIds(
  db: Db,
  ids: readonly string[],
): Promise<ParticipantRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('project_participant')
    .select(['project_id', 'organization_id', 'role'])
    .where('project_id', '=', sql<string>`any(${[...ids]})`)
    .orderBy('project_id')
    .orderBy('role')
    .orderBy('organization_id')
    .execute();
  return rows.map((r) => ({
    projectId: r.project_id,
    organizationId: r.organization_id,
    role: r.role as OrganisationRole,
  }));
}

async function findRecipientsByProjectIds(
  db: Db,
  ids: readonly string[],
): Promise<RecipientRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('project_recipient_country')
    .select(['project_id', 'country_iso3', 'percentage', 'region_m49'])
    .where('project_id', '=', sql<string>`any(${[...ids]})`)
    .orderBy('project_id')
    .orderBy('country_iso3')
    .execute();
  return rows.map((r) => ({
    projectId: r.project_id,
    countryIso3: r.country_iso3,
    percentage: r.percentage,
    regionM49: r.region_m49,
  }));
}

async function withChildren(db: Db, rows: ProjectSelection[]): Promise<Project[]> {
  const ids = rows.map((r) => r.id);
  const [participants, recipients] = await Promise.all([
    findParticipantsByProjectIds(db, ids),
    findRecipientsByProjectIds(db, ids),
  ]);
  return rows.map((row) =>
    toProject(
      row,
      participants.filter((p) => p.projectId === row.id),
      recipients.filter((r) => r.projectId === row.id),
    ),
  );
}

/** Projects with their participants and recipient countries: three statements for any number. */
export async function findProjectsByIds(db: Db, ids: readonly string[]): Promise<Project[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('project')
    .select(PROJECT_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return withChildren(db, rows);
}

/** The ids of the child projects of each parent, in title order. */
export async function findChildProjectIdsByParentIds(
  db: Db,
  parentIds: readonly string[],
): Promise<{ id: string; parentId: string }[]> {
  if (parentIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('project')
    .select(['id', 'parent_id'])
    .where('parent_id', '=', sql<string>`any(${[...parentIds]})`)
    .where('review_status', '<>', 'ARCHIVED')
    .orderBy('title')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id ?? '' }));
}

export interface ProjectFilterValues {
  parentId?: string | undefined;
  synthetic?: boolean | undefined;
}

/** A page in (title, id) order, `limit + 1` rows. */
export async function findProjectsPage(
  db: Db,
  filter: ProjectFilterValues,
  limit: number,
  after: readonly [title: string, id: string] | undefined,
): Promise<Project[]> {
  let query = db
    .selectFrom('project')
    .select(PROJECT_COLUMNS)
    .where('review_status', '<>', 'ARCHIVED')
    .orderBy('title')
    .orderBy('id')
    .limit(limit + 1);
  if (filter.parentId) {
    query = query.where('parent_id', '=', filter.parentId);
  }
  if (filter.synthetic !== undefined) {
    query = query.where('synthetic', '=', filter.synthetic);
  }
  if (after) {
    query = query.where((eb) => eb(eb.refTuple('title', 'id'), '>', eb.tuple(after[0], after[1])));
  }
  return withChildren(db, await query.execute());
}

export async function countProjects(db: Db, filter: ProjectFilterValues): Promise<number> {
  let query = db
    .selectFrom('project')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('review_status', '<>', 'ARCHIVED');
  if (filter.parentId) {
    query = query.where('parent_id', '=', filter.parentId);
  }
  if (filter.synthetic !== undefined) {
    query = query.where('synthetic', '=', filter.synthetic);
  }
  return Number((await query.executeTakeFirstOrThrow()).count);
}

/** The known organisation ids among `ids` (this subgraph's copy of organizations.csv). */
export async function findKnownOrganizationIds(
  db: Db,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('known_organization')
    .select('id')
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** iso3 → M49 region of the known countries among `iso3s`. */
export async function findCountryRegions(
  db: Db,
  iso3s: readonly string[],
): Promise<Map<string, string>> {
  if (iso3s.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('known_country')
    .select(['iso3', 'region_m49'])
    .where('iso3', '=', sql<string>`any(${[...iso3s]})`)
    .execute();
  return new Map(rows.map((r) => [r.iso3, r.region_m49]));
}

// Writes.

/** A new project's rows: the project, published, its participants and its recipients. */
export function toProjectRows(input: ProjectInput, regions: ReadonlyMap<string, string>) {
  const project: NewProjectRow = {
    id: input.id,
    iati_identifier: input.iatiIdentifier ?? null,
    title: input.title.trim(),
    description: input.description ?? null,
    status: input.status,
    planned_start: input.plannedStart ?? null,
    planned_end: input.plannedEnd ?? null,
    actual_start: null,
    actual_end: null,
    parent_id: input.parentId ?? null,
    gpc_pillars: input.gpcPillars,
    gpc_areas: input.gpcAreas,
    sectors: input.sectors,
    synthetic: false,
    source: input.source,
    confidence: 'to verify',
    review_status: ReviewStatus.PUBLISHED,
  };
  const participants = input.participatingOrgs.map((p) => ({
    organization_id: p.organizationId,
    role: p.role,
  }));
  const recipients = input.recipientCountries.map((r) => ({
    country_iso3: r.iso3,
    percentage: r.percentage ?? null,
    region_m49: regions.get(r.iso3) ?? '',
  }));
  return { project, participants, recipients };
}

export type ProjectRows = ReturnType<typeof toProjectRows>;

export async function insertProject(trx: Trx, rows: ProjectRows): Promise<void> {
  const { project, participants, recipients } = rows;
  await trx.insertInto('project').values(project).execute();
  if (participants.length > 0) {
    await trx
      .insertInto('project_participant')
      .values(participants.map((p) => ({ ...p, project_id: project.id })))
      .execute();
  }
  if (recipients.length > 0) {
    await trx
      .insertInto('project_recipient_country')
      .values(recipients.map((r) => ({ ...r, project_id: project.id })))
      .execute();
  }
}

/** The editable columns of a project, as JSON for the audit log, locked; `undefined` when none. */
export async function lockProject(trx: Trx, id: string) {
  return trx
    .selectFrom('project')
    .select([
      'id',
      'title',
      'description',
      'status',
      sql<string | null>`planned_start::text`.as('planned_start'),
      sql<string | null>`planned_end::text`.as('planned_end'),
      sql<string | null>`actual_start::text`.as('actual_start'),
      sql<string | null>`actual_end::text`.as('actual_end'),
      'gpc_pillars',
      'gpc_areas',
      'sectors',
      'parent_id',
      'review_status',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type ProjectPatch = Partial<
  Pick<
    NewProjectRow,
    | 'title'
    | 'description'
    | 'status'
    | 'planned_start'
    | 'planned_end'
    | 'actual_start'
    | 'actual_end'
    | 'gpc_pillars'
    | 'gpc_areas'
    | 'sectors'
    | 'review_status'
  >
>;

/** Omitted: kept; null: cleared (title and status cannot be); a list given null is emptied. */
export function toProjectPatch(input: UpdateProjectInput): ProjectPatch {
  const list = <T>(values: T[] | null | undefined) =>
    values === undefined ? undefined : (values ?? []);
  return patchOf({
    title: input.title?.trim(),
    description: input.description,
    status: input.status ?? undefined,
    planned_start: input.plannedStart,
    planned_end: input.plannedEnd,
    actual_start: input.actualStart,
    actual_end: input.actualEnd,
    gpc_pillars: list(input.gpcPillars),
    gpc_areas: list(input.gpcAreas),
    sectors: list(input.sectors),
  });
}

export async function updateProject(trx: Trx, id: string, patch: ProjectPatch): Promise<void> {
  await trx
    .updateTable('project')
    .set({ ...patch, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
