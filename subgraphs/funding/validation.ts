import { createRequire } from 'node:module';
import type { InvalidField } from '../../schema/errors.js';

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

/**
 * Sums percentages exactly, in hundredths, as integers (at most two decimals each). Returns the
 * problem or `undefined` when they sum to 100.
 */
export function percentagesProblem(
  values: readonly (string | null | undefined)[],
): string | undefined {
  const given = values.filter((v): v is string => v !== null && v !== undefined);
  if (given.length === 0) {
    return values.length > 1
      ? 'give a percentage for each country when there are several'
      : undefined;
  }
  if (given.length !== values.length) {
    return 'give a percentage for every country, or for none';
  }
  let hundredths = 0n;
  for (const value of given) {
    const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
    if (!match) {
      return `"${value}" is not a percentage with at most two decimals`;
    }
    hundredths += BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  }
  if (hundredths !== 10000n) {
    const whole = hundredths / 100n;
    const cents = String(hundredths % 100n).padStart(2, '0');
    return `must sum to 100; they sum to ${whole}.${cents}`;
  }
  return undefined;
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

export function collect(problems: (InvalidField | undefined)[]): InvalidField[] {
  return problems.filter((p): p is InvalidField => p !== undefined);
}
