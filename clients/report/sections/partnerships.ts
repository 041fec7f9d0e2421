import { labelOf, barOption } from '../../charts/figures/index.js';
import { figure, listBasis, type ReportBuild } from '../figure.js';
import { inPeriod } from '../period.js';

export function partnershipsSection(b: ReportBuild): void {
  const { data, counter, periodFigures, add } = b;
  const { period, includeSynthetic } = data;
  // 6. Partnerships.
  const partnerships = data.partnerships.records;
  const newPartnerships = partnerships.filter((p) => inPeriod(period, p.startDate));
  const activePartnerships = partnerships.filter(
    (p) => p.startDate <= period.to && (p.endDate === null || p.endDate >= period.from),
  );
  const partnershipBasis = listBasis('partnership', activePartnerships, includeSynthetic);
  const types = [...new Set(activePartnerships.map((p) => p.type))].sort();
  const partnershipChart = figure(counter, {
    title: 'Partnerships active in the period, by type',
    chart:
      activePartnerships.length === 0
        ? null
        : barOption(
            types.map(labelOf),
            [
              {
                name: 'Started in the period',
                values: types.map((t) => newPartnerships.filter((p) => p.type === t).length),
              },
              {
                name: 'Active in the period',
                values: types.map((t) => activePartnerships.filter((p) => p.type === t).length),
              },
            ],
            { synthetic: partnershipBasis.syntheticRecords > 0 },
          ),
    basis: partnershipBasis,
    calls: data.partnerships.calls,
  });
  periodFigures.push(partnershipChart);
  add({
    id: 'partnerships',
    title: 'Partnerships',
    paragraphs: [
      'Partnerships with Member States, relevant organizations, the private sector and civil society (res. 22/8, para. 4) that started in the period or were active during it.',
    ],
    figures: [
      partnershipChart,
      figure(counter, {
        title: 'Partnerships that started in the period',
        table: {
          head: ['Start', 'End', 'Partnership', 'Type', 'Members', 'Source'],
          rows: newPartnerships.map((p) => [
            p.startDate,
            p.endDate ?? 'open',
            `${p.title}${p.synthetic ? ' [synthetic]' : ''}`,
            labelOf(p.type),
            p.members.map((m) => `${m.organization.name} (${labelOf(m.role)})`).join('; '),
            p.source,
          ]),
        },
        basis: listBasis('partnership', newPartnerships, includeSynthetic),
        calls: data.partnerships.calls,
      }),
    ],
  });
}
