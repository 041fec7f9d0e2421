import { plural, barOption } from '../../charts/figures/index.js';
import {
  figure,
  lessonsInPeriod,
  listBasis,
  n,
  sumBases,
  type Figure,
  type ReportBuild,
} from '../figure.js';
import type { Period } from '../period.js';
import { inPeriod } from '../period.js';

// 2. Repository growth: records whose own dates fall in the period, and the age of verifications.

export function growthSection(b: ReportBuild): void {
  const { data, counter, periodFigures, add } = b;
  const { period, includeSynthetic } = data;
  const laws = data.laws.records;
  const statesWithLaws = new Set(laws.map((l) => l.countryIso3));
  const growthFigure = recordsByRegionFigure(b);
  periodFigures.push(growthFigure);
  const { ages, neverVerified } = verificationAges(laws, period);
  const lawBasis = listBasis('law', laws, includeSynthetic);
  periodFigures.push(growthFigure);
  add({
    id: 'repository-growth',
    title: 'Growth of the repository',
    paragraphs: [
      `The repository holds ${n(laws.length)} ${plural('law', laws.length)} of ${n(statesWithLaws.size)} States (of ${n(data.countries.nodes.length)} Member and observer States), ${n(data.casesAndLessons.cases.length)} court ${plural('case', data.casesAndLessons.cases.length)} and ${n(data.casesAndLessons.lessons.length)} lessons-learned ${plural('source', data.casesAndLessons.lessons.length)}.`,
      'When a record was added to or last changed in the repository is not yet recorded in the graph (no record carries a creation or update date); this section therefore counts the records whose own dates fall in the period: laws verified by a curator, laws adopted, cases decided and lessons-learned sources published.',
    ],
    figures: [
      growthFigure,
      figure(counter, {
        title: `Age of the last verification of each law on ${period.to}`,
        chart:
          laws.length === 0
            ? null
            : barOption(
                [...ages.map((a) => a.label), 'No verification date recorded'],
                [{ name: 'Laws', values: [...ages.map((a) => a.laws), neverVerified] }],
                { synthetic: lawBasis.syntheticRecords > 0 },
              ),
        basis: lawBasis,
        calls: data.laws.calls,
      }),
    ],
    notRecorded: [
      'when each record was added to or changed in the repository (creation and update dates)',
    ],
  });
}

/** Laws verified and adopted, cases decided and lessons published in the period, by region. */
function recordsByRegionFigure(b: ReportBuild): Figure {
  const { data, counter, regionOf, regions } = b;
  const { period, includeSynthetic } = data;
  const laws = data.laws.records;
  const lawsVerified = laws.filter((l) => inPeriod(period, l.lastVerifiedOn));
  const lawsAdopted = laws.filter((l) =>
    inPeriod(period, l.adoptedOn, l.adoptedOn ? null : l.year),
  );
  const cases = data.casesAndLessons.cases.filter((c) =>
    inPeriod(period, c.decisionDate, c.decisionDate ? null : c.year),
  );
  const lessons = lessonsInPeriod(data);
  const growthByRegion = regions.map((region) => ({
    region,
    verified: lawsVerified.filter((l) => regionOf.get(l.countryIso3) === region).length,
    adopted: lawsAdopted.filter((l) => regionOf.get(l.countryIso3) === region).length,
    cases: cases.filter((c) => c.countryIso3s.some((iso3) => regionOf.get(iso3) === region)).length,
    lessons: lessons.filter((l) => l.countryIso3 && regionOf.get(l.countryIso3) === region).length,
  }));
  const growthRecords = lawsVerified.length + lawsAdopted.length + cases.length + lessons.length;
  const growthBasis = sumBases('record', [
    listBasis('law', lawsVerified, includeSynthetic),
    listBasis('law', lawsAdopted, includeSynthetic),
    listBasis('court case', cases, false),
    listBasis('lessons-learned source', lessons, false),
  ]);
  return figure(counter, {
    title: 'Repository records dated in the period, by M49 region',
    chart:
      growthRecords === 0
        ? null
        : barOption(
            regions,
            [
              { name: 'Laws verified', stack: 'r', values: growthByRegion.map((g) => g.verified) },
              { name: 'Laws adopted', stack: 'r', values: growthByRegion.map((g) => g.adopted) },
              {
                name: 'Court cases decided',
                stack: 'r',
                values: growthByRegion.map((g) => g.cases),
              },
              {
                name: 'Lessons-learned sources published',
                stack: 'r',
                values: growthByRegion.map((g) => g.lessons),
              },
            ],
            { synthetic: growthBasis.syntheticRecords > 0 },
          ),
    table: {
      head: [
        'Region',
        'Laws verified',
        'Laws adopted',
        'Court cases decided',
        'Lessons-learned sources',
      ],
      rows: growthByRegion.map((g) => [
        g.region,
        n(g.verified),
        n(g.adopted),
        n(g.cases),
        n(g.lessons),
      ]),
    },
    basis: growthBasis,
    calls: [...data.laws.calls, data.casesAndLessons.call, ...data.countries.calls],
    notes: [
      'A law counts as adopted in the period by its adoption date, or by its year where only the year is recorded; a case by its decision date (or year); a lessons-learned source by its publication date (or year). A case concerning States of two regions counts in each.',
    ],
  });
}

/** How old each law's last verification is on the period's last day, in buckets. */
function verificationAges(laws: ReportBuild['data']['laws']['records'], period: Period) {
  const ageBuckets = [
    { label: 'Under 1 year', max: 1 },
    { label: '1 to 2 years', max: 2 },
    { label: '2 to 5 years', max: 5 },
    { label: '5 years or more', max: Infinity },
  ];
  const end = Date.parse(`${period.to}T00:00:00Z`);
  const years = (day: string) => (end - Date.parse(`${day}T00:00:00Z`)) / (365.25 * 86_400_000);
  const verifiedBy = laws.filter((l) => l.lastVerifiedOn && l.lastVerifiedOn <= period.to);
  const ages = ageBuckets.map((b, i) => ({
    label: b.label,
    laws: verifiedBy.filter((l) => {
      const age = years(l.lastVerifiedOn!);
      return age >= (ageBuckets[i - 1]?.max ?? 0) && age < b.max;
    }).length,
  }));
  return { ages, neverVerified: laws.length - verifiedBy.length };
}
