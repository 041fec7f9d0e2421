import { sql, type Transaction as Trx } from 'kysely';
import type {
  AssistanceTables,
  NewActivityRow,
  NewAssistanceRequestRow,
} from './assistance.table.js';

type T = Trx<AssistanceTables>;

/** The stored row, locked for the write, as JSON for the audit log; `undefined` when none. */
export async function lockActivity(trx: T, id: string) {
  return trx.selectFrom('activity').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lockRequest(trx: T, id: string) {
  return trx
    .selectFrom('assistance_request')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function lastStatusChange(trx: T, requestId: string) {
  return trx
    .selectFrom('request_status_change')
    .select(['status', 'changed_on'])
    .where('request_id', '=', requestId)
    .orderBy('changed_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function insertActivity(trx: T, row: NewActivityRow): Promise<void> {
  await trx.insertInto('activity').values(row).execute();
}

export async function replaceActivity(trx: T, id: string, row: NewActivityRow): Promise<void> {
  const { id: _id, ...values } = row;
  await trx
    .updateTable('activity')
    .set({ ...values, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();
}

export async function setActivityReview(trx: T, id: string, status: string): Promise<void> {
  await trx
    .updateTable('activity')
    .set({ review_status: status, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();
}

export async function insertRequest(
  trx: T,
  row: NewAssistanceRequestRow,
  note: string | null,
): Promise<void> {
  await trx.insertInto('assistance_request').values(row).execute();
  await trx
    .insertInto('request_status_change')
    .values({ request_id: row.id, status: row.status, changed_on: row.received_on, note })
    .execute();
}

export async function updateRequestFields(
  trx: T,
  id: string,
  values: {
    description?: string;
    gpc_areas?: string[];
    needs_assessment_id?: string | null;
    review_status?: string;
  },
): Promise<void> {
  await trx
    .updateTable('assistance_request')
    .set({ ...values, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();
}

export async function moveRequest(
  trx: T,
  id: string,
  status: string,
  on: string,
  note: string | null,
): Promise<void> {
  await trx
    .updateTable('assistance_request')
    .set({ status, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('request_status_change')
    .values({ request_id: id, status, changed_on: on, note })
    .execute();
}

export async function setRequestReview(trx: T, id: string, status: string): Promise<void> {
  await trx
    .updateTable('assistance_request')
    .set({ review_status: status, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();
}
