import {
  activitiesChart,
  practitionersByRoleChart,
  practitionersBySexChart,
  practitionersTrained,
  requestsChart,
  requestTotals,
} from '../../charts/figures/index.js';
import { figure, listBasis, n, type Figure, type ReportBuild } from '../figure.js';

// 5. Technical assistance delivered.

export function assistanceSection(b: ReportBuild): void {
  const { data, counter, periodFigures, add } = b;
  const { includeSynthetic } = data;
  const delivery = data.delivery.data;
  const deliveryBasis = delivery.byType.basis;
  const people = practitionersTrained(delivery);
  const requests = requestTotals(delivery);
  const results = delivery.byRegion.reportedResults;
  const charts = deliveryFigures(b);
  periodFigures.push(...charts);
  add({
    id: 'technical-assistance',
    title: 'Technical assistance delivered',
    paragraphs: [
      deliveryBasis.records === 0
        ? `No technical-assistance activity recorded in the graph started in the period${includeSynthetic ? '' : ' (synthetic demonstration records are left out; --include-synthetic shows them, labelled)'}.`
        : `${n(delivery.byType.rows.reduce((s, r) => s + r.activities, 0))} activities started in the period; ${n(people.total)} practitioners were trained (${n(people.female)} women, ${n(people.male)} men, ${n(people.other)} other or not stated). ${n(requests.received)} requests for assistance were received and ${n(requests.met)} met in the period.`,
      delivery.byType.rules,
    ],
    figures: [
      ...charts,
      figure(counter, {
        title:
          'Results the Global Programme reported for years in the period (cited, not summed in)',
        table: {
          head: ['Year', 'Result', 'Value', 'Confidence', 'Source'],
          rows: results.map((r) => [
            r.year === null ? '–' : String(r.year),
            r.label,
            [r.valueNote, r.value === null ? null : Number(r.value).toLocaleString('en'), r.unit]
              .filter(Boolean)
              .join(' ') || '–',
            r.confidence,
            r.source,
          ]),
        },
        basis: listBasis('reported result', results, false),
        calls: [data.delivery.call],
      }),
    ],
    notRecorded: [
      'practitioners trained by role and sex together (sex is recorded per activity only)',
    ],
  });
}

/** The period's delivery by type, pillar and region, practitioners by role and sex, requests. */
function deliveryFigures(b: ReportBuild): Figure[] {
  const { data, counter } = b;
  const delivery = data.delivery.data;
  const synthetic = { synthetic: delivery.byType.basis.syntheticRecords > 0 };
  return [
    figure(counter, {
      title: 'Activities by type',
      chart: activitiesChart(delivery.byType, synthetic),
      basis: delivery.byType.basis,
      calls: [data.delivery.call],
    }),
    figure(counter, {
      title: 'Activities by Global Programme pillar',
      chart: activitiesChart(delivery.byPillar, synthetic),
      basis: delivery.byPillar.basis,
      calls: [data.delivery.call],
    }),
    figure(counter, {
      title: 'Activities by M49 region of the beneficiary countries',
      chart: activitiesChart(delivery.byRegion, synthetic),
      basis: delivery.byRegion.basis,
      calls: [data.delivery.call],
      notes: ['An activity benefiting States of several regions counts in each.'],
    }),
    figure(counter, {
      title: 'Practitioners trained, by role',
      chart: practitionersByRoleChart(delivery, synthetic),
      basis: delivery.byType.basis,
      calls: [data.delivery.call],
    }),
    figure(counter, {
      title: 'Practitioners trained, by sex',
      chart: practitionersBySexChart(delivery, synthetic),
      basis: delivery.byType.basis,
      calls: [data.delivery.call],
      notes: [
        'Sex is recorded per activity in total, not per role: the graph does not give role by sex.',
      ],
    }),
    figure(counter, {
      title: 'Requests for assistance received and met, by region of the requesting State',
      chart: requestsChart(delivery, { synthetic: delivery.byRegion.basis.syntheticRecords > 0 }),
      basis: delivery.byRegion.basis,
      calls: [data.delivery.call],
    }),
  ];
}
