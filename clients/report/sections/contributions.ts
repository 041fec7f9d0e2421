import { contributionGroups, contributionsByDonorYearChart } from '../../charts/figures/index.js';
import { figure, flowCell, sumBases, type ReportBuild } from '../figure.js';

export function contributionsSection(b: ReportBuild): void {
  const { data, counter, periodFigures, add } = b;
  // 7. Contributions.
  const summary = data.contributions.data.fundingSummary;
  const groups = contributionGroups(data.contributions.data);
  const contributionBasis = sumBases(
    'funding transaction',
    groups.map((g) => g.basis),
  );
  const contributionChart = figure(counter, {
    title: 'Contributions received and pledged, by donor and year (USD)',
    chart: contributionsByDonorYearChart(data.contributions.data, {
      synthetic: contributionBasis.syntheticRecords > 0,
    }),
    size: {
      width: 700,
      height: Math.max(220, 60 + 40 * new Set(groups.map((g) => g.donor?.id)).size),
    },
    basis: contributionBasis,
    calls: [data.contributions.call],
  });
  periodFigures.push(contributionChart);
  const spending = summary.groups.filter((g) => g.spent.transactionCount > 0);
  add({
    id: 'contributions',
    title: 'Extrabudgetary contributions',
    paragraphs: [
      'Contributions by donor and calendar year, in the original currency and in United States dollars; pledges, commitments, receipts and spending are kept apart and never added to each other.',
      `Conversion rule: ${summary.conversionRule}`,
      summary.scope,
    ],
    figures: [
      contributionChart,
      figure(counter, {
        title: 'Contributions by donor and year, original currency and USD, with the rates used',
        table: {
          head: ['Donor', 'Year', 'Pledged', 'Committed', 'Received', 'Rates used (units per USD)'],
          rows: groups.map((g) => [
            `${g.donor?.name ?? 'Unknown donor'}${g.basis.syntheticRecords > 0 ? ' [synthetic]' : ''}`,
            g.year === null ? '–' : String(g.year),
            flowCell(g.pledged),
            flowCell(g.committed),
            flowCell(g.received),
            g.ratesUsed
              .map((r) => `${r.currency} ${r.fxRate} (${r.period}, ${r.source})`)
              .join('; ') || '–',
          ]),
        },
        basis: contributionBasis,
        calls: [data.contributions.call],
      }),
      figure(counter, {
        title: 'Spending in the period, by spending organisation and year',
        table: {
          head: ['Organisation', 'Year', 'Spent', 'Rates used (units per USD)'],
          rows: spending.map((g) => [
            `${g.donor?.name ?? 'Unknown'}${g.basis.syntheticRecords > 0 ? ' [synthetic]' : ''}`,
            g.year === null ? '–' : String(g.year),
            flowCell(g.spent),
            g.ratesUsed.map((r) => `${r.currency} ${r.fxRate} (${r.period})`).join('; ') || '–',
          ]),
        },
        basis: sumBases(
          'funding transaction',
          spending.map((g) => g.basis),
        ),
        calls: [data.contributions.call],
      }),
    ],
    notRecorded: [
      'the share of contributions by region is not shown here (fundingSummary groupBy REGION gives it)',
    ],
  });
}
