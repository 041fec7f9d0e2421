import { isValidDate } from '../../schema/scalars.js';
import { TRANSACTION_TYPE_CODES, type TransactionType } from './codes.model.js';
import type { ImportedActivityRows } from './iati-import.repository.js';
import { resolveOrganization } from './iati-organizations.import.js';
import { hash, invert, type ActivityDates, type Step } from './iati-step.import.js';
import type { IatiTransaction, IatiValue } from './iati.model.js';
import { currencyProblem, dateOutsideProject } from './transaction.validation.js';

// The money of one IATI activity: its transactions, budgets and planned disbursements, each
// value an exact decimal in an ISO 4217 currency, dated.

const TYPE = invert<TransactionType>(TRANSACTION_TYPE_CODES);
/** IATI TransactionType codes for loans and equity: valid IATI, not flows this repository counts. */
const SKIPPED_TYPES = new Map([
  ['5', 'Interest Payment'],
  ['6', 'Loan Repayment'],
  ['8', 'Purchase of Equity'],
  ['9', 'Sale of Equity'],
  ['10', 'Credit Guarantee'],
]);
const BUDGET_TYPE = new Map([
  ['1', 'ORIGINAL'],
  ['2', 'REVISED'],
]);
const BUDGET_STATUS = new Map([
  ['1', 'INDICATIVE'],
  ['2', 'COMMITTED'],
]);
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const ZERO = /^-?0(\.0+)?$/;

interface Money {
  amount: string;
  currency: string;
  value_date: string;
}

/**
 * One `<value>`: an exact decimal (negative when `signed`: reversals and corrections), an
 * ISO 4217 currency (its own or the activity's default) and a value date (its own or the
 * fallback). Undefined when the value is zero: nothing flows, the element is skipped with a warning.
 */
function readMoney(
  { activity, findings }: Step,
  v: IatiValue,
  fallbackDate: string | undefined,
  at: string,
  element: string,
  signed: boolean,
): Money | undefined {
  const where = `${element}/value`;
  const currency = v.currency ?? activity.defaultCurrency;
  const amount = v.amount ?? '';
  const valueDate = v.valueDate ?? fallbackDate;
  if (!DECIMAL.test(amount)) {
    findings.refuse(
      at,
      where,
      `must be a decimal number such as "1250.50" or "-300"; got ${JSON.stringify(amount)}`,
    );
  } else if (!signed && amount.startsWith('-')) {
    findings.refuse(at, where, `must not be negative; got "${amount}"`);
  }
  if (!currency) {
    findings.refuse(at, where, 'has no @currency and the activity no @default-currency');
  } else {
    const currencyIssue = currencyProblem(currency);
    if (currencyIssue) {
      findings.refuse(at, where, `@currency ${currencyIssue}`);
    }
  }
  if (!valueDate || !isValidDate(valueDate)) {
    findings.refuse(at, where, `@value-date "${valueDate ?? ''}" is not a YYYY-MM-DD date`);
  }
  if (ZERO.test(amount)) {
    findings.warn(at, where, 'is zero: nothing flows, skipped');
    return undefined;
  }
  return { amount, currency: currency ?? '', value_date: valueDate ?? '' };
}

export function readTransactions(
  step: Step,
  dates: ActivityDates,
  participants: ImportedActivityRows['participants'],
): ImportedActivityRows['transactions'] {
  const seen = new Map<string, number>();
  return step.activity.transactions.flatMap((t) => {
    const row = readTransaction(step, t, dates, participants, seen);
    return row ? [row] : [];
  });
}

function readTransaction(
  step: Step,
  t: IatiTransaction,
  dates: ActivityDates,
  participants: ImportedActivityRows['participants'],
  seen: Map<string, number>,
): ImportedActivityRows['transactions'][number] | undefined {
  const type = readTransactionType(step, t);
  if (type === 'skipped') {
    return undefined;
  }
  checkTransactionDate(step, t, dates);
  const money = readMoney(step, t.value, t.date, t.at, 'transaction', true);
  const provider = resolveOrganization(step, t.provider, t.at, 'provider-org');
  if (provider && !participants.some((p) => p.organization_id === provider)) {
    step.findings.warn(
      t.at,
      'provider-org',
      `"${provider}" is not a participating organisation of the activity`,
    );
  }
  const receiver = resolveOrganization(step, t.receiver, t.at, 'receiver-org');
  if (!money) {
    return undefined;
  }
  return {
    id: transactionId(step, t, money, seen),
    project_id: step.projectId,
    type: type ?? '',
    transaction_date: t.date ?? '',
    ...money,
    provider_org_id: provider ?? null,
    receiver_org_id: receiver ?? null,
    provider_activity_id: t.providerActivityId ?? null,
    earmarking: null,
    description: t.description ?? null,
    synthetic: step.context.synthetic,
    source: step.context.source,
    confidence: 'to verify',
    review_status: 'PUBLISHED',
    submitted_by_org_id: null,
  };
}

/** The repository's type; `skipped` (with a warning) for loan and equity types; else refused. */
function readTransactionType(
  { findings }: Step,
  t: IatiTransaction,
): TransactionType | 'skipped' | undefined {
  const skipped = t.typeCode ? SKIPPED_TYPES.get(t.typeCode) : undefined;
  if (skipped) {
    findings.warn(
      t.at,
      'transaction-type',
      `code "${t.typeCode}" (${skipped}) is not a flow this repository counts: skipped`,
    );
    return 'skipped';
  }
  const type = t.typeCode ? TYPE.get(t.typeCode) : undefined;
  if (!type) {
    findings.refuse(
      t.at,
      'transaction-type',
      `code "${t.typeCode ?? ''}" is not an IATI TransactionType (1–13)`,
    );
  }
  return type;
}

/** A real date is required; one outside the activity's dates is warned about, not refused. */
function checkTransactionDate({ findings }: Step, t: IatiTransaction, dates: ActivityDates) {
  if (!t.date || !isValidDate(t.date)) {
    findings.refuse(
      t.at,
      'transaction-date',
      `iso-date "${t.date ?? ''}" is not a YYYY-MM-DD date`,
    );
    return;
  }
  const outside = dateOutsideProject(t.date, dates);
  if (outside) {
    findings.warn(t.at, 'transaction-date', `${outside}: imported, check the dates`);
  }
}

/**
 * Stable across imports: the transaction's own @ref, else its natural key, with the occurrence
 * of that key in the activity (two identical rows are two transactions).
 */
function transactionId(
  { activity }: Step,
  t: IatiTransaction,
  money: Money,
  seen: Map<string, number>,
): string {
  const natural =
    t.ref ??
    [t.typeCode, t.date, money.amount, money.currency, t.provider.ref, t.receiver.ref].join('|');
  const occurrence = (seen.get(natural) ?? 0) + 1;
  seen.set(natural, occurrence);
  return `iati-${hash(`${activity.identifier ?? ''}|${natural}|${occurrence}`)}`;
}

function readPeriod(
  step: Step,
  at: string,
  element: string,
  start: string | undefined,
  end: string | undefined,
  endRequired: boolean,
) {
  for (const [name, date, required] of [
    ['period-start', start, true],
    ['period-end', end, endRequired],
  ] as const) {
    if ((required || date !== undefined) && (!date || !isValidDate(date))) {
      step.findings.refuse(
        at,
        `${element}/${name}`,
        `iso-date "${date ?? ''}" is not a YYYY-MM-DD date`,
      );
    }
  }
  if (start && end && isValidDate(start) && isValidDate(end) && end < start) {
    step.findings.refuse(at, `${element}/period-end`, `${end} is before period-start ${start}`);
  }
}

export function readBudgets(step: Step): ImportedActivityRows['budgets'] {
  return step.activity.budgets.flatMap((b, i) => {
    const type = BUDGET_TYPE.get(b.typeCode ?? '1');
    const status = BUDGET_STATUS.get(b.statusCode ?? '1');
    if (!type) {
      step.findings.refuse(b.at, 'budget', `type "${b.typeCode}" is not an IATI BudgetType (1, 2)`);
    }
    if (!status) {
      step.findings.refuse(
        b.at,
        'budget',
        `status "${b.statusCode}" is not an IATI BudgetStatus (1, 2)`,
      );
    }
    readPeriod(step, b.at, 'budget', b.periodStart, b.periodEnd, true);
    const money = readMoney(step, b.value, b.periodStart, b.at, 'budget', false);
    if (!money) {
      return [];
    }
    return [
      {
        id: `iati-${hash(`${step.activity.identifier ?? ''}|budget|${b.typeCode}|${b.periodStart}|${b.periodEnd}|${i}`)}`,
        project_id: step.projectId,
        type: type ?? '',
        status: status ?? '',
        period_start: b.periodStart ?? '',
        period_end: b.periodEnd ?? '',
        ...money,
        synthetic: step.context.synthetic,
        source: step.context.source,
      },
    ];
  });
}

export function readPlannedDisbursements(step: Step): ImportedActivityRows['plannedDisbursements'] {
  return step.activity.plannedDisbursements.flatMap((d, i) => {
    const type = BUDGET_TYPE.get(d.typeCode ?? '1');
    if (!type) {
      step.findings.refuse(
        d.at,
        'planned-disbursement',
        `type "${d.typeCode}" is not an IATI BudgetType (1, 2)`,
      );
    }
    readPeriod(step, d.at, 'planned-disbursement', d.periodStart, d.periodEnd, false);
    const money = readMoney(step, d.value, d.periodStart, d.at, 'planned-disbursement', true);
    const provider = resolveOrganization(step, d.provider, d.at, 'provider-org');
    const receiver = resolveOrganization(step, d.receiver, d.at, 'receiver-org');
    if (!money) {
      return [];
    }
    return [
      {
        id: `iati-${hash(`${step.activity.identifier ?? ''}|planned|${d.typeCode}|${d.periodStart}|${d.periodEnd}|${i}`)}`,
        project_id: step.projectId,
        type: type ?? '',
        period_start: d.periodStart ?? '',
        period_end: d.periodEnd ?? null,
        ...money,
        provider_org_id: provider ?? null,
        receiver_org_id: receiver ?? null,
        synthetic: step.context.synthetic,
        source: step.context.source,
      },
    ];
  });
}
