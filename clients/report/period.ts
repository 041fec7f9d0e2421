import { ReportError } from './graph-client.js';

/** The reporting period, both days included. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(field: 'from' | 'to', value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new ReportError(
      field,
      `"${field}" is required: the ${field === 'from' ? 'first' : 'last'} day of the period, as YYYY-MM-DD.`,
    );
  }
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (
    !match ||
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw new ReportError(
      field,
      `"${field}" = "${value}" is not a calendar date; give it as YYYY-MM-DD, such as 2025-01-01.`,
    );
  }
  return value;
}

/** Checks a period: both real calendar days, `to` not before `from`. */
export function parsePeriod(from: string | undefined, to: string | undefined): Period {
  const start = parseDay('from', from);
  const end = parseDay('to', to);
  if (end < start) {
    throw new ReportError(
      'to',
      `The period ends (to = ${end}) before it starts (from = ${start}); give a "to" on or after "from".`,
    );
  }
  return { from: start, to: end };
}

/** The day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Whether a day (or a bare year, for records dated only so) falls in the period. */
export function inPeriod(
  period: Period,
  day: string | null | undefined,
  year?: number | null,
): boolean {
  if (day) {
    return day >= period.from && day <= period.to;
  }
  if (year !== undefined && year !== null) {
    return year >= Number(period.from.slice(0, 4)) && year <= Number(period.to.slice(0, 4));
  }
  return false;
}
