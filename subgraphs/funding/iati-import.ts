import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KeyValueCache } from '../../loaders/cache.js';
import { invalidate } from '../../loaders/invalidation.js';
import { isValidDate } from '../../schema/scalars.js';
import {
  ACTIVITY_STATUS_CODES,
  ORGANISATION_ROLE_CODES,
  TRANSACTION_TYPE_CODES,
  type ActivityStatus,
  type OrganisationRole,
  type TransactionType,
} from './codes.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import type { FundingTables } from './funding.table.js';
import {
  findKnownCountries,
  findKnownOrganizations,
  importActivityRows,
  type ImportedActivityRows,
} from './iati-import.repository.js';
import { parseIatiActivities, type IatiActivity, type IatiValue } from './iati.parse.js';
import {
  amountProblem,
  currencyProblem,
  dateOutsideProject,
  percentagesProblem,
} from './validation.js';

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  rejected: { activity: string; line: number; reasons: string[] }[];
}

export interface ImportOptions {
  /** Marks every imported record `synthetic: true` (for illustrative files). */
  readonly synthetic: boolean;
  /** Named in each record's `source`. */
  readonly sourceName: string;
  readonly cache?: KeyValueCache | undefined;
}

const invert = <T extends string>(codes: Readonly<Record<T, string>>) =>
  new Map(Object.entries(codes).map(([name, code]) => [code as string, name as T]));
const STATUS = invert<ActivityStatus>(ACTIVITY_STATUS_CODES);
const ROLE = invert<OrganisationRole>(ORGANISATION_ROLE_CODES);
const TYPE = invert<TransactionType>(TRANSACTION_TYPE_CODES);
const BUDGET_TYPE = new Map([
  ['1', 'ORIGINAL'],
  ['2', 'REVISED'],
]);
const BUDGET_STATUS = new Map([
  ['1', 'INDICATIVE'],
  ['2', 'COMMITTED'],
]);
const IMPORT_VIEWER = { role: 'admin', subject: 'import:iati' } as const;

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/**
 * Imports an IATI 2.03 activity file: each activity is checked in full first and then written in
 * its own database transaction, or rejected with every reason (line and element). Idempotent.
 * A malformed file throws `IatiFileError` before anything is written.
 */
export async function importIati(
  db: Kysely<FundingTables>,
  xml: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const activities = parseIatiActivities(xml);
  const organizations = await findKnownOrganizations(db);
  const orgByRef = new Map<string, string>();
  for (const org of organizations) {
    orgByRef.set(org.id, org.id);
    if (org.iati_org_id) {
      orgByRef.set(org.iati_org_id, org.id);
    }
  }
  const countries = new Map((await findKnownCountries(db)).map((c) => [c.iso2, c]));
  const report: ImportReport = { created: [], updated: [], unchanged: [], rejected: [] };
  const requestId = `import-iati-${new Date().toISOString()}`;
  for (const activity of activities) {
    const label = activity.identifier ?? `(activity at line ${activity.line})`;
    const checked = toRows(activity, orgByRef, countries, options);
    if ('reasons' in checked) {
      report.rejected.push({ activity: label, line: activity.line, reasons: checked.reasons });
      continue;
    }
    const outcome = await importActivityRows(db, checked, { viewer: IMPORT_VIEWER, requestId });
    report[outcome].push(label);
    if (outcome !== 'unchanged') {
      await invalidate(options.cache, {
        keys: [
          FUNDING_CACHE.projectById + checked.project.id,
          FUNDING_CACHE.transactionsByProjectId + checked.project.id,
          FUNDING_CACHE.budgetsByProjectId + checked.project.id,
          ...checked.budgets.map((b) => FUNDING_CACHE.budgetById + b.id),
          ...checked.transactions.flatMap((t) => [
            FUNDING_CACHE.transactionById + t.id,
            ...(t.provider_org_id
              ? [FUNDING_CACHE.transactionsByProviderOrgId + t.provider_org_id]
              : []),
          ]),
        ],
        tags: ['Project', 'Transaction', `Project:${checked.project.id}`],
      });
    }
  }
  return report;
}

function toRows(
  activity: IatiActivity,
  orgByRef: ReadonlyMap<string, string>,
  countries: ReadonlyMap<string, { iso3: string; region_m49: string }>,
  options: ImportOptions,
): ImportedActivityRows | { reasons: string[] } {
  const reasons: string[] = [];
  const problem = (line: number, element: string, message: string) =>
    reasons.push(`line ${line} <${element}>: ${message}`);
  const at = activity.line;
  if (!activity.identifier) {
    problem(at, 'iati-identifier', 'is missing');
  }
  if (!activity.title) {
    problem(at, 'title', 'needs a <narrative>');
  }
  const status = activity.statusCode ? STATUS.get(activity.statusCode) : undefined;
  if (!status) {
    problem(
      at,
      'activity-status',
      `code "${activity.statusCode ?? ''}" is not an IATI ActivityStatus (1–6)`,
    );
  }
  const dates: Record<string, string | null> = { '1': null, '2': null, '3': null, '4': null };
  for (const d of activity.dates) {
    if (!d.typeCode || !(d.typeCode in dates)) {
      problem(
        d.line,
        'activity-date',
        `type "${d.typeCode ?? ''}" is not an IATI ActivityDateType (1–4)`,
      );
    } else if (!d.isoDate || !isValidDate(d.isoDate)) {
      problem(d.line, 'activity-date', `iso-date "${d.isoDate ?? ''}" is not a YYYY-MM-DD date`);
    } else {
      dates[d.typeCode] = d.isoDate;
    }
  }
  const participants: { organization_id: string; role: string }[] = [];
  for (const p of activity.participants) {
    const org = p.ref ? orgByRef.get(p.ref) : undefined;
    const role = p.roleCode ? ROLE.get(p.roleCode) : undefined;
    if (!org) {
      problem(p.line, 'participating-org', `ref "${p.ref ?? ''}" is not a known organisation`);
    }
    if (!role) {
      problem(
        p.line,
        'participating-org',
        `role "${p.roleCode ?? ''}" is not an IATI OrganisationRole (1–4)`,
      );
    }
    if (org && role && !participants.some((x) => x.organization_id === org && x.role === role)) {
      participants.push({ organization_id: org, role });
    }
  }
  const recipients: ImportedActivityRows['recipients'] = [];
  for (const r of activity.recipients) {
    const country = r.code ? countries.get(r.code) : undefined;
    if (!country) {
      problem(
        r.line,
        'recipient-country',
        `code "${r.code ?? ''}" is not a known ISO 3166-1 alpha-2 code`,
      );
    } else {
      recipients.push({
        country_iso3: country.iso3,
        percentage: r.percentage ?? null,
        region_m49: country.region_m49,
      });
    }
  }
  const split = percentagesProblem(activity.recipients.map((r) => r.percentage));
  if (split) {
    problem(activity.recipients[0]?.line ?? at, 'recipient-country', `percentages ${split}`);
  }
  const projectDates = {
    plannedStart: dates['1'] ?? null,
    actualStart: dates['2'] ?? null,
    plannedEnd: dates['3'] ?? null,
    actualEnd: dates['4'] ?? null,
  };
  const projectId = `iati:${activity.identifier ?? ''}`;
  const source = `IATI activity file ${options.sourceName}${options.synthetic ? ' (synthetic content)' : ''}`;
  const money = (v: IatiValue, fallbackDate: string | undefined, line: number, element: string) => {
    const currency = v.currency ?? activity.defaultCurrency;
    const amount = v.amount ?? '';
    const valueDate = v.valueDate ?? fallbackDate;
    const amountIssue = amountProblem(amount);
    if (amountIssue) {
      problem(line, `${element}/value`, amountIssue);
    }
    if (!currency) {
      problem(line, `${element}/value`, 'has no @currency and the activity no @default-currency');
    } else {
      const currencyIssue = currencyProblem(currency);
      if (currencyIssue) {
        problem(line, `${element}/value`, `@currency ${currencyIssue}`);
      }
    }
    if (!valueDate || !isValidDate(valueDate)) {
      problem(
        line,
        `${element}/value`,
        `@value-date "${valueDate ?? ''}" is not a YYYY-MM-DD date`,
      );
    }
    return { amount, currency: currency ?? '', value_date: valueDate ?? '' };
  };
  const seen = new Map<string, number>();
  const transactions: ImportedActivityRows['transactions'] = activity.transactions.map((t) => {
    const type = t.typeCode ? TYPE.get(t.typeCode) : undefined;
    if (!type) {
      problem(
        t.line,
        'transaction-type',
        `code "${t.typeCode ?? ''}" is not a supported IATI TransactionType (1, 2, 3, 4, 7, 11, 12, 13)`,
      );
    }
    if (!t.date || !isValidDate(t.date)) {
      problem(t.line, 'transaction-date', `iso-date "${t.date ?? ''}" is not a YYYY-MM-DD date`);
    } else {
      const outside = dateOutsideProject(t.date, projectDates);
      if (outside) {
        problem(t.line, 'transaction-date', outside);
      }
    }
    const v = money(t.value, t.date, t.line, 'transaction');
    const provider = t.providerRef ? orgByRef.get(t.providerRef) : undefined;
    if (t.providerRef && !provider) {
      problem(t.line, 'provider-org', `ref "${t.providerRef}" is not a known organisation`);
    } else if (provider && !participants.some((p) => p.organization_id === provider)) {
      problem(
        t.line,
        'provider-org',
        `"${provider}" is not a participating organisation of the activity`,
      );
    }
    const receiver = t.receiverRef ? orgByRef.get(t.receiverRef) : undefined;
    if (t.receiverRef && !receiver) {
      problem(t.line, 'receiver-org', `ref "${t.receiverRef}" is not a known organisation`);
    }
    const natural =
      t.ref ?? [t.typeCode, t.date, v.amount, v.currency, t.providerRef, t.receiverRef].join('|');
    const occurrence = (seen.get(natural) ?? 0) + 1;
    seen.set(natural, occurrence);
    return {
      id: `iati-${hash(`${activity.identifier ?? ''}|${natural}|${occurrence}`)}`,
      project_id: projectId,
      type: type ?? '',
      transaction_date: t.date ?? '',
      amount: v.amount,
      currency: v.currency,
      value_date: v.value_date,
      provider_org_id: provider ?? null,
      receiver_org_id: receiver ?? null,
      provider_activity_id: t.providerActivityId ?? null,
      earmarking: null,
      description: t.description ?? null,
      synthetic: options.synthetic,
      source,
      confidence: 'to verify',
      review_status: 'PUBLISHED',
      submitted_by_org_id: null,
    };
  });
  const budgets: ImportedActivityRows['budgets'] = activity.budgets.map((b, i) => {
    const type = BUDGET_TYPE.get(b.typeCode ?? '1');
    const status = BUDGET_STATUS.get(b.statusCode ?? '1');
    if (!type) {
      problem(b.line, 'budget', `type "${b.typeCode}" is not an IATI BudgetType (1, 2)`);
    }
    if (!status) {
      problem(b.line, 'budget', `status "${b.statusCode}" is not an IATI BudgetStatus (1, 2)`);
    }
    for (const [name, date] of [
      ['period-start', b.periodStart],
      ['period-end', b.periodEnd],
    ] as const) {
      if (!date || !isValidDate(date)) {
        problem(b.line, `budget/${name}`, `iso-date "${date ?? ''}" is not a YYYY-MM-DD date`);
      }
    }
    const v = money(b.value, b.periodStart, b.line, 'budget');
    return {
      id: `iati-${hash(`${activity.identifier ?? ''}|budget|${b.typeCode}|${b.periodStart}|${b.periodEnd}|${i}`)}`,
      project_id: projectId,
      type: type ?? '',
      status: status ?? '',
      period_start: b.periodStart ?? '',
      period_end: b.periodEnd ?? '',
      amount: v.amount,
      currency: v.currency,
      value_date: v.value_date,
      synthetic: options.synthetic,
      source,
    };
  });
  const sectors = activity.sectors
    .filter((s) => (s.vocabulary ?? '1') === '1')
    .map((s) => {
      if (!s.code || !/^\d{5}$/.test(s.code)) {
        problem(s.line, 'sector', `code "${s.code ?? ''}" is not a five-digit DAC purpose code`);
      }
      return s.code ?? '';
    });
  if (reasons.length > 0) {
    return { reasons };
  }
  return {
    project: {
      id: projectId,
      iati_identifier: activity.identifier ?? null,
      title: activity.title ?? '',
      description: activity.description ?? null,
      status: status ?? '',
      planned_start: projectDates.plannedStart,
      planned_end: projectDates.plannedEnd,
      actual_start: projectDates.actualStart,
      actual_end: projectDates.actualEnd,
      parent_id: null,
      gpc_pillars: [],
      gpc_areas: [],
      sectors,
      synthetic: options.synthetic,
      source,
      confidence: 'to verify',
      review_status: 'PUBLISHED',
    },
    participants,
    recipients,
    transactions,
    budgets,
  };
}
