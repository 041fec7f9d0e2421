import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import type { GpcArea } from '../../schema/gpc.js';
import type { ReviewStatus } from '../../schema/review.js';
import type { Period } from './activity.repository.js';
import type {
  AssistanceRequestRow,
  AssistanceTables,
  NewAssistanceRequestRow,
  RequestStatusChangeRow,
} from './assistance.table.js';
import { RequestStatus } from './codes.model.js';
import type { AssistanceRequest, StatusChange } from './request.entity.js';
import type { AssistanceRequestInput, AssistanceRequestUpdate } from './request.input.js';

type Db = Kysely<AssistanceTables>;
type Trx = Transaction<AssistanceTables>;

export function toRequest(row: AssistanceRequestRow): AssistanceRequest {
  return {
    id: row.id,
    receivedOn: row.received_on,
    gpcAreas: row.gpc_areas as GpcArea[],
    description: row.description,
    status: row.status as RequestStatus,
    synthetic: row.synthetic,
    source: row.source,
    reviewStatus: row.review_status as ReviewStatus,
    countryIso3: row.country_iso3,
    needsAssessmentId: row.needs_assessment_id,
  };
}

export interface StatusChangeRecord extends StatusChange {
  requestId: string;
}

function toStatusChange(row: RequestStatusChangeRow): StatusChangeRecord {
  return {
    requestId: row.request_id,
    status: row.status as RequestStatus,
    on: row.changed_on,
    note: row.note,
  };
}

export async function findRequestsByIds(
  db: Db,
  ids: readonly string[],
): Promise<AssistanceRequest[]> {
  const rows = await db
    .selectFrom('assistance_request')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toRequest);
}

/** Newest first, for every country in `iso3s`, in one statement. */
export async function findRequestsByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<AssistanceRequest[]> {
  const rows = await db
    .selectFrom('assistance_request')
    .selectAll()
    .where('country_iso3', 'in', [...iso3s])
    .orderBy('received_on', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toRequest);
}

/** Oldest first, then in the order recorded. */
export async function findStatusHistories(
  db: Db,
  requestIds: readonly string[],
): Promise<StatusChangeRecord[]> {
  const rows = await db
    .selectFrom('request_status_change')
    .selectAll()
    .where('request_id', 'in', [...requestIds])
    .orderBy('changed_on')
    .orderBy('id')
    .execute();
  return rows.map(toStatusChange);
}

export interface RequestFlowRecord {
  id: string;
  countryIso3: string;
  regionM49: string;
  gpcAreas: string[];
  receivedOn: string;
  metOn: string | null;
  synthetic: boolean;
}

/**
 * Published requests with their country's M49 region and the date they were met (if ever), in one
 * statement; the summary counts received and met inside its period.
 */
export async function findRequestFlows(db: Db, period: Period): Promise<RequestFlowRecord[]> {
  const rows = await db
    .selectFrom('assistance_request as r')
    .innerJoin('known_country as k', 'k.iso3', 'r.country_iso3')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('request_status_change')
          .select(['request_id'])
          .select((e) => e.fn.max('changed_on').as('met_on'))
          .where('status', '=', 'MET')
          .groupBy('request_id')
          .as('m'),
      (join) => join.onRef('m.request_id', '=', 'r.id'),
    )
    .select([
      'r.id',
      'r.country_iso3',
      'k.region_m49',
      'r.gpc_areas',
      'r.received_on',
      'm.met_on',
      'r.synthetic',
    ])
    .where('r.review_status', '=', 'PUBLISHED')
    .where((eb) => {
      const received = [];
      const met = [];
      if (period.from) {
        received.push(eb('r.received_on', '>=', period.from));
        met.push(eb('m.met_on', '>=', period.from));
      }
      if (period.to) {
        received.push(eb('r.received_on', '<=', period.to));
        met.push(eb('m.met_on', '<=', period.to));
      }
      return received.length === 0 ? eb.val(true) : eb.or([eb.and(received), eb.and(met)]);
    })
    .execute();
  return rows.map((r) => ({
    id: r.id,
    countryIso3: r.country_iso3,
    regionM49: r.region_m49,
    gpcAreas: r.gpc_areas,
    receivedOn: r.received_on,
    metOn: (r.met_on as string | null) ?? null,
    synthetic: r.synthetic,
  }));
}

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
    .where('iso3', 'in', [...iso3s])
    .execute();
  return new Map(rows.map((r) => [r.iso3, r.region_m49]));
}

// Writes.

/** A new request's row, RECEIVED on its date. */
export function toRequestRow(
  input: AssistanceRequestInput,
  by: { readonly source: string; readonly reviewStatus: ReviewStatus },
): NewAssistanceRequestRow {
  return {
    id: `req-${input.country.toLowerCase()}-${randomUUID().slice(0, 8)}`,
    country_iso3: input.country,
    received_on: input.receivedOn,
    gpc_areas: [...new Set(input.gpcAreas)],
    description: input.description.trim(),
    status: RequestStatus.RECEIVED,
    needs_assessment_id: input.needsAssessmentId ?? null,
    synthetic: false,
    source: by.source,
    review_status: by.reviewStatus,
  };
}

interface RequestChanges {
  description?: string;
  gpc_areas?: string[];
  needs_assessment_id?: string | null;
  review_status?: string;
}

/** The columns an update changes: what the input gives, and the review state when it moves. */
export function toRequestChanges(
  input: AssistanceRequestUpdate,
  reviewStatus: ReviewStatus | undefined,
): RequestChanges {
  return {
    ...(input.description ? { description: input.description.trim() } : {}),
    ...(input.gpcAreas ? { gpc_areas: [...new Set(input.gpcAreas)] } : {}),
    ...(input.needsAssessmentId ? { needs_assessment_id: input.needsAssessmentId } : {}),
    ...(reviewStatus ? { review_status: reviewStatus } : {}),
  };
}

/** The stored row, locked for the write; `undefined` when none. */
export async function lockRequest(trx: Trx, id: string): Promise<AssistanceRequestRow | undefined> {
  return trx
    .selectFrom('assistance_request')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function lastStatusChange(trx: Trx, requestId: string) {
  return trx
    .selectFrom('request_status_change')
    .select(['status', 'changed_on'])
    .where('request_id', '=', requestId)
    .orderBy('changed_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The request and its first status change. */
export async function insertRequest(trx: Trx, row: NewAssistanceRequestRow): Promise<void> {
  await trx.insertInto('assistance_request').values(row).execute();
  await trx
    .insertInto('request_status_change')
    .values({ request_id: row.id, status: row.status, changed_on: row.received_on, note: null })
    .execute();
}

export async function updateRequest(trx: Trx, id: string, values: RequestChanges): Promise<void> {
  await trx
    .updateTable('assistance_request')
    .set({ ...values, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}

export async function moveRequest(
  trx: Trx,
  id: string,
  move: { status: string; on: string; note: string | null },
): Promise<void> {
  await trx
    .updateTable('assistance_request')
    .set({ status: move.status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('request_status_change')
    .values({ request_id: id, status: move.status, changed_on: move.on, note: move.note })
    .execute();
}

export async function setRequestReview(trx: Trx, id: string, status: string): Promise<void> {
  await trx
    .updateTable('assistance_request')
    .set({ review_status: status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
