import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { fundingSubgraph } from '../../subgraphs/funding/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });

beforeAll(async () => {
  subgraph = await startTestSubgraph(fundingSubgraph, { cache });
  // Other test files write to this schema: start from the seed alone.
  await sql`drop schema if exists funding cascade`.execute(subgraph.database.db);
  await subgraph.close();
  subgraph = await startTestSubgraph(fundingSubgraph, { cache });
});
afterAll(() => subgraph?.close());

describe('funding: the Global Programme and its real facts', () => {
  it('holds the Global Programme with its six founding donors and Norway’s cited NOK 35 million', async () => {
    const { data, errors } = await subgraph.query(`{
      project(id: "gpc") {
        title synthetic confidence status gpcPillars gpcAreas
        participatingOrgs { organization { id } role }
        transactions { id type date synthetic source value { amount currency valueDate conversion { amountUsd fxRate fxRatePeriod fxRateDate fxSource } conversionNote } provider { id } }
        children { id title synthetic }
      }
      demo: project(id: "syn-programme") { synthetic children(includeSynthetic: true) { id title synthetic } }
    }`);
    expect(errors).toBeUndefined();
    const gpc = data?.['project'];
    expect(gpc.title).toBe('Global Programme on Cybercrime');
    expect(gpc.synthetic).toBe(false);
    expect(
      gpc.participatingOrgs
        .filter((p: any) => p.role === 'FUNDING')
        .map((p: any) => p.organization.id),
    ).toEqual(['gov-aus', 'gov-can', 'gov-gbr', 'gov-jpn', 'gov-nor', 'gov-usa']);
    expect(gpc.gpcPillars).toEqual([
      'CAPACITY_BUILDING',
      'REGULATORY_FRAMEWORK',
      'COOPERATION',
      'PREVENTION',
    ]);
    const norway = gpc.transactions.find((t: any) => t.id === 'gpc-nor-2018');
    expect(norway).toEqual({
      id: 'gpc-nor-2018',
      // A signed commitment (the data pack README's correction), not a pledge.
      type: 'INCOMING_COMMITMENT',
      date: '2018-05-14',
      synthetic: false,
      source: expect.stringContaining('unodc.org/unodc/en/frontpage/2018/May'),
      value: {
        amount: '35000000',
        currency: 'NOK',
        valueDate: '2018-05-14',
        conversion: {
          amountUsd: '4322962.34',
          fxRate: '8.0963',
          fxRatePeriod: '2018-05',
          fxRateDate: '2018-05-01',
          fxSource: expect.stringContaining('FRED'),
        },
        conversionNote: null,
      },
      provider: { id: 'gov-nor' },
    });
    // Synthetic money never lands on the real programme: the demo projects hang off a fictional
    // one, and only when asked for.
    expect(gpc.transactions.every((t: any) => !t.synthetic)).toBe(true);
    // Under it: the two real projects the data pack says are executed in its framework.
    expect(gpc.children.map((c: any) => [c.id, c.synthetic])).toEqual([
      ['unodc-els-pnc-cybercrime', false],
      ['unodc-icac-central-america', false],
    ]);
    const demo = data?.['demo'];
    expect(demo.synthetic).toBe(true);
    expect(demo.children.length).toBeGreaterThanOrEqual(6);
    expect(demo.children.every((c: any) => c.synthetic && c.title.endsWith('(synthetic)'))).toBe(
      true,
    );
  });
});

const DONE_WHEN = `{
  fundingSummary(groupBy: [DONOR, YEAR], projectId: "gpc", currency: USD) {
    conversionRule
    groups {
      donor { id } year
      pledged { amountUsd transactionCount original { amount currency } unconverted { amount currency } complete }
      committed { amountUsd transactionCount original { amount currency } unconverted { amount currency } complete }
      received { amountUsd transactionCount original { amount currency } unconverted { amount currency } complete }
      ratesUsed { currency period fxRate source }
    }
  }
}`;

/** The same report over the synthetic demo set: fictional donors, a fictional programme. */
const DEMO = DONE_WHEN.replace(
  'projectId: "gpc"',
  'projectId: "syn-programme", includeSynthetic: true',
);

const groupOf = (groups: any[], donor: string, year: number) =>
  groups.find((g) => g.donor?.id === donor && g.year === year);

describe('funding: the report query', () => {
  it('answers extrabudgetary contributions to the Global Programme by donor and year, pledged versus received, in USD with the rates used', async () => {
    const { data, errors } = await subgraph.query(DONE_WHEN);
    expect(errors).toBeUndefined();
    const summary = data?.['fundingSummary'];
    expect(summary.conversionRule).toMatch(/monthly average .* else at that year’s annual average/);
    const donors = new Set(summary.groups.map((g: any) => g.donor.id));
    // By default only real records count: the cited contributions with an amount and a date that
    // the sources tie to the programme (Canada's through the ICAC project under it).
    expect([...donors].sort()).toEqual(['gov-can', 'gov-nor', 'gov-usa']);
    const demo = (await subgraph.query(DEMO)).data?.['fundingSummary'];
    expect(new Set(demo.groups.map((g: any) => g.donor.id))).toEqual(
      // The fictional agency appears as the provider of the projects' spending (IATI expenditure).
      new Set([
        'syn-agency',
        'syn-donor-aud',
        'syn-donor-cad',
        'syn-donor-eur',
        'syn-donor-gbp',
        'syn-donor-jpy',
        'syn-donor-nok',
        'syn-donor-qar',
        'syn-donor-usd',
      ]),
    );
    // The real, cited contribution: NOK 35,000,000 committed in May 2018, at the May 2018 average.
    expect(groupOf(summary.groups, 'gov-nor', 2018)).toEqual({
      donor: { id: 'gov-nor' },
      year: 2018,
      pledged: {
        amountUsd: '0.00',
        transactionCount: 0,
        original: [],
        unconverted: [],
        complete: true,
      },
      committed: {
        amountUsd: '4322962.34',
        transactionCount: 1,
        original: [{ amount: '35000000', currency: 'NOK' }],
        unconverted: [],
        complete: true,
      },
      received: {
        amountUsd: '0.00',
        transactionCount: 0,
        original: [],
        unconverted: [],
        complete: true,
      },
      ratesUsed: [
        {
          currency: 'NOK',
          period: '2018-05',
          fxRate: '8.0963',
          source: expect.stringContaining('FRED EXNOUS'),
        },
      ],
    });
    // Every figure is an exact decimal string, and pledges and receipts stay apart.
    for (const group of summary.groups) {
      for (const flow of [group.pledged, group.received]) {
        expect(flow.amountUsd).toMatch(/^\d+\.\d{2}$/);
      }
    }
  });

  it('lists an amount with no exchange rate unconverted, in its own currency, instead of dropping it', async () => {
    const { data } = await subgraph.query(DEMO);
    expect(groupOf(data?.['fundingSummary'].groups, 'syn-donor-gbp', 2014).received).toEqual({
      amountUsd: '0.00',
      transactionCount: 1,
      original: [{ amount: '250000', currency: 'GBP' }],
      unconverted: [{ amount: '250000', currency: 'GBP' }],
      complete: false,
    });
    const { data: tx } = await subgraph.query(
      `{ project(id: "syn-programme") { transactions(includeSynthetic: true) { date value { amount currency conversion { amountUsd } conversionNote } } } }`,
    );
    const early = tx?.['project'].transactions.find((t: any) => t.date === '2014-09-15');
    expect(early.value).toEqual({
      amount: '250000',
      currency: 'GBP',
      conversion: null,
      conversionNote: expect.stringMatching(/^No GBP rate is available for 2014-09 or 2014/),
    });
  });

  it('falls back to the annual average when no monthly rate exists (QAR peg)', async () => {
    const { data } = await subgraph.query(
      `{ fundingSummary(groupBy: [DONOR], donorId: "syn-donor-qar", includeSynthetic: true) { groups { ratesUsed { currency period fxRate } } } }`,
    );
    const rates = data?.['fundingSummary'].groups[0].ratesUsed;
    expect(rates.length).toBeGreaterThan(0);
    expect(
      rates.every(
        (r: any) => r.currency === 'QAR' && /^\d{4}$/.test(r.period) && r.fxRate === '3.64',
      ),
    ).toBe(true);
  });

  it('splits by recipient percentage and groups by M49 region and pillar', async () => {
    const { data, errors } = await subgraph.query(`{
      byCountry: fundingSummary(groupBy: [RECIPIENT_COUNTRY], projectId: "syn-gpc-ea", includeSynthetic: true) {
        groups { recipientCountry { iso3 } spent { amountUsd original { amount currency } } }
      }
      project: project(id: "syn-gpc-ea") { transactions(includeSynthetic: true) { type value { amount currency } } }
      byRegion: fundingSummary(groupBy: [REGION], includeSynthetic: true) { groups { region { m49 } received { amountUsd } } }
      byPillar: fundingSummary(groupBy: [PILLAR], projectId: "syn-gpc-ca", includeSynthetic: true) { groups { pillar spent { transactionCount } } }
    }`);
    expect(errors).toBeUndefined();
    const spent = data?.['project'].transactions.filter((t: any) => t.type === 'EXPENDITURE');
    expect(spent.every((t: any) => t.value.currency === 'USD')).toBe(true);
    const groups = data?.['byCountry'].groups;
    expect(groups.map((g: any) => g.recipientCountry.iso3)).toEqual(['KEN', 'UGA']);
    // 60 % and 40 % of the same USD expenditure, computed in numeric.
    const ken = groups[0].spent.original[0].amount;
    const uga = groups[1].spent.original[0].amount;
    const total = spent.reduce((sum: bigint, t: any) => sum + BigInt(t.value.amount), 0n);
    expect(ken).toBe(String((total * 60n) / 100n));
    expect(uga).toBe(String((total * 40n) / 100n));
    expect(data?.['byRegion'].groups.map((g: any) => g.region?.m49 ?? null)).toEqual([
      '002',
      '009',
      '019',
      '142',
      // Europe: real partner money (CyberEast's recipients include Belarus, Moldova, Ukraine).
      '150',
      null,
    ]);
    expect(data?.['byPillar'].groups).toEqual([
      { pillar: 'PREVENTION', spent: { transactionCount: 5 } },
    ]);
  });
});

describe('funding: exchange rates', () => {
  it('lists the stored rates of a currency with their source, and refuses a code outside ISO 4217', async () => {
    const { data } = await subgraph.query(
      `{ exchangeRates(currency: "NOK", fromYear: 2018, toYear: 2018) { period periodStart unitsPerUsd licence } }`,
    );
    const rates = data?.['exchangeRates'];
    expect(rates).toHaveLength(13);
    expect(rates[0]).toEqual({
      period: '2018-12',
      periodStart: '2018-12-01',
      unitsPerUsd: '8.6263',
      licence: 'ODC-PDDL-1.0',
    });
    expect(rates[12]).toMatchObject({ period: '2018', unitsPerUsd: '8.1318' });
    const bad = await subgraph.query(`{ exchangeRates(currency: "XYZ") { period } }`);
    expect(bad.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'currency', message: '"XYZ" is not an ISO 4217 currency code' }],
    });
  });
});

describe('funding: fields on other subgraphs’ entities', () => {
  it('adds Country.fundingReceived, split by recipient percentage, and Organization.contributions', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Country { iso3 fundingReceived(includeSynthetic: true) { received { amountUsd original { amount currency } } conversionRule } }
        ... on Organization { id contributions { id value { currency } } }
      } }`,
      {
        r: [
          { __typename: 'Country', iso3: 'KEN' },
          { __typename: 'Country', iso3: 'FRA' },
          { __typename: 'Organization', id: 'gov-nor' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    const [ken, fra, nor] = data?.['_entities'];
    expect(ken.fundingReceived.received.original.length).toBeGreaterThan(0);
    expect(fra.fundingReceived.received).toEqual({ amountUsd: '0.00', original: [] });
    expect(nor.contributions.map((t: any) => t.id)).toContain('gpc-nor-2018');
    expect(nor.contributions.every((t: any) => t.value.currency === 'NOK')).toBe(true);
  });
});

describe('funding: batching', () => {
  it('resolves many project references with three SQL statements, and none when warm', async () => {
    const ids = ['gpc', 'syn-gpc-sea', 'syn-gpc-wa', 'syn-gpc-mena', 'syn-gpc-ca', 'syn-gpc-ea'];
    await cache.deleteMany(ids.map((id) => `funding:v2:project:${id}`));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id title participatingOrgs { role } recipientCountries { percentage } } } }`;
    const r = ids.map((id) => ({ __typename: 'Project', id }));
    subgraph.resetSql();
    const cold = await subgraph.query(query, { r });
    expect(cold.data?.['_entities']).toHaveLength(6);
    expect(subgraph.sql).toHaveLength(3);
    subgraph.resetSql();
    expect((await subgraph.query(query, { r })).data).toEqual(cold.data);
    expect(subgraph.sql).toEqual([]);
  });

  it('loads the transactions and budgets of every child project with one statement each', async () => {
    const query = `{ project(id: "syn-programme") { children(includeSynthetic: true) { transactions(includeSynthetic: true) { id provider { id } } budgets(includeSynthetic: true) { id value { amount } } } } }`;
    await subgraph.query(query);
    await cache.deleteMany(
      [
        'syn-gpc-sea',
        'syn-gpc-wa',
        'syn-gpc-mena',
        'syn-gpc-ca',
        'syn-gpc-ea',
        'syn-gpc-pac',
      ].flatMap((id) => [
        `funding:v2:transactions-of-project:${id}`,
        `funding:v1:budgets-of-project:${id}`,
      ]),
    );
    subgraph.resetSql();
    const { data } = await subgraph.query(query);
    expect(data?.['project'].children.length).toBeGreaterThanOrEqual(6);
    expect(subgraph.sql.filter((s) => /"funding"\."funding_transaction"/.test(s))).toHaveLength(1);
    expect(subgraph.sql.filter((s) => /"funding"\."budget"/.test(s))).toHaveLength(1);
  });

  it('resolves transaction references and organisations’ contributions with one statement each', async () => {
    const { data: listed } = await subgraph.query(
      `{ project(id: "syn-programme") { transactions(includeSynthetic: true) { id } } }`,
    );
    const ids: string[] = listed?.['project'].transactions.map((t: any) => t.id);
    expect(ids.length).toBeGreaterThan(10);
    await cache.deleteMany(ids.map((id) => `funding:v2:transaction:${id}`));
    const donors = [
      'syn-donor-aud',
      'syn-donor-cad',
      'syn-donor-jpy',
      'syn-donor-nok',
      'syn-donor-gbp',
      'syn-donor-usd',
      'syn-donor-qar',
      'gov-nor',
    ];
    await cache.deleteMany(donors.map((id) => `funding:v2:transactions-of-provider:${id}`));
    subgraph.resetSql();
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Transaction { id value { amount } }
        ... on Organization { id contributions(includeSynthetic: true) { id } }
      } }`,
      {
        r: [
          ...ids.map((id) => ({ __typename: 'Transaction', id })),
          ...donors.map((id) => ({ __typename: 'Organization', id })),
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toHaveLength(ids.length + donors.length);
    // One statement for the transactions by id, one for the contributions of all eight donors.
    expect(subgraph.sql).toHaveLength(2);
  });

  it('resolves budget references in one statement, with their conversion', async () => {
    const r = [2019, 2020, 2021, 2022].map((year) => ({
      __typename: 'Budget',
      id: `syn-budget-syn-gpc-sea-${year}`,
    }));
    await cache.deleteMany(r.map((b) => `funding:v1:budget:${b.id}`));
    subgraph.resetSql();
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Budget { id periodStart value { currency conversion { fxRate } } } } }`,
      { r },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities'].map((b: any) => b.periodStart)).toEqual([
      '2019-01-01',
      '2020-01-01',
      '2021-01-01',
      '2022-01-01',
    ]);
    expect(data?.['_entities'][0].value).toEqual({ currency: 'USD', conversion: { fxRate: '1' } });
    expect(subgraph.sql).toHaveLength(1);
  });

  it('answers fundingReceived for many countries with one summary statement', async () => {
    const iso3s = ['KEN', 'UGA', 'NGA', 'GHA', 'SEN', 'PHL', 'VNM', 'IDN'];
    subgraph.resetSql();
    const { data } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { fundingReceived { spent { amountUsd } } } } }`,
      { r: iso3s.map((iso3) => ({ __typename: 'Country', iso3 })) },
    );
    expect(data?.['_entities']).toHaveLength(8);
    expect(subgraph.sql).toHaveLength(1);
  });
});

describe('funding: seed', () => {
  it('is idempotent: a second run inserts and updates nothing', async () => {
    const report = await subgraph.reseed();
    expect(Object.values(report).every((n) => n === 0)).toBe(true);
    expect(Object.keys(report)).toContain('transactionsInserted');
  });

  it('generates the same synthetic data on every run, flagged synthetic in several currencies', async () => {
    const { generateSynthetic } = await import('../../subgraphs/funding/synthetic.seed.js');
    expect(generateSynthetic()).toEqual(generateSynthetic());
    const { data } = await subgraph.query(
      `{ projects(filter: { synthetic: true }) { totalCount edges { node { title transactions(includeSynthetic: true) { synthetic value { currency } } } } } }`,
    );
    const nodes = data?.['projects'].edges.map((e: any) => e.node);
    expect(nodes.every((p: any) => p.title.endsWith('(synthetic)'))).toBe(true);
    const currencies = new Set(
      nodes.flatMap((p: any) => p.transactions.map((t: any) => t.value.currency)),
    );
    expect(currencies.size).toBeGreaterThanOrEqual(6);
    expect(nodes.flatMap((p: any) => p.transactions).every((t: any) => t.synthetic)).toBe(true);
  });
});
