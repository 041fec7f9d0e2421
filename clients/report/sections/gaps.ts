import {
  GAP_REGIONS,
  gapsByRegionChart,
  labelOf,
  overlapsByCountryChart,
} from '../../charts/figures/index.js';
import { figure, listBasis, n, type Figure, type ReportBuild } from '../figure.js';

// 8. Gaps and overlaps for coordination.

export function gapsSection(b: ReportBuild): void {
  const gapFigure = openGapsFigure(b);
  const [overlapFigure, overlapTable] = overlapFigures(b);
  b.periodFigures.push(overlapFigure);
  b.add({
    id: 'coordination',
    title: 'Gaps and overlaps for coordination',
    paragraphs: [
      'Gaps: HIGH-severity findings of needs assessments that no published activity has answered since the assessment. They are the open gaps on the day the report was made, not limited to the period.',
      b.edition === 'public'
        ? 'Public edition: findings of RESTRICTED or CONFIDENTIAL needs assessments are not shown, and no State is named for them.'
        : 'This edition was made with the rights of an authenticated viewer and lists the findings that viewer may read, which may include RESTRICTED ones: do not publish it.',
      'Overlaps: pairs of activities of different implementers in the same country that address a shared Global Programme area at the same time.',
    ],
    figures: [gapFigure, overlapFigure, overlapTable],
  });
}

/** HIGH-severity findings no activity has answered, by region (public edition: PUBLIC only). */
function openGapsFigure(b: ReportBuild): Figure {
  const { data, counter } = b;
  const gapsData = data.gaps.data;
  const gaps = GAP_REGIONS.flatMap((r) =>
    gapsData[r].gaps
      // A public report never names a State's restricted findings: the graph shows an anonymous
      // viewer none, and the report drops any that is not PUBLIC should one ever come through.
      .filter((g) => b.edition === 'authorised' || g.assessment.confidentiality === 'PUBLIC')
      .map((g) => ({ ...g, region: gapsData[r].area.name })),
  );
  const gapBasis = listBasis(
    'needs-assessment finding',
    gaps.map((g) => ({ synthetic: g.assessment.synthetic })),
    data.includeSynthetic,
  );
  return figure(counter, {
    title: 'Open gaps by M49 region and area',
    chart: gapsByRegionChart(
      Object.fromEntries(
        GAP_REGIONS.map((r) => [
          r,
          { ...gapsData[r], gaps: gaps.filter((g) => g.region === gapsData[r].area.name) },
        ]),
      ) as unknown as typeof gapsData,
      { synthetic: gapBasis.syntheticRecords > 0 },
    ),
    table: {
      head: ['Region', 'State', 'Area', 'Gap found', 'Since', 'Latest earlier activity'],
      rows: gaps.map((g) => [
        g.region,
        g.country.name,
        labelOf(g.area),
        `${g.gap}${g.assessment.synthetic ? ' [synthetic]' : ''}`,
        g.since,
        g.lastActivityStart ?? '–',
      ]),
    },
    basis: gapBasis,
    calls: [data.gaps.call],
  });
}

/** Pairs of activities overlapping in the period: a chart by country, then the list. */
function overlapFigures(b: ReportBuild): [chart: Figure, table: Figure] {
  const { data, counter, nameOf } = b;
  const overlaps = data.overlaps.records;
  const overlapBasis = listBasis(
    'pair of activities',
    overlaps.map((o) => ({
      synthetic: o.first.synthetic || o.second.synthetic,
      confidence:
        o.first.confidence === 'VERIFIED' && o.second.confidence === 'VERIFIED'
          ? 'VERIFIED'
          : 'TO_VERIFY',
    })),
    data.includeSynthetic,
  );
  const calls = data.overlaps.calls.length > 0 ? data.overlaps.calls : [data.delivery.call];
  const chart = figure(counter, {
    title: 'Overlapping activities in the period, by beneficiary country',
    chart: overlapsByCountryChart(overlaps, { synthetic: overlapBasis.syntheticRecords > 0 }),
    basis: overlapBasis,
    calls,
    notes:
      data.overlaps.countries.length === 0
        ? [
            'No beneficiary country had an activity in the period, so none was asked about overlaps.',
          ]
        : [
            `Asked for the ${n(data.overlaps.countries.length)} beneficiary countries with an activity in the period: ${data.overlaps.countries.map((c) => nameOf.get(c) ?? c).join(', ')}.`,
          ],
  });
  const table = figure(counter, {
    title: 'Overlapping activities in the period',
    table: {
      head: ['State', 'From', 'To', 'Days', 'Areas', 'Activities and implementers'],
      rows: overlaps.map((o) => [
        o.country.name,
        o.overlapStart,
        o.overlapEnd,
        n(o.overlapDays),
        o.sharedAreas.map(labelOf).join(', '),
        [o.first, o.second]
          .map(
            (a) =>
              `${a.title} (${a.implementers.map((i) => i.name).join(', ') || 'implementer not recorded'})`,
          )
          .join(' / '),
      ]),
    },
    basis: overlapBasis,
    calls,
  });
  return [chart, table];
}
