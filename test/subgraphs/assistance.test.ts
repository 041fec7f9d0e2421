import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { assistanceSubgraph } from '../../subgraphs/assistance/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });

beforeAll(async () => {
  subgraph = await startTestSubgraph(assistanceSubgraph, { cache });
  // Other files write to assistance (the audit log is append-only): start from the seed alone.
  await sql`drop schema if exists assistance cascade`.execute(subgraph.database.db);
  await subgraph.close();
  subgraph = await startTestSubgraph(assistanceSubgraph, { cache });
});
afterAll(() => subgraph?.close());

const activitySql = () => subgraph.sql.filter((s) => /"assistance"\."activity"/.test(s));

describe('assistance: reads', () => {
  it('seeds the cited Tunisia delivery as a real record, dated as the data pack corrects it, with its sources', async () => {
    const { data, errors } = await subgraph.query(`{
      activity(id: "act-gpc-tun-forensics") {
        title type startDate endDate synthetic confidence source notes gpcAreas
        beneficiaryCountries { iso3 } implementers { id } project { id }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['activity']).toMatchObject({
      title: 'Forensic equipment and software delivered to Tunisia',
      type: 'EQUIPMENT',
      startDate: '2021-03-24',
      endDate: '2021-03-24',
      synthetic: false,
      confidence: 'VERIFIED',
      source: expect.stringContaining('https://www.unodc.org/romena/en/cybercrime.html ; '),
      gpcAreas: ['DIGITAL_FORENSICS'],
      beneficiaryCountries: [{ iso3: 'TUN' }],
      implementers: [{ id: 'unodc' }],
      // The INL-funded UNODC project the source names (its Global Programme link is not stated).
      project: { id: 'unodc-tun-cybercrime' },
    });
    expect(data?.['activity'].notes).toMatch(/200000 USD/);
    expect(data?.['activity'].notes).toMatch(/INL/);
  });

  it('gives every other record the synthetic flag, and spreads synthetic activities over 2019–2026', async () => {
    const { data } = await subgraph.query(`{
      real: activities(includeSynthetic: true, filter: { synthetic: false }) { totalCount }
      all: activities(includeSynthetic: true, first: 500) { totalCount edges { node { startDate synthetic title } } }
    }`);
    // The cited Tunisia delivery and the 27 other real activities of gpc_activities.csv.
    expect(data?.['real'].totalCount).toBe(28);
    const nodes = data?.['all'].edges.map((e: any) => e.node).filter((n: any) => n.synthetic);
    expect(nodes.length).toBeGreaterThan(150);
    const years = new Set(
      nodes.filter((n: any) => n.startDate).map((n: any) => n.startDate.slice(0, 4)),
    );
    expect([...years].sort()).toEqual([
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    expect(
      nodes.filter((n: any) => n.synthetic).every((n: any) => n.title.endsWith('(synthetic)')),
    ).toBe(true);
  });

  it('follows a request through its dated history to the activities that answered it', async () => {
    const { data, errors } = await subgraph.query(`{
      assistanceRequest(id: "req-syn-lka-2021") {
        status country { iso3 } needsAssessment { id }
        statusHistory { status on }
        activities(includeSynthetic: true) { id participants { total female male other byRole { role count } } legislationSupported { id } }
      }
    }`);
    expect(errors).toBeUndefined();
    const request = data?.['assistanceRequest'];
    expect(request.status).toBe('MET');
    expect(request.needsAssessment).toEqual({ id: 'na-synthetic-035' });
    expect(request.statusHistory).toEqual([
      { status: 'RECEIVED', on: '2021-01-15' },
      { status: 'ASSESSED', on: '2021-10-01' },
      { status: 'IN_DELIVERY', on: '2022-03-01' },
      { status: 'MET', on: '2023-06-30' },
    ]);
    expect(request.activities.map((a: any) => a.id)).toEqual([
      'act-syn-lka-investigations-2022',
      'act-syn-lka-virtual-assets-2022',
    ]);
    expect(request.activities[0].participants).toEqual({
      total: 24,
      female: 9,
      male: 15,
      other: 0,
      byRole: [
        { role: 'INVESTIGATOR', count: 14 },
        { role: 'PROSECUTOR', count: 6 },
        { role: 'FORENSIC_EXPERT', count: 4 },
      ],
    });
    expect(request.activities[0].legislationSupported).toEqual([{ id: 'LKA-CCA24-2007' }]);
  });

  it('answers NOT_FOUND naming the id for an unknown activity', async () => {
    const { errors } = await subgraph.query(`{ activity(id: "nope") { id } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('extends Country, Organization, Project, NeedsAssessment and LegalProvision by key', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Country { iso3 assistanceRequests(includeSynthetic: true) { totalCount } activities(includeSynthetic: true, from: "2023-01-01", to: "2023-12-31") { totalCount edges { node { id } } } }
        ... on Organization { id activitiesImplemented(includeSynthetic: true, first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }
        ... on Project { id activities(includeSynthetic: true) { edges { node { id } } } }
        ... on NeedsAssessment { id answered: activities(includeSynthetic: true) { id } }
        ... on LegalProvision { id supportedBy(includeSynthetic: true) { id type } }
      } }`,
      {
        r: [
          { __typename: 'Country', iso3: 'KEN' },
          // The demo set's fictional child-safety implementer (synthetic records name no real one).
          { __typename: 'Organization', id: 'syn-impl-child' },
          { __typename: 'Project', id: 'syn-gpc-ea' },
          { __typename: 'NeedsAssessment', id: 'na-synthetic-032' },
          { __typename: 'LegalProvision', id: 'PHL-RA10175-2012-s14' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    const [ken, icmec, project, assessment, provision] = data?.['_entities'];
    expect(ken.activities.edges.map((e: any) => e.node.id).sort()).toEqual([
      'act-syn-ken-a-unodc-training',
      'act-syn-ken-b-interpol-mentoring',
      'act-syn-ken-c-unodc-equipment',
      'act-syn-ken-d-icmec-awareness',
      'act-syn-ken-e-coe-interpol-evidence',
    ]);
    expect(icmec.activitiesImplemented.totalCount).toBeGreaterThan(2);
    expect(icmec.activitiesImplemented.edges).toHaveLength(2);
    expect(icmec.activitiesImplemented.pageInfo.hasNextPage).toBe(true);
    expect(project.activities.edges.map((e: any) => e.node.id)).toEqual(
      expect.arrayContaining(['act-syn-ken-a-unodc-training', 'act-syn-ken-c-unodc-equipment']),
    );
    expect(assessment.answered).toEqual([{ id: 'act-syn-dza-investigations-2024' }]);
    expect(provision.supportedBy).toEqual([
      { id: 'act-syn-phl-legislative-2020', type: 'LEGISLATIVE_ADVICE' },
    ]);

    const next = await subgraph.query(
      `query($r: [_Any!]!, $after: String) { _entities(representations: $r) {
        ... on Organization { activitiesImplemented(includeSynthetic: true, first: 2, after: $after) { edges { node { id } } } }
      } }`,
      {
        r: [{ __typename: 'Organization', id: 'syn-impl-child' }],
        after: icmec.activitiesImplemented.pageInfo.endCursor,
      },
    );
    const second = next.data?.['_entities'][0].activitiesImplemented.edges.map(
      (e: any) => e.node.id,
    );
    expect(second).toHaveLength(2);
    expect(second).not.toContain(icmec.activitiesImplemented.edges[0].node.id);
  });
});

describe('assistance: batching', () => {
  it('reads the activities of 50 countries in one statement, and their requests in one more', async () => {
    const { data: listed } = await subgraph.query(
      `{ activities(includeSynthetic: true, first: 500) { edges { node { beneficiaryCountries { iso3 } } } } }`,
    );
    const iso3s = [
      ...new Set<string>(
        listed?.['activities'].edges.flatMap((e: any) =>
          e.node.beneficiaryCountries.map((c: any) => c.iso3),
        ),
      ),
    ].slice(0, 50);
    // 50 is the batch this test asks for, not a count of the data pack.
    expect(iso3s).toHaveLength(50);
    subgraph.resetSql();
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        activities(includeSynthetic: true, from: "2019-01-01", to: "2026-12-31") { totalCount }
        assistanceRequests(includeSynthetic: true) { totalCount }
      } } }`,
      { r: iso3s.map((iso3) => ({ __typename: 'Country', iso3 })) },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toHaveLength(50);
    expect(data?.['_entities'].every((c: any) => c.activities.totalCount > 0)).toBe(true);
    expect(activitySql()).toHaveLength(1);
    expect(subgraph.sql).toHaveLength(2);
  });

  it('resolves organisations, projects, assessments and provisions with one statement each', async () => {
    subgraph.resetSql();
    const { errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Organization { activitiesImplemented(includeSynthetic: true) { totalCount } }
        ... on Project { activities(includeSynthetic: true) { totalCount } }
        ... on NeedsAssessment { answered: activities(includeSynthetic: true) { id } }
        ... on LegalProvision { supportedBy(includeSynthetic: true) { id } }
      } }`,
      {
        r: [
          ...['unodc', 'coe', 'interpol', 'itu', 'icmec', 'oas', 'au'].map((id) => ({
            __typename: 'Organization',
            id,
          })),
          ...['gpc', 'syn-gpc-sea', 'syn-gpc-ea', 'syn-gpc-wa'].map((id) => ({
            __typename: 'Project',
            id,
          })),
          ...['na-synthetic-016', 'na-synthetic-017', 'na-synthetic-032', 'na-synthetic-035'].map(
            (id) => ({ __typename: 'NeedsAssessment', id }),
          ),
          ...['PHL-RA10175-2012-s13', 'PHL-RA10175-2012-s14', 'GBR-CMA-1990-s1'].map((id) => ({
            __typename: 'LegalProvision',
            id,
          })),
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(activitySql()).toHaveLength(4);
  });

  it('reads activity references through the entity cache: one statement cold, none warm', async () => {
    const ids = ['act-syn-0001', 'act-syn-0002', 'act-syn-0003', 'act-syn-0004', 'act-syn-0005'];
    await cache.deleteMany(ids.map((id) => `assistance:v1:activity:${id}`));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on TechnicalAssistanceActivity { id type participants { total } } } }`;
    const r = ids.map((id) => ({ __typename: 'TechnicalAssistanceActivity', id }));
    subgraph.resetSql();
    const cold = await subgraph.query(query, { r });
    expect(cold.data?.['_entities']).toHaveLength(5);
    expect(subgraph.sql).toHaveLength(1);
    subgraph.resetSql();
    expect((await subgraph.query(query, { r })).data).toEqual(cold.data);
    expect(subgraph.sql).toEqual([]);
  });
});

describe('assistance: overlaps', () => {
  const OVERLAPS = `query($c: CountryCode!, $from: Date, $to: Date) { overlaps(includeSynthetic: true, country: $c, from: $from, to: $to) {
    first { id implementers { id } } second { id implementers { id } } sharedAreas overlapStart overlapEnd overlapDays
  } }`;

  it('finds the planted pairs in Kenya: different implementers, a shared area, overlapping dates', async () => {
    const { data, errors } = await subgraph.query(OVERLAPS, { c: 'KEN' });
    expect(errors).toBeUndefined();
    expect(
      data?.['overlaps'].map((o: any) => ({
        pair: `${o.first.id} ~ ${o.second.id}`,
        sharedAreas: o.sharedAreas,
        overlapStart: o.overlapStart,
        overlapEnd: o.overlapEnd,
        overlapDays: o.overlapDays,
      })),
    ).toEqual([
      {
        pair: 'act-syn-ken-a-unodc-training ~ act-syn-ken-b-interpol-mentoring',
        sharedAreas: ['DIGITAL_FORENSICS'],
        overlapStart: '2023-03-06',
        overlapEnd: '2023-03-10',
        overlapDays: 5,
      },
      {
        pair: 'act-syn-ken-b-interpol-mentoring ~ act-syn-ken-c-unodc-equipment',
        sharedAreas: ['DIGITAL_FORENSICS'],
        overlapStart: '2023-04-01',
        overlapEnd: '2023-04-30',
        overlapDays: 30,
      },
    ]);
  });

  it('clips overlaps to the period asked and leaves out pairs outside it', async () => {
    const { data } = await subgraph.query(OVERLAPS, {
      c: 'KEN',
      from: '2023-04-15',
      to: '2023-12-31',
    });
    expect(data?.['overlaps']).toHaveLength(1);
    expect(data?.['overlaps'][0]).toMatchObject({
      overlapStart: '2023-04-15',
      overlapEnd: '2023-04-30',
      overlapDays: 16,
    });
    const none = await subgraph.query(OVERLAPS, { c: 'KEN', from: '2024-01-01' });
    expect(none.data?.['overlaps']).toEqual([]);
  });

  it('rejects a period that ends before it starts, naming the argument', async () => {
    const { errors } = await subgraph.query(OVERLAPS, {
      c: 'KEN',
      from: '2023-02-01',
      to: '2023-01-01',
    });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'to', message: 'must not be before from' }],
    });
  });
});

describe('assistance: delivery summary', () => {
  const SUMMARY = `query($g: DeliveryGrouping!, $from: Date, $to: Date) { deliverySummary(includeSynthetic: true, groupBy: $g, from: $from, to: $to) {
    rules rows { key region { m49 } country { iso3 } activities countriesReached requestsReceived requestsMet
      practitionersTrained { total female male other byRole { role count } } }
    reportedResults { code value unit year source confidence country { iso3 } }
  } }`;

  it('groups 2023 by country with requests, and reports the cited 6,618 practitioners apart', async () => {
    const { data, errors } = await subgraph.query(SUMMARY, {
      g: 'COUNTRY',
      from: '2023-01-01',
      to: '2023-12-31',
    });
    expect(errors).toBeUndefined();
    const summary = data?.['deliverySummary'];
    const ken = summary.rows.find((r: any) => r.key === 'KEN');
    expect(ken).toEqual({
      key: 'KEN',
      region: null,
      country: { iso3: 'KEN' },
      activities: 5,
      countriesReached: 1,
      requestsReceived: 0,
      requestsMet: 0,
      practitionersTrained: {
        total: 26,
        female: 11,
        male: 15,
        other: 0,
        byRole: [
          { role: 'INVESTIGATOR', count: 12 },
          { role: 'FORENSIC_EXPERT', count: 14 },
        ],
      },
    });
    const lka = summary.rows.find((r: any) => r.key === 'LKA');
    expect(lka).toMatchObject({ activities: 0, requestsReceived: 0, requestsMet: 1 });
    expect(summary.reportedResults).toEqual(
      expect.arrayContaining([
        {
          code: 'PRACTITIONERS_TRAINED_2023',
          value: '6618',
          unit: 'persons',
          year: 2023,
          source: 'https://globalcoalition.us/node/228',
          confidence: 'VERIFIED',
          country: null,
        },
        expect.objectContaining({ code: 'DOHA_CENTRE', country: { iso3: 'QAT' } }),
      ]),
    );
    expect(summary.rules).toMatch(/TRAINING and MENTORING/);
  });

  it('groups by region with M49 codes from its reference copy, and leaves request counts out of PILLAR', async () => {
    const byRegion = await subgraph.query(SUMMARY, { g: 'REGION' });
    const keys = byRegion.data?.['deliverySummary'].rows.map((r: any) => r.key);
    expect(keys).toEqual(['002', '009', '019', '142', '150']);
    const africa = byRegion.data?.['deliverySummary'].rows[0];
    expect(africa.region).toEqual({ m49: '002' });
    expect(africa.requestsReceived).toBeGreaterThan(0);
    const byPillar = await subgraph.query(SUMMARY, { g: 'PILLAR' });
    expect(
      byPillar.data?.['deliverySummary'].rows.every((r: any) => r.requestsReceived === null),
    ).toBe(true);
  });
});
