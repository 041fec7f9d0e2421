import { barOption, type FigureOption, type FigureOptions } from './common.js';
import type { ContributionsData, FundingGroup } from './types.js';

/** The donor groups that carry a contribution (pledged, committed or received) in the period. */
export function contributionGroups(data: ContributionsData): FundingGroup[] {
  return data.fundingSummary.groups.filter(
    (g) =>
      g.pledged.transactionCount + g.committed.transactionCount + g.received.transactionCount > 0,
  );
}

/**
 * Contributions received in USD by donor, one stacked series per year (amounts converted at the
 * rates `ratesUsed` lists; each original currency is in the table beside the chart). Pledges are
 * shown apart, never added to receipts. `null` when no donor pledged, committed or paid.
 */
export function contributionsByDonorYearChart(
  data: ContributionsData,
  options: FigureOptions = {},
): FigureOption {
  const groups = contributionGroups(data);
  if (groups.length === 0) {
    return null;
  }
  const donors = [...new Set(groups.map((g) => g.donor?.name ?? 'Unknown donor'))];
  const years = [...new Set(groups.map((g) => g.year ?? 0))].sort();
  const value = (donor: string, year: number, flow: 'pledged' | 'received') =>
    groups
      .filter((g) => (g.donor?.name ?? 'Unknown donor') === donor && (g.year ?? 0) === year)
      .reduce((sum, g) => sum + Number(g[flow].amountUsd), 0);
  return barOption(
    donors,
    years.flatMap((year) => [
      {
        name: `${year || 'undated'} received (USD)`,
        stack: 'received',
        values: donors.map((d) => Math.round(value(d, year, 'received'))),
      },
      {
        name: `${year || 'undated'} pledged (USD)`,
        stack: 'pledged',
        values: donors.map((d) => Math.round(value(d, year, 'pledged'))),
      },
    ]),
    { ...options, valueName: 'USD' },
  );
}
