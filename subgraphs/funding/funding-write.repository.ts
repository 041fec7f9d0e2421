import { sql, type Transaction as Trx } from 'kysely';
import type { FundingTables, NewFundingTransactionRow, NewProjectRow } from './funding.table.js';

type T = Trx<FundingTables>;

/** The stored row, as JSON for the audit log; `undefined` when there is none. */
export async function findTransactionRecord(trx: T, id: string) {
  return trx
    .selectFrom('funding_transaction')
    .select([
      'id',
      'project_id',
      'type',
      sql<string>`transaction_date::text`.as('transaction_date'),
      sql<string>`amount::text`.as('amount'),
      'currency',
      sql<string>`value_date::text`.as('value_date'),
      'provider_org_id',
      'receiver_org_id',
      'provider_activity_id',
      'earmarking',
      'review_status',
      'submitted_by_org_id',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertTransaction(trx: T, row: NewFundingTransactionRow): Promise<void> {
  await trx.insertInto('funding_transaction').values(row).execute();
}

export async function updateTransactionStatus(trx: T, id: string, status: string): Promise<void> {
  await trx
    .updateTable('funding_transaction')
    .set({ review_status: status, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();
}

export async function insertProject(
  trx: T,
  row: NewProjectRow,
  participants: { organization_id: string; role: string }[],
  recipients: { country_iso3: string; percentage: string | null; region_m49: string }[],
): Promise<void> {
  await trx.insertInto('project').values(row).execute();
  if (participants.length > 0) {
    await trx
      .insertInto('project_participant')
      .values(participants.map((p) => ({ ...p, project_id: row.id })))
      .execute();
  }
  if (recipients.length > 0) {
    await trx
      .insertInto('project_recipient_country')
      .values(recipients.map((r) => ({ ...r, project_id: row.id })))
      .execute();
  }
}

/** The editable columns of a project, as JSON for the audit log, locked; `undefined` when none. */
export async function lockProject(trx: T, id: string) {
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

export async function updateProjectRow(trx: T, id: string, patch: ProjectPatch): Promise<void> {
  await trx.updateTable('project').set(patch).where('id', '=', id).execute();
}
