import type { EChartsCoreOption } from 'echarts';
import {
  activitiesChart,
  basisSentence,
  contributionGroups,
  contributionsByDonorYearChart,
  cyberlawStatusCounts,
  GAP_REGIONS,
  gapsByRegionChart,
  labelOf,
  legislationStatusWorld,
  overlapsByCountryChart,
  plural,
  practitionersByRoleChart,
  practitionersBySexChart,
  practitionersTrained,
  requestsChart,
  requestTotals,
  TREATY_ALIASES,
  TREATY_LABELS,
  treatyMovementList,
  treatyMovementsChart,
  treatyParticipationChart,
  barOption,
  type BasisFigures,
  type FlowTotal,
} from '../charts/figures/index.js';
import { WORLD_MAP_ATTRIBUTION } from '../charts/world.js';
import type { ReportData } from './collect.js';
import { inPeriod } from './period.js';

/** The sentence an empty figure or section shows instead of a chart. */
export const NO_RECORDS = 'No records in this period.';

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One figure: a chart and/or a table, what it rests on, and the calls behind it. */
export interface Figure {
  /** "Figure 3", "Table 2". */
  readonly id: string;
  readonly title: string;
  /** Undefined: a table-only figure. Null: nothing to draw (the figure says so). */
  readonly chart?: {
    readonly option: EChartsCoreOption | null;
    readonly width: number;
    readonly height: number;
  };
  readonly table?: Table;
  /** True when the figure has no record in the period: it says NO_RECORDS instead. */
  readonly empty: boolean;
  /** How many records it rests on and their confidence, in one sentence. */
  readonly basis: string;
  /** It counts synthetic records, and is labelled so. */
  readonly synthetic: boolean;
  /** Ids of the operation calls behind it (annex). */
  readonly calls: readonly string[];
  readonly notes: readonly string[];
}

export interface Section {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly figures: readonly Figure[];
  /** Figures the report would show that the graph does not record yet. */
  readonly notRecorded: readonly string[];
}

export interface Report {
  readonly title: string;
  readonly period: ReportData['period'];
  readonly includeSynthetic: boolean;
  readonly generatedAt: string;
  readonly endpoint: string;
  /** "public": no Authorization was forwarded; restricted findings cannot appear. */
  readonly edition: 'public' | 'authorised';
  readonly sections: readonly Section[];
  /** Whether any period-bound figure has a record. */
  readonly hasPeriodRecords: boolean;
}

const CHART = { width: 700, height: 300 };
const n = (value: number) => value.toLocaleString('en');
const usd = (value: string | number) =>
  `USD ${Number(value).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A basis computed from listed records (for lists that carry no `basis` of their own). */
function listBasis(
  recordType: string,
  records: readonly { confidence?: 'VERIFIED' | 'TO_VERIFY' | null; synthetic?: boolean }[],
  includesSynthetic: boolean,
): BasisFigures {
  const real = records.filter((r) => !r.synthetic);
  const count = (c: 'VERIFIED' | 'TO_VERIFY' | null) =>
    real.filter((r) => (r.confidence ?? null) === c).length;
  return {
    recordType,
    includesSynthetic,
    records: records.length,
    realRecords: real.length,
    syntheticRecords: records.length - real.length,
    byConfidence: (['VERIFIED', 'TO_VERIFY', null] as const)
      .map((confidence) => ({ confidence, records: count(confidence) }))
      .filter((c) => c.records > 0),
  };
}

function sumBases(recordType: string, bases: readonly BasisFigures[]): BasisFigures {
  const byConfidence = new Map<string | null, number>();
  for (const b of bases) {
    for (const c of b.byConfidence) {
      byConfidence.set(c.confidence, (byConfidence.get(c.confidence) ?? 0) + c.records);
    }
  }
  return {
    recordType,
    includesSynthetic: bases.some((b) => b.includesSynthetic),
    records: bases.reduce((s, b) => s + b.records, 0),
    realRecords: bases.reduce((s, b) => s + b.realRecords, 0),
    syntheticRecords: bases.reduce((s, b) => s + b.syntheticRecords, 0),
    byConfidence: [...byConfidence].map(([confidence, records]) => ({
      confidence: confidence as 'VERIFIED' | 'TO_VERIFY' | null,
      records,
    })),
  };
}

class FigureCounter {
  private figures = 0;
  private tables = 0;
  next(chart: boolean): string {
    return chart ? `Figure ${++this.figures}` : `Table ${++this.tables}`;
  }
}

function figure(
  counter: FigureCounter,
  spec: {
    title: string;
    chart?: EChartsCoreOption | null;
    size?: { width: number; height: number };
    table?: Table;
    basis: BasisFigures;
    calls: readonly string[];
    notes?: readonly string[];
    empty?: boolean;
  },
): Figure {
  const empty =
    spec.empty ??
    (spec.chart === null || (spec.chart === undefined && (spec.table?.rows.length ?? 0) === 0));
  return {
    id: counter.next(spec.chart !== undefined),
    title: spec.title,
    ...(spec.chart !== undefined
      ? { chart: { option: empty ? null : spec.chart, ...(spec.size ?? CHART) } }
      : {}),
    ...(spec.table && !empty ? { table: spec.table } : {}),
    empty,
    basis: basisSentence(spec.basis),
    synthetic: spec.basis.syntheticRecords > 0,
    calls: spec.calls,
    notes: spec.notes ?? [],
  };
}

const flowCell = (flow: FlowTotal) =>
  flow.transactionCount === 0
    ? '–'
    : `${flow.original.map((m) => `${m.currency} ${Number(m.amount).toLocaleString('en')}`).join(' + ')} = ${usd(flow.amountUsd)}${flow.complete ? '' : ` (not converted: ${flow.unconverted.map((m) => `${m.currency} ${m.amount}`).join(', ')})`}`;

/** Builds the report's sections from the graph's answers (no network, no rendering). */
export function buildReport(
  data: ReportData,
  context: { endpoint: string; edition: 'public' | 'authorised'; generatedAt: string },
): Report {
  const counter = new FigureCounter();
  const { period, includeSynthetic } = data;
  const regionOf = new Map(data.countries.nodes.map((c) => [c.iso3, c.region.name]));
  const nameOf = new Map(data.countries.nodes.map((c) => [c.iso3, c.name]));
  const regions = [...new Set(data.countries.nodes.map((c) => c.region.name))].sort();
  const sections: Section[] = [];
  const periodFigures: Figure[] = [];
  const add = (section: Omit<Section, 'number' | 'notRecorded'> & { notRecorded?: string[] }) =>
    sections.push({
      ...section,
      number: sections.length + 1,
      notRecorded: section.notRecorded ?? [],
    });

  // 1. Mandate.
  const facts = data.mandate.facts.filter((f) =>
    ['MANDATE', 'REPOSITORY', 'ORGANIZATION'].includes(f.type),
  );
  add({
    id: 'mandate',
    title: 'The mandate',
    paragraphs: [
      'In resolution 22/8 of 26 April 2013, the Commission on Crime Prevention and Criminal Justice requested UNODC to serve "as a central data repository of cybercrime laws and lessons learned with a view to facilitating the continued assessment of needs and criminal justice capabilities and the delivery and coordination of technical assistance" (para. 5), and requested the Executive Director to report to the Commission on its implementation and on the work of the Global Programme on Cybercrime (para. 7).',
      `This report covers ${period.from} to ${period.to}. Every figure in it was computed by the repository graph and fetched over its public GraphQL interface; Annex A lists each operation with its variables, so that any figure can be asked again.`,
    ],
    figures: [
      figure(counter, {
        title: 'Cited facts on the mandate, the programme and the repository',
        table: {
          head: ['Fact', 'Value', 'Date', 'Confidence', 'Source'],
          rows: facts.map((f) => [
            f.label,
            [f.valueNote, f.value, f.unit].filter(Boolean).join(' ') || '–',
            f.date ?? '–',
            f.confidence,
            f.source,
          ]),
        },
        basis: listBasis('cited fact', facts, false),
        calls: [data.mandate.call],
      }),
    ],
  });

  // 2. Repository growth.
  const laws = data.laws.records;
  const lawsVerified = laws.filter((l) => inPeriod(period, l.lastVerifiedOn));
  const lawsAdopted = laws.filter((l) =>
    inPeriod(period, l.adoptedOn, l.adoptedOn ? null : l.year),
  );
  const cases = data.casesAndLessons.cases.filter((c) =>
    inPeriod(period, c.decisionDate, c.decisionDate ? null : c.year),
  );
  const lessons = data.casesAndLessons.lessons.filter((l) =>
    inPeriod(period, l.publishedOn, l.publishedOn ? null : l.year),
  );
  const growthByRegion = regions.map((region) => ({
    region,
    verified: lawsVerified.filter((l) => regionOf.get(l.countryIso3) === region).length,
    adopted: lawsAdopted.filter((l) => regionOf.get(l.countryIso3) === region).length,
    cases: cases.filter((c) => c.countryIso3s.some((iso3) => regionOf.get(iso3) === region)).length,
    lessons: lessons.filter((l) => l.countryIso3 && regionOf.get(l.countryIso3) === region).length,
  }));
  const growthRecords = lawsVerified.length + lawsAdopted.length + cases.length + lessons.length;
  const statesWithLaws = new Set(laws.map((l) => l.countryIso3));
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
  const neverVerified = laws.length - verifiedBy.length;
  const lawBasis = listBasis('law', laws, includeSynthetic);
  const growthBasis = sumBases('record', [
    listBasis('law', lawsVerified, includeSynthetic),
    listBasis('law', lawsAdopted, includeSynthetic),
    listBasis('court case', cases, false),
    listBasis('lessons-learned source', lessons, false),
  ]);
  const growthFigure = figure(counter, {
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

  // 3. Legislation status worldwide.
  const counts = cyberlawStatusCounts(data.countries.nodes);
  const statuses = data.countries.nodes.flatMap((c) => c.cyberlawStatus);
  const attribution =
    statuses[0]?.attribution ??
    'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';
  const asOf = [...new Set(statuses.map((s) => s.asOf))].sort().join(', ');
  add({
    id: 'legislation-status',
    title: 'Status of cybercrime legislation worldwide',
    paragraphs: [
      `UNCTAD's Global Cyberlaw Tracker classifies each State's cybercrime legislation as adopted, in draft, absent, or without data. The classification shown is the copy of ${asOf || 'no date'}; it describes the status on that date, not changes within the period.`,
      `${attribution}. ${WORLD_MAP_ATTRIBUTION}`,
    ],
    figures: [
      figure(counter, {
        title: 'Cybercrime legislation by State (UNCTAD Global Cyberlaw Tracker)',
        chart: legislationStatusWorld(data.countries.nodes),
        size: { width: 700, height: 380 },
        table: {
          head: ['Status', 'States'],
          rows: counts.map((c) => [c.label, n(c.states)]),
        },
        basis: listBasis(
          'State',
          data.countries.nodes.map((c) => ({
            confidence: c.cyberlawStatus[0]?.confidence ?? null,
          })),
          false,
        ),
        calls: data.countries.calls,
        notes: [attribution],
      }),
    ],
  });

  // 4. Treaty movements.
  const movements = treatyMovementList(data.movements.data);
  const movementBasis = listBasis('treaty action', movements, includeSynthetic);
  const movementsFigure = figure(counter, {
    title: 'Signatures, ratifications and accessions dated in the period',
    chart: treatyMovementsChart(data.movements.data, {
      synthetic: movementBasis.syntheticRecords > 0,
    }),
    basis: movementBasis,
    calls: [data.movements.call],
  });
  const movementTable = figure(counter, {
    title: 'Treaty actions in the period',
    table: {
      head: ['Date', 'Instrument', 'State or organization', 'Region', 'Action', 'Confidence'],
      rows: movements
        .slice()
        .sort(
          (a, b) =>
            a.date.localeCompare(b.date) || a.participant.name.localeCompare(b.participant.name),
        )
        .map((m) => [
          m.date,
          TREATY_LABELS[m.alias],
          m.participant.name,
          m.participant.region?.name ?? '–',
          labelOf(m.action),
          m.confidence,
        ]),
    },
    basis: movementBasis,
    calls: [data.movements.call],
  });
  periodFigures.push(movementsFigure);
  const start = data.participationStart.data;
  const finish = data.participationEnd.data;
  const participationBasis = sumBases(
    'treaty participant',
    TREATY_ALIASES.map((a) => finish[a].basis),
  );
  add({
    id: 'treaty-movements',
    title: 'Treaty movements',
    paragraphs: [
      `Signatures, ratifications, acceptances, approvals and accessions dated from ${period.from} to ${period.to} for the United Nations Convention against Cybercrime and the Council of Europe Convention on Cybercrime (Budapest Convention) and its two Protocols.`,
      `On ${period.to}, ${n(finish.unConvention.consentsCounted)} of the ${n(finish.unConvention.consentsNeeded ?? 40)} instruments of ratification, acceptance, approval or accession the UN Convention needs to enter into force were counted (${n(start.unConvention.consentsCounted)} on ${start.unConvention.asOf ?? 'the day before the period'}); an instrument deposited by a regional economic integration organization is not counted.`,
    ],
    figures: [
      movementsFigure,
      movementTable,
      figure(counter, {
        title: `Parties and signatories on ${period.to}`,
        chart: treatyParticipationChart(finish, {
          synthetic: participationBasis.syntheticRecords > 0,
        }),
        table: {
          head: [
            'Instrument',
            `Parties on ${start.unConvention.asOf}`,
            `Parties on ${period.to}`,
            `Signatories on ${period.to}`,
            'Consents counted / needed',
          ],
          rows: TREATY_ALIASES.map((a) => [
            TREATY_LABELS[a],
            n(start[a].parties),
            n(finish[a].parties),
            n(finish[a].signatories),
            finish[a].consentsNeeded === null
              ? '–'
              : `${n(finish[a].consentsCounted)} / ${n(finish[a].consentsNeeded)}`,
          ]),
        },
        basis: participationBasis,
        calls: [data.participationStart.call, data.participationEnd.call],
        notes: TREATY_ALIASES.filter((a) => finish[a].unknownOnDate > 0).map(
          (a) =>
            `${TREATY_LABELS[a]}: ${n(finish[a].unknownOnDate)} participants recorded today whose status on ${period.to} cannot be told (undated records).`,
        ),
      }),
    ],
  });

  // 5. Technical assistance delivered.
  const delivery = data.delivery.data;
  const deliveryBasis = delivery.byType.basis;
  const synthetic = { synthetic: deliveryBasis.syntheticRecords > 0 };
  const people = practitionersTrained(delivery);
  const requests = requestTotals(delivery);
  const results = delivery.byRegion.reportedResults;
  const deliveryFigures = [
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
  periodFigures.push(...deliveryFigures);
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
      ...deliveryFigures,
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

  // 8. Gaps and overlaps.
  const gapsData = data.gaps.data;
  const gaps = GAP_REGIONS.flatMap((r) =>
    gapsData[r].gaps
      // A public report never names a State's restricted findings: the graph shows an anonymous
      // viewer none, and the report drops any that is not PUBLIC should one ever come through.
      .filter((g) => context.edition === 'authorised' || g.assessment.confidentiality === 'PUBLIC')
      .map((g) => ({ ...g, region: gapsData[r].area.name })),
  );
  const gapBasis = listBasis(
    'needs-assessment finding',
    gaps.map((g) => ({ synthetic: g.assessment.synthetic })),
    includeSynthetic,
  );
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
    includeSynthetic,
  );
  const gapFigure = figure(counter, {
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
  const overlapFigure = figure(counter, {
    title: 'Overlapping activities in the period, by beneficiary country',
    chart: overlapsByCountryChart(overlaps, { synthetic: overlapBasis.syntheticRecords > 0 }),
    basis: overlapBasis,
    calls: data.overlaps.calls.length > 0 ? data.overlaps.calls : [data.delivery.call],
    notes:
      data.overlaps.countries.length === 0
        ? [
            'No beneficiary country had an activity in the period, so none was asked about overlaps.',
          ]
        : [
            `Asked for the ${n(data.overlaps.countries.length)} beneficiary countries with an activity in the period: ${data.overlaps.countries.map((c) => nameOf.get(c) ?? c).join(', ')}.`,
          ],
  });
  periodFigures.push(overlapFigure);
  add({
    id: 'coordination',
    title: 'Gaps and overlaps for coordination',
    paragraphs: [
      'Gaps: HIGH-severity findings of needs assessments that no published activity has answered since the assessment. They are the open gaps on the day the report was made, not limited to the period.',
      context.edition === 'public'
        ? 'Public edition: findings of RESTRICTED or CONFIDENTIAL needs assessments are not shown, and no State is named for them.'
        : 'This edition was made with the rights of an authenticated viewer and lists the findings that viewer may read, which may include RESTRICTED ones: do not publish it.',
      'Overlaps: pairs of activities of different implementers in the same country that address a shared Global Programme area at the same time.',
    ],
    figures: [
      gapFigure,
      overlapFigure,
      figure(counter, {
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
        calls: data.overlaps.calls.length > 0 ? data.overlaps.calls : [data.delivery.call],
      }),
    ],
  });

  // 9. Lessons learned.
  const categories = [...new Set(lessons.flatMap((l) => l.categories))].sort();
  const lessonBasis = listBasis('lessons-learned source', lessons, false);
  const lessonChart = figure(counter, {
    title: 'Lessons-learned sources published in the period, by category',
    chart:
      lessons.length === 0
        ? null
        : barOption(categories.map(labelOf), [
            {
              name: 'Sources',
              values: categories.map((c) => lessons.filter((l) => l.categories.includes(c)).length),
            },
          ]),
    basis: lessonBasis,
    calls: [data.casesAndLessons.call],
    notes: ['A source with several categories counts in each.'],
  });
  periodFigures.push(lessonChart);
  add({
    id: 'lessons-learned',
    title: 'Lessons learned',
    paragraphs: [
      'National cybercrime plans and cybersecurity strategies published in the period, as recorded in the repository (res. 22/8, para. 5: "lessons learned").',
    ],
    figures: [
      lessonChart,
      figure(counter, {
        title: 'Lessons-learned sources published in the period',
        table: {
          head: ['Published', 'State', 'Title', 'Issued by', 'Categories', 'Confidence'],
          rows: lessons.map((l) => [
            l.publishedOn ?? (l.year === null ? '–' : String(l.year)),
            l.countryIso3 ? (nameOf.get(l.countryIso3) ?? l.countryIso3) : '–',
            l.title,
            l.issuingBody ?? '–',
            l.categories.map(labelOf).join(', '),
            l.confidence,
          ]),
        },
        basis: lessonBasis,
        calls: [data.casesAndLessons.call],
      }),
    ],
  });

  return {
    title:
      'Implementation of Commission resolution 22/8 and the work of the Global Programme on Cybercrime',
    period,
    includeSynthetic,
    generatedAt: context.generatedAt,
    endpoint: context.endpoint,
    edition: context.edition,
    sections,
    hasPeriodRecords: periodFigures.some((f) => !f.empty),
  };
}
