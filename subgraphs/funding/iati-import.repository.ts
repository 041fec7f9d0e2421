import { sql, type Kysely } from 'kysely';
import { appendAudit, type AuditTables } from '../../loaders/audit.js';
import type { Viewer } from '../../loaders/identity.js';
import type {
  FundingTables,
  NewBudgetRow,
  NewFundingTransactionRow,
  NewProjectRow,
} from './funding.table.js';
import { upsert } from './upsert.repository.js';

type Db = Kysely<FundingTables>;

export async function findKnownOrganizations(db: Db) {
  return db.selectFrom('known_organization').select(['id', 'iati_org_id']).execute();
}

export async function findKnownCountries(db: Db) {
  return db.selectFrom('known_country').select(['iso3', 'iso2', 'region_m49']).execute();
}

export interface ImportedActivityRows {
  project: NewProjectRow;
  participants: { organization_id: string; role: string }[];
  recipients: { country_iso3: string; percentage: string | null; region_m49: string }[];
  transactions: NewFundingTransactionRow[];
  budgets: NewBudgetRow[];
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

const sameSet = (a: readonly object[], b: readonly object[]) => {
  const key = (rows: readonly object[]) =>
    rows
      .map((r) => JSON.stringify(Object.entries(r).sort(([x], [y]) => x.localeCompare(y))))
      .sort()
      .join('\n');
  return key(a) === key(b);
};

/**
 * Writes one activity in one transaction, with its audit entry: nothing of it is written when
 * any part fails. Rows are rewritten only when a value differs, and imported transactions or
 * budgets missing from the file are archived, not deleted. A second import of the same file
 * changes nothing and reports `unchanged`.
 */
export async function importActivityRows(
  db: Db,
  rows: ImportedActivityRows,
  who: { viewer: Viewer; requestId: string },
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const projectId = rows.project.id;
    const project = await upsert(trx, 'project', [rows.project], ['id']);
    let changed = project.inserted + project.updated > 0;

    const participants = await trx
      .selectFrom('project_participant')
      .select(['organization_id', 'role'])
      .where('project_id', '=', projectId)
      .execute();
    if (!sameSet(participants, rows.participants)) {
      await trx.deleteFrom('project_participant').where('project_id', '=', projectId).execute();
      if (rows.participants.length > 0) {
        await trx
          .insertInto('project_participant')
          .values(rows.participants.map((p) => ({ ...p, project_id: projectId })))
          .execute();
      }
      changed = true;
    }
    const recipients = await trx
      .selectFrom('project_recipient_country')
      .select(['country_iso3', sql<string | null>`percentage::text`.as('percentage'), 'region_m49'])
      .where('project_id', '=', projectId)
      .execute();
    const trimmed = (
      list: { country_iso3: string; percentage: string | null; region_m49: string }[],
    ) =>
      list.map((r) => ({
        ...r,
        percentage: r.percentage === null ? null : trimPercentage(r.percentage),
      }));
    const recipientsChanged = !sameSet(trimmed(recipients), trimmed(rows.recipients));
    if (recipientsChanged) {
      await trx
        .deleteFrom('project_recipient_country')
        .where('project_id', '=', projectId)
        .execute();
      if (rows.recipients.length > 0) {
        await trx
          .insertInto('project_recipient_country')
          .values(rows.recipients.map((r) => ({ ...r, project_id: projectId })))
          .execute();
      }
      changed = true;
    }

    const transactions = await upsert(trx, 'funding_transaction', rows.transactions, ['id']);
    const txIds = rows.transactions.map((t) => t.id);
    const archivedTx = await trx
      .updateTable('funding_transaction')
      .set({ review_status: 'ARCHIVED' })
      .where('project_id', '=', projectId)
      .where('id', 'like', 'iati-%')
      .where('review_status', '<>', 'ARCHIVED')
      .where((eb) =>
        txIds.length > 0 ? eb.not(eb('id', '=', sql<string>`any(${txIds})`)) : eb.lit(true),
      )
      .executeTakeFirst();
    const budgets = await upsert(trx, 'budget', rows.budgets, ['id']);
    const budgetIds = rows.budgets.map((b) => b.id);
    const archivedBudgets = await trx
      .updateTable('budget')
      .set({ archived: true })
      .where('project_id', '=', projectId)
      .where('id', 'like', 'iati-%')
      .where('archived', '=', false)
      .where((eb) =>
        budgetIds.length > 0 ? eb.not(eb('id', '=', sql<string>`any(${budgetIds})`)) : eb.lit(true),
      )
      .executeTakeFirst();
    changed ||=
      transactions.inserted + transactions.updated + budgets.inserted + budgets.updated > 0 ||
      Number(archivedTx.numUpdatedRows) + Number(archivedBudgets.numUpdatedRows) > 0;

    if (!changed) {
      return 'unchanged';
    }
    const outcome: ImportOutcome = project.inserted > 0 ? 'created' : 'updated';
    await appendAudit(trx as unknown as Kysely<AuditTables> as never, who, [
      {
        entityType: 'Project',
        entityId: projectId,
        action: outcome === 'created' ? 'IMPORT_CREATE' : 'IMPORT_UPDATE',
        before: null,
        after: {
          project: rows.project,
          participants: rows.participants,
          recipients: rows.recipients,
          transactions: txIds,
          budgets: budgetIds,
        },
      },
    ]);
    return outcome;
  });
}

function trimPercentage(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
