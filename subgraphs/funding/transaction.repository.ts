import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction as Trx } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { toConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import type { Budget } from './budget.entity.js';
import type { BudgetStatus, BudgetType, Earmarking, TransactionType } from './codes.model.js';
import { fundingTable, fxColumns, fxJoin, type FxSelection } from './exchange-rate.repository.js';
import type { FundingTables, NewFundingTransactionRow } from './funding.table.js';
import { toMonetaryAmount } from './money.model.js';
import type { Transaction } from './transaction.entity.js';
import type { TransactionInput } from './transaction.input.js';

type Db = Kysely<FundingTables>;

interface TransactionSelection extends FxSelection {
  id: string;
  project_id: string;
  type: string;
  transaction_date: string;
  amount: string;
  currency: string;
  value_date: string;
  provider_org_id: string | null;
  receiver_org_id: string | null;
  provider_activity_id: string | null;
  earmarking: string | null;
  description: string | null;
  synthetic: boolean;
  source: string;
  confidence: string;
  review_status: string;
  submitted_by_org_id: string | null;
  licence: string | null;
  attribution: string | null;
}

export function toTransaction(row: TransactionSelection): Transaction {
  return {
    id: row.id,
    type: row.type as TransactionType,
    date: row.transaction_date,
    value: toMonetaryAmount(row.amount, row.currency, row.value_date, row),
    providerActivityId: row.provider_activity_id,
    earmarking: row.earmarking as Earmarking | null,
    description: row.description,
    synthetic: row.synthetic,
    source: row.source,
    confidence: toConfidence(row.confidence),
    reviewStatus: row.review_status as ReviewStatus,
    licence: row.licence,
    attribution: row.attribution,
    projectId: row.project_id,
    providerOrgId: row.provider_org_id,
    receiverOrgId: row.receiver_org_id,
    submittedByOrgId: row.submitted_by_org_id,
  };
}

/** Transactions with their USD conversion, filtered by `where` (on alias `t`). */
async function selectTransactions(db: Db, where: RawBuilder<unknown>): Promise<Transaction[]> {
  const result = await sql<TransactionSelection>`
    select t.id, t.project_id, t.type, t.transaction_date::text as transaction_date, t.amount::text as amount,
      t.currency, t.value_date::text as value_date, t.provider_org_id, t.receiver_org_id,
      t.provider_activity_id, t.earmarking, t.description, t.synthetic, t.source, t.confidence,
      t.review_status, t.submitted_by_org_id, t.licence, t.attribution, ${fxColumns('t')}
    from ${fundingTable('funding_transaction')} t
    ${fxJoin('t')}
    where ${where}
    order by t.transaction_date, t.id`.execute(db);
  return result.rows.map(toTransaction);
}

export async function findTransactionsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Transaction[]> {
  if (ids.length === 0) {
    return [];
  }
  return selectTransactions(db, sql`t.id = any(${[...ids]})`);
}

/** Every non-archived transaction of the projects; visibility is the resolver's business. */
export async function findTransactionsByProjectIds(
  db: Db,
  projectIds: readonly string[],
): Promise<Transaction[]> {
  if (projectIds.length === 0) {
    return [];
  }
  return selectTransactions(
    db,
    sql`t.project_id = any(${[...projectIds]}) and t.review_status <> 'ARCHIVED'`,
  );
}

export async function findTransactionsByProviderOrgIds(
  db: Db,
  orgIds: readonly string[],
): Promise<Transaction[]> {
  if (orgIds.length === 0) {
    return [];
  }
  return selectTransactions(
    db,
    sql`t.provider_org_id = any(${[...orgIds]}) and t.review_status <> 'ARCHIVED'`,
  );
}

interface BudgetSelection extends FxSelection {
  id: string;
  project_id: string;
  type: string;
  status: string;
  period_start: string;
  period_end: string;
  amount: string;
  currency: string;
  value_date: string;
  synthetic: boolean;
  source: string;
}

export function toBudget(row: BudgetSelection): Budget {
  return {
    id: row.id,
    type: row.type as BudgetType,
    status: row.status as BudgetStatus,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    value: toMonetaryAmount(row.amount, row.currency, row.value_date, row),
    synthetic: row.synthetic,
    source: row.source,
    projectId: row.project_id,
  };
}

async function selectBudgets(db: Db, where: RawBuilder<unknown>): Promise<Budget[]> {
  const result = await sql<BudgetSelection>`
    select b.id, b.project_id, b.type, b.status, b.period_start::text as period_start,
      b.period_end::text as period_end, b.amount::text as amount, b.currency,
      b.value_date::text as value_date, b.synthetic, b.source, ${fxColumns('b')}
    from ${fundingTable('budget')} b
    ${fxJoin('b')}
    where ${where}
    order by b.period_start, b.id`.execute(db);
  return result.rows.map(toBudget);
}

export async function findBudgetsByIds(db: Db, ids: readonly string[]): Promise<Budget[]> {
  if (ids.length === 0) {
    return [];
  }
  return selectBudgets(db, sql`b.id = any(${[...ids]}) and not b.archived`);
}

export async function findBudgetsByProjectIds(
  db: Db,
  projectIds: readonly string[],
): Promise<Budget[]> {
  if (projectIds.length === 0) {
    return [];
  }
  return selectBudgets(db, sql`b.project_id = any(${[...projectIds]}) and not b.archived`);
}

// Writes.

/** A new transaction's row, on `projectId`, recorded by `by`. */
export function toTransactionRow(
  input: TransactionInput,
  projectId: string,
  by: { source: string; reviewStatus: ReviewStatus; submittedByOrgId: string | null },
): NewFundingTransactionRow & { id: string; provider_org_id: string | null } {
  return {
    id: `tx-${randomUUID()}`,
    project_id: projectId,
    type: input.type,
    transaction_date: input.date,
    amount: input.amount,
    currency: input.currency,
    value_date: input.valueDate ?? input.date,
    provider_org_id: input.providerOrgId ?? null,
    receiver_org_id: input.receiverOrgId ?? null,
    provider_activity_id: input.providerActivityId ?? null,
    earmarking: input.earmarking ?? null,
    description: input.description ?? null,
    synthetic: false,
    source: by.source,
    confidence: 'to verify',
    review_status: by.reviewStatus,
    submitted_by_org_id: by.submittedByOrgId,
  };
}

/** The stored row, locked, as JSON for the audit log; `undefined` when there is none. */
export async function lockTransaction(trx: Trx<FundingTables>, id: string) {
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

export async function insertTransaction(
  trx: Trx<FundingTables>,
  row: NewFundingTransactionRow,
): Promise<void> {
  await trx.insertInto('funding_transaction').values(row).execute();
}

export async function setTransactionReview(
  trx: Trx<FundingTables>,
  id: string,
  status: string,
): Promise<void> {
  await trx
    .updateTable('funding_transaction')
    .set({ review_status: status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
