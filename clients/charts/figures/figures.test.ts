import { describe, expect, it } from 'vitest';
import { renderSvg } from '../render.js';
import {
  activitiesChart,
  basisSentence,
  contributionsByDonorYearChart,
  cyberlawStatusCounts,
  gapsByRegionChart,
  legislationStatusWorld,
  overlapsByCountryChart,
  practitionersByRoleChart,
  practitionersTrained,
  SYNTHETIC_LABEL,
  treatyMovementsChart,
  type ContributionsData,
  type CoordinationGapsData,
  type DeliverySummary,
  type TechnicalAssistanceData,
  type TreatyMovementsData,
} from './index.js';

const size = { width: 600, height: 300 };
const basis = {
  recordType: 'activity',
  includesSynthetic: true,
  records: 3,
  realRecords: 1,
  syntheticRecords: 2,
  byConfidence: [{ confidence: 'VERIFIED' as const, records: 1 }],
};
const people = (total: number, female: number, roles: [string, number][]) => ({
  total,
  female,
  male: total - female,
  other: 0,
  byRole: roles.map(([role, count]) => ({ role, count })),
});
const summary = (
  groupBy: string,
  rows: Partial<DeliverySummary['rows'][number]>[],
): DeliverySummary => ({
  groupBy,
  from: '2025-01-01',
  to: '2025-12-31',
  rules: '',
  basis,
  rows: rows.map((r) => ({
    key: 'X',
    region: null,
    country: null,
    pillar: null,
    activityType: null,
    activities: 0,
    countriesReached: 0,
    requestsReceived: null,
    requestsMet: null,
    practitionersTrained: people(0, 0, []),
    ...r,
  })),
});

describe('shared figure builders', () => {
  it('colours the world map by UNCTAD status and counts States per status', () => {
    const countries = [
      { iso3: 'KEN', m49: '404', name: 'Kenya', status: 'LEGISLATION' },
      { iso3: 'ERI', m49: '232', name: 'Eritrea', status: 'NO_LEGISLATION' },
    ].map((c) => ({
      ...c,
      region: { m49: '002', name: 'Africa' },
      cyberlawStatus: [
        {
          status: c.status as 'LEGISLATION',
          asOf: '2025-01-01',
          attribution: 'UNCTAD',
          confidence: 'VERIFIED' as const,
        },
      ],
    }));
    expect(cyberlawStatusCounts(countries).map((c) => c.states)).toEqual([1, 0, 1, 0]);
    const svg = renderSvg(legislationStatusWorld(countries)!, { width: 800, height: 400 });
    expect(svg).toContain('No legislation');
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(170);
    expect(legislationStatusWorld([])).toBeNull();
  });

  it('stacks treaty actions per instrument, and has nothing to draw for an empty period', () => {
    const movement = (action: string) => ({
      id: action,
      instrumentCode: 'UNCC-2024',
      participantCode: 'AGO',
      participantType: 'STATE',
      action,
      date: '2025-10-25',
      source: 's',
      confidence: 'VERIFIED' as const,
      participant: { __typename: 'Country' as const, name: 'Angola' },
    });
    const data: TreatyMovementsData = {
      unConvention: [movement('SIGNATURE'), movement('SIGNATURE')],
      budapest: [movement('ACCESSION')],
      firstProtocol: [],
      secondProtocol: [],
    };
    const svg = renderSvg(treatyMovementsChart(data, { synthetic: true })!, size);
    expect(svg).toContain('Signature');
    expect(svg).toContain('Accession');
    expect(svg).toContain(SYNTHETIC_LABEL);
    expect(
      treatyMovementsChart({
        unConvention: [],
        budapest: [],
        firstProtocol: [],
        secondProtocol: [],
      }),
    ).toBeNull();
  });

  it('sums practitioners over activity types by role and sex, and charts activities per group', () => {
    const data: TechnicalAssistanceData = {
      byType: summary('ACTIVITY_TYPE', [
        {
          key: 'TRAINING',
          activities: 2,
          practitionersTrained: people(30, 10, [
            ['JUDGE', 20],
            ['INVESTIGATOR', 10],
          ]),
        },
        { key: 'MENTORING', activities: 1, practitionersTrained: people(5, 5, [['JUDGE', 5]]) },
      ]),
      byPillar: summary('PILLAR', []),
      byRegion: { ...summary('REGION', []), reportedResults: [] },
      byCountry: summary('COUNTRY', []),
    };
    expect(practitionersTrained(data)).toEqual({
      total: 35,
      female: 15,
      male: 20,
      other: 0,
      byRole: [
        { role: 'INVESTIGATOR', count: 10 },
        { role: 'JUDGE', count: 25 },
      ],
    });
    expect(renderSvg(practitionersByRoleChart(data)!, size)).toContain('Judge');
    expect(renderSvg(activitiesChart(data.byType)!, size)).toContain('Training');
    expect(activitiesChart(data.byPillar)).toBeNull();
  });

  it('charts contributions in USD by donor and year, and leaves out spending-only groups', () => {
    const flow = (usd: string, n: number) => ({
      amountUsd: usd,
      transactionCount: n,
      complete: true,
      original: [],
      unconverted: [],
    });
    const group = (donor: string, received: number) => ({
      donor: { id: donor, name: donor },
      year: 2025,
      pledged: flow('0.00', 0),
      committed: flow('0.00', 0),
      received: flow(`${received}.00`, received > 0 ? 1 : 0),
      spent: flow('10.00', 1),
      ratesUsed: [],
      basis,
    });
    const data: ContributionsData = {
      fundingSummary: {
        from: null,
        to: null,
        currency: 'USD',
        conversionRule: '',
        scope: '',
        includesSynthetic: false,
        groups: [group('Norway', 4000), group('UNODC', 0)],
        basis: { ...basis, money: [] },
      },
    };
    const svg = renderSvg(contributionsByDonorYearChart(data)!, size);
    expect(svg).toContain('Norway');
    expect(svg).not.toContain('UNODC');
  });

  it('has nothing to draw without gaps or overlaps', () => {
    const none = { region: '002', includeSynthetic: false, area: { name: 'Africa' }, gaps: [] };
    const data: CoordinationGapsData = {
      africa: none,
      americas: none,
      asia: none,
      europe: none,
      oceania: none,
    };
    expect(gapsByRegionChart(data)).toBeNull();
    expect(overlapsByCountryChart([])).toBeNull();
  });

  it('says what a figure rests on, synthetic records apart', () => {
    expect(basisSentence(basis)).toBe(
      'Rests on 1 real activity (1 verified against their source) and 2 synthetic (illustrative) activities.',
    );
  });
});
