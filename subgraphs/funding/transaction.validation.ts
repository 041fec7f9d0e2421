import { createRequire } from 'node:module';
import type { Problems } from '../../schema/validation.js';
import type { Project } from './project.entity.js';
import type { TransactionInput } from './transaction.input.js';

// The checks of money: amounts, currencies and the dates of a transaction on its project. Pure:
// the organisations that exist are read first and passed in.

// ISO 4217 from the `currency-codes` package (MIT; ISO 4217 list one, published 2024-06-25).
const require = createRequire(import.meta.url);
const currencyCodes = require('currency-codes') as { codes(): string[] };
const ISO_4217: ReadonlySet<string> = new Set(currencyCodes.codes());

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function isKnownCurrency(code: string): boolean {
  return ISO_4217.has(code);
}

/** An amount must be an exact decimal greater than zero (checked as text: never a float). */
export function amountProblem(value: string): string | undefined {
  if (!DECIMAL.test(value)) {
    return `must be a decimal number written as a string, such as "1250.50"; got ${JSON.stringify(value)}`;
  }
  if (value.startsWith('-')) {
    return `must not be negative; got "${value}"`;
  }
  if (/^0(\.0+)?$/.test(value)) {
    return 'must be greater than zero';
  }
  return undefined;
}

export function currencyProblem(value: string): string | undefined {
  return isKnownCurrency(value)
    ? undefined
    : `"${value}" is not an ISO 4217 currency code (such as "USD", "NOK", "EUR")`;
}

export interface ProjectDates {
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/** Actual dates when known, planned otherwise; open where neither is set. */
export function dateOutsideProject(date: string, project: ProjectDates): string | undefined {
  const start = project.actualStart ?? project.plannedStart;
  const end = project.actualEnd ?? project.plannedEnd;
  if (start && date < start) {
    return `${date} is before the project starts (${start})`;
  }
  if (end && date > end) {
    return `${date} is after the project ends (${end})`;
  }
  return undefined;
}

/** A transaction on `project`, with the organisations (of those it names) that exist. */
export function transactionProblems(
  input: TransactionInput,
  project: Project,
  knownOrganizations: ReadonlySet<string>,
): Problems {
  const problems: Problems = [];
  const add = (field: string, message: string | undefined) => {
    if (message) {
      problems.push({ field, message });
    }
  };
  add('input.amount', amountProblem(input.amount));
  add('input.currency', currencyProblem(input.currency));
  add('input.date', dateOutsideProject(input.date, project));
  const provider = input.providerOrgId;
  if (provider && !knownOrganizations.has(provider)) {
    add('input.providerOrgId', `"${provider}" is not a known organisation id`);
  } else if (provider && !project.participatingOrgs.some((p) => p.organization.id === provider)) {
    add(
      'input.providerOrgId',
      `"${provider}" is not a participating organisation of project "${project.id}"`,
    );
  }
  if (input.receiverOrgId && !knownOrganizations.has(input.receiverOrgId)) {
    add('input.receiverOrgId', `"${input.receiverOrgId}" is not a known organisation id`);
  }
  return problems;
}

/** A review step of a transaction: only from the states it may leave. */
export function reviewStepProblems(current: string, to: string, from: readonly string[]): Problems {
  return from.includes(current)
    ? []
    : [
        {
          field: 'id',
          message: `transaction is ${current}; only ${from.join(' or ')} may become ${to}`,
        },
      ];
}
