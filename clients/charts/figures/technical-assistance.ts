import { barOption, labelOf, type FigureOption, type FigureOptions } from './common.js';
import type { DeliverySummary, TechnicalAssistanceData } from './types.js';

/** The five practitioner roles of DOMAIN §7 first, then any other role the graph records. */
const ROLE_ORDER = ['FIRST_RESPONDER', 'INVESTIGATOR', 'PROSECUTOR', 'FORENSIC_EXPERT', 'JUDGE'];

/** Activities per group of a delivery summary (type, pillar, region or country). `null` when none. */
export function activitiesChart(
  summary: DeliverySummary,
  options: FigureOptions = {},
): FigureOption {
  const rows = summary.rows.filter((r) => r.activities > 0);
  if (rows.length === 0) {
    return null;
  }
  return barOption(
    rows.map((r) => groupLabel(summary.groupBy, r)),
    [{ name: 'Activities', values: rows.map((r) => r.activities) }],
    options,
  );
}

/** A delivery row's label: the region's or country's name, else the code made readable. */
export function groupLabel(groupBy: string, row: DeliverySummary['rows'][number]): string {
  if (groupBy === 'REGION' && row.region) {
    return row.region.name;
  }
  if (groupBy === 'COUNTRY' && row.country) {
    return row.country.name;
  }
  return labelOf(row.key);
}

/**
 * Practitioners trained in the period, summed over activity types (an activity has one type, so
 * nothing is counted twice): by role, and by sex.
 */
export function practitionersTrained(data: TechnicalAssistanceData) {
  const byRole = new Map<string, number>();
  let total = 0;
  let female = 0;
  let male = 0;
  let other = 0;
  for (const row of data.byType.rows) {
    const p = row.practitionersTrained;
    total += p.total;
    female += p.female;
    male += p.male;
    other += p.other;
    for (const r of p.byRole) {
      byRole.set(r.role, (byRole.get(r.role) ?? 0) + r.count);
    }
  }
  const roles = [...byRole.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return {
    total,
    female,
    male,
    other,
    byRole: roles.map((role) => ({ role, count: byRole.get(role) ?? 0 })),
  };
}

function rank(role: string): number {
  const i = ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
}

/** Practitioners trained by role. `null` when nobody was trained. */
export function practitionersByRoleChart(
  data: TechnicalAssistanceData,
  options: FigureOptions = {},
): FigureOption {
  const p = practitionersTrained(data);
  if (p.total === 0) {
    return null;
  }
  return barOption(
    p.byRole.map((r) => labelOf(r.role)),
    [{ name: 'Practitioners', values: p.byRole.map((r) => r.count) }],
    options,
  );
}

/** Practitioners trained by sex (female, male, other or not stated). `null` when nobody was trained. */
export function practitionersBySexChart(
  data: TechnicalAssistanceData,
  options: FigureOptions = {},
): FigureOption {
  const p = practitionersTrained(data);
  if (p.total === 0) {
    return null;
  }
  return barOption(
    ['Female', 'Male', 'Other or not stated'],
    [{ name: 'Practitioners', values: [p.female, p.male, p.other] }],
    options,
  );
}

/** Requests for assistance received and met in the period, by the requesting State's region. `null` when none. */
export function requestsChart(
  data: TechnicalAssistanceData,
  options: FigureOptions = {},
): FigureOption {
  const rows = data.byRegion.rows.filter(
    (r) => (r.requestsReceived ?? 0) + (r.requestsMet ?? 0) > 0,
  );
  if (rows.length === 0) {
    return null;
  }
  return barOption(
    rows.map((r) => groupLabel('REGION', r)),
    [
      { name: 'Received', values: rows.map((r) => r.requestsReceived ?? 0) },
      { name: 'Met', values: rows.map((r) => r.requestsMet ?? 0) },
    ],
    options,
  );
}

/** Requests received and met in the period, in total (each request has one requesting State and region). */
export function requestTotals(data: TechnicalAssistanceData): { received: number; met: number } {
  return data.byRegion.rows.reduce(
    (t, r) => ({
      received: t.received + (r.requestsReceived ?? 0),
      met: t.met + (r.requestsMet ?? 0),
    }),
    { received: 0, met: 0 },
  );
}
