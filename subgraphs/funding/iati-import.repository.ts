import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit } from '../../loaders/audit.js';
import type { Viewer } from '../../loaders/identity.js';
import { upsertChanged } from '../../loaders/seed-data/upsert.js';
import type {
  FundingTables,
  NewBudgetRow,
  NewFundingTransactionRow,
  NewPlannedDisbursementRow,
  NewProjectRow,
} from './funding.table.js';

type Db = Kysely<FundingTables>;

export interface KnownOrganization {
  id: string;
  name: string;
  iati_org_id: string | null;
  verified: boolean;
  synthetic: boolean;
}

export async function findKnownOrganizations(db: Db): Promise<KnownOrganization[]> {
  return db
    .selectFrom('known_organization')
    .select(['id', 'name', 'iati_org_id', 'verified', 'synthetic'])
    .execute();
}

/** The projects among `ids` that exist, with their synthetic flag. */
export async function findExistingProjects(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; synthetic: boolean }[]> {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('project')
    .select(['id', 'synthetic'])
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
}

export async function findKnownCountries(db: Db) {
  return db.selectFrom('known_country').select(['iso3', 'iso2', 'region_m49']).execute();
}

export interface ImportedActivityRows {
  project: NewProjectRow;
  participants: { organization_id: string; role: string }[];
  recipients: { country_iso3: string; percentage: string | null; region_m49: string }[];
  regions: { vocabulary: string; code: string; percentage: string | null }[];
  transactions: NewFundingTransactionRow[];
  budgets: NewBudgetRow[];
  plannedDisbursements: NewPlannedDisbursementRow[];
  /** Unverified organisations this activity names first: recorded in `known_organization`. */
  organizations: { id: string; name: string; synthetic: boolean }[];
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
  who: { viewer: Viewer; requestId: string; dryRun?: boolean },
): Promise<ImportOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const outcome = await writeActivityRows(trx, rows, who);
      if (who.dryRun) {
        throw new DryRunRollback(outcome);
      }
      return outcome;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) {
      return error.outcome;
    }
    throw error;
  }
}

/** Rolls a dry run's transaction back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('dry run');
  }
}

/** Organisations the file named that partners has not registered yet: this subgraph's copy. */
async function addKnownOrganizations(trx: Db, rows: ImportedActivityRows): Promise<void> {
  if (rows.organizations.length === 0) {
    return;
  }
  await trx
    .insertInto('known_organization')
    .values(
      rows.organizations.map((o) => ({
        id: o.id,
        name: o.name,
        iati_org_id: null,
        source: 'IATI import: unverified (partners owns the organisation)',
        verified: false,
        synthetic: o.synthetic,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Replaces the participants when they differ; whether they did. */
async function replaceParticipants(trx: Db, rows: ImportedActivityRows): Promise<boolean> {
  const projectId = rows.project.id;
  const participants = await trx
    .selectFrom('project_participant')
    .select(['organization_id', 'role'])
    .where('project_id', '=', projectId)
    .execute();
  if (sameSet(participants, rows.participants)) {
    return false;
  }
  await trx.deleteFrom('project_participant').where('project_id', '=', projectId).execute();
  if (rows.participants.length > 0) {
    await trx
      .insertInto('project_participant')
      .values(rows.participants.map((p) => ({ ...p, project_id: projectId })))
      .execute();
  }
  return true;
}

type RecipientRow = { country_iso3: string; percentage: string | null; region_m49: string };

const trimmed = (list: readonly RecipientRow[]) =>
  list.map((r) => ({
    ...r,
    percentage: r.percentage === null ? null : trimPercentage(r.percentage),
  }));

/** Replaces the recipient countries when they differ; whether they did. */
async function replaceRecipients(trx: Db, rows: ImportedActivityRows): Promise<boolean> {
  const projectId = rows.project.id;
  const recipients = await trx
    .selectFrom('project_recipient_country')
    .select(['country_iso3', sql<string | null>`percentage::text`.as('percentage'), 'region_m49'])
    .where('project_id', '=', projectId)
    .execute();
  if (sameSet(trimmed(recipients), trimmed(rows.recipients))) {
    return false;
  }
  await trx.deleteFrom('project_recipient_country').where('project_id', '=', projectId).execute();
  if (rows.recipients.length > 0) {
    await trx
      .insertInto('project_recipient_country')
      .values(rows.recipients.map((r) => ({ ...r, project_id: projectId })))
      .execute();
  }
  return true;
}

/**
 * Upserts the money rows and archives the imported ones the file no longer lists (a budget or
 * planned disbursement by its flag, a transaction by its review state); whether any changed.
 */
async function writeMoney(trx: Db, rows: ImportedActivityRows): Promise<boolean> {
  const projectId = rows.project.id;
  const txIds = rows.transactions.map((t) => t.id);
  const budgetIds = rows.budgets.map((b) => b.id);
  const plannedIds = rows.plannedDisbursements.map((d) => d.id);
  const transactions = await upsertChanged(trx, 'funding_transaction', ['id'], rows.transactions);
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
  const budgets = await upsertChanged(trx, 'budget', ['id'], rows.budgets);
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
  const planned = await upsertChanged(
    trx,
    'planned_disbursement',
    ['id'],
    rows.plannedDisbursements,
  );
  const archivedPlanned = await trx
    .updateTable('planned_disbursement')
    .set({ archived: true })
    .where('project_id', '=', projectId)
    .where('archived', '=', false)
    .where((eb) =>
      plannedIds.length > 0 ? eb.not(eb('id', '=', sql<string>`any(${plannedIds})`)) : eb.lit(true),
    )
    .executeTakeFirst();
  return (
    [transactions, budgets, planned].some(([inserted, updated]) => inserted + updated > 0) ||
    [archivedTx, archivedBudgets, archivedPlanned].some((r) => Number(r.numUpdatedRows) > 0)
  );
}

async function writeActivityRows(
  trx: Transaction<FundingTables>,
  rows: ImportedActivityRows,
  who: { viewer: Viewer; requestId: string },
): Promise<ImportOutcome> {
  await addKnownOrganizations(trx, rows);
  const [projectInserted, projectUpdated] = await upsertChanged(
    trx,
    'project',
    ['id'],
    [rows.project],
  );
  let changed = projectInserted + projectUpdated > 0;
  changed = (await replaceParticipants(trx, rows)) || changed;
  changed = (await replaceRecipients(trx, rows)) || changed;
  changed = (await replaceRegions(trx, rows.project.id, rows.regions)) || changed;
  changed = (await writeMoney(trx, rows)) || changed;
  if (!changed) {
    return 'unchanged';
  }
  const outcome: ImportOutcome = projectInserted > 0 ? 'created' : 'updated';
  await appendAudit(trx, who, [
    {
      entityType: 'Project',
      entityId: rows.project.id,
      action: outcome === 'created' ? 'IMPORT_CREATE' : 'IMPORT_UPDATE',
      before: null,
      after: {
        project: rows.project,
        participants: rows.participants,
        recipients: rows.recipients,
        regions: rows.regions,
        transactions: rows.transactions.map((t) => t.id),
        budgets: rows.budgets.map((b) => b.id),
        plannedDisbursements: rows.plannedDisbursements.map((d) => d.id),
        unverifiedOrganizations: rows.organizations.map((o) => o.id),
      },
    },
  ]);
  return outcome;
}

/** Replaces the project's recipient regions when they differ; true when it did. */
async function replaceRegions(
  trx: Db,
  projectId: string,
  regions: ImportedActivityRows['regions'],
): Promise<boolean> {
  const stored = await trx
    .selectFrom('project_recipient_region')
    .select(['vocabulary', 'code', sql<string | null>`percentage::text`.as('percentage')])
    .where('project_id', '=', projectId)
    .execute();
  const trimmed = (list: ImportedActivityRows['regions']) =>
    list.map((r) => ({
      ...r,
      percentage: r.percentage === null ? null : trimPercentage(r.percentage),
    }));
  if (sameSet(trimmed(stored), trimmed(regions))) {
    return false;
  }
  await trx.deleteFrom('project_recipient_region').where('project_id', '=', projectId).execute();
  if (regions.length > 0) {
    await trx
      .insertInto('project_recipient_region')
      .values(regions.map((r) => ({ ...r, project_id: projectId })))
      .execute();
  }
  return true;
}

function trimPercentage(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
