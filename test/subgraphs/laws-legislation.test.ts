import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { createLogger } from '../../loaders/logger.js';
import { createRedis, redisReady } from '../../loaders/redis.js';
import type { TestSubgraph } from '../support/harness.js';
import { CREATE_LEGISLATION, memberStates, newLaw, startLawsSubgraph } from '../support/laws.js';
import { redisUrl } from '../support/services.js';
import { as } from '../support/viewer.js';

// The laws subgraph's legislation and provisions: a country's laws, the legal coverage they give
// against a treaty, how many SQL statements many countries cost, and the entity cache.

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startLawsSubgraph({ cache: new MemoryCache({ maxEntries: 10_000 }) });
});
afterAll(() => subgraph?.close());

describe('laws: legislation and provisions', () => {
  it('answers a country’s laws with their provisions, summaries and sources', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        legislation { id title status year confidence reviewStatus synthetic
          provisions { label summary confidence source offenceCategories { code } } }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'GBR' }] },
    );
    expect(errors).toBeUndefined();
    const [gbr] = data?.['_entities'] as { legislation: Record<string, any>[] }[];
    expect(gbr?.legislation).toHaveLength(1);
    const cma = gbr?.legislation[0];
    expect(cma).toMatchObject({
      id: 'GBR-CMA-1990',
      title: 'Computer Misuse Act 1990',
      status: 'IN_FORCE',
      year: 1990,
      confidence: 'VERIFIED',
      reviewStatus: 'PUBLISHED',
      synthetic: false,
    });
    expect(cma?.['provisions'].map((p: { label: string }) => p.label)).toEqual([
      's. 1',
      's. 2',
      's. 3',
      's. 3ZA',
      's. 3A',
    ]);
    expect(cma?.['provisions'][0]).toEqual({
      label: 's. 1',
      summary: 'Unauthorised access to computer material.',
      confidence: 'TO_VERIFY',
      source: 'https://www.legislation.gov.uk/ukpga/1990/18/section/1',
      offenceCategories: [{ code: 'BC-2' }, { code: 'UNCC-7' }],
    });
  });

  it('links a law to the one it replaces and marks the old one repealed', async () => {
    const { data } = await subgraph.query(`{
      legislation(id: "CHL-L21459-2022") { amends { id status } }
      old: legislation(id: "CHL-L19223-1993") { amendedBy { id } }
    }`);
    expect(data).toEqual({
      legislation: { amends: [{ id: 'CHL-L19223-1993', status: 'REPEALED' }] },
      old: { amendedBy: [{ id: 'CHL-L21459-2022' }] },
    });
  });

  it('returns NOT_FOUND naming an unknown law', async () => {
    const { errors } = await subgraph.query(`{ legislation(id: "XXX-NONE") { id } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', key: 'XXX-NONE' });
  });

  it('filters a country’s provisions by procedural power, concept and status', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        iso3
        production: provisions(filter: { proceduralPower: "PRODUCTION_ORDER" }) { label }
        fraud: provisions(filter: { concept: "FRAUD", inForce: true }) { label }
        repealed: provisions(filter: { inForce: false }) { label }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'PHL' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      {
        iso3: 'PHL',
        production: [{ label: 's. 14' }],
        fraud: [{ label: 's. 4(b)(2)' }],
        repealed: [],
      },
    ]);
  });
});

describe('laws: legalCoverage', () => {
  it('matches the tagged provisions in force of the United Kingdom against Budapest', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        provisions { id offenceCategories { code } proceduralPowers { code } }
        legalCoverage(scheme: BUDAPEST) {
          scheme offencesCovered proceduralPowersCovered provisionsConsidered
          offences { category { code } covered directProvisions { id } conceptProvisions { id } }
          proceduralPowers { power { code } article covered provisions { id } }
        }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'GBR' }] },
    );
    expect(errors).toBeUndefined();
    const [gbr] = data?.['_entities'] as Record<string, any>[];
    const coverage = gbr?.['legalCoverage'];
    // Expected, computed from the provisions themselves: a category is covered by exactly the
    // provisions tagged with it.
    const provisions = gbr?.['provisions'] as {
      id: string;
      offenceCategories: { code: string }[];
    }[];
    for (const row of coverage.offences as Record<string, any>[]) {
      const tagged = provisions
        .filter((p) => p.offenceCategories.some((c) => c.code === row['category'].code))
        .map((p) => ({ id: p.id }));
      expect(row['directProvisions']).toEqual(tagged);
      expect(row['covered']).toBe(tagged.length > 0 || row['conceptProvisions'].length > 0);
    }
    expect(
      (coverage.offences as Record<string, any>[])
        .filter((r) => r['covered'])
        .map((r) => [r['category'].code, r['directProvisions'].map((p: { id: string }) => p.id)]),
    ).toEqual([
      ['BC-2', ['GBR-CMA-1990-s1', 'GBR-CMA-1990-s2']],
      ['BC-4', ['GBR-CMA-1990-s3']],
      ['BC-5', ['GBR-CMA-1990-s3', 'GBR-CMA-1990-s3ZA']],
      ['BC-6', ['GBR-CMA-1990-s3A']],
    ]);
    expect(coverage).toMatchObject({
      scheme: 'BUDAPEST',
      offencesCovered: 4,
      proceduralPowersCovered: 0,
      provisionsConsidered: 5,
    });
    expect(coverage.offences).toHaveLength(12);
    expect(coverage.proceduralPowers.map((p: Record<string, any>) => p['article'])).toEqual([
      '14',
      '15',
      '16',
      '17',
      '18',
      '18(1)(b)',
      '19',
      '20',
      '21',
    ]);
  });

  it('covers the UN Convention’s procedural powers in the Philippines from ss. 13–15', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        legalCoverage(scheme: UN_CONVENTION) {
          offencesCovered
          proceduralPowers { power { code } article covered provisions { label } }
        }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'PHL' }] },
    );
    expect(errors).toBeUndefined();
    const [phl] = data?.['_entities'] as Record<string, any>[];
    const covered = (phl?.['legalCoverage'].proceduralPowers as Record<string, any>[]).filter(
      (p) => p['covered'],
    );
    expect(covered).toEqual([
      {
        power: { code: 'PRESERVATION_STORED' },
        article: '25',
        covered: true,
        provisions: [{ label: 's. 13' }],
      },
      {
        power: { code: 'PRODUCTION_ORDER' },
        article: '27',
        covered: true,
        provisions: [{ label: 's. 14' }],
      },
      {
        power: { code: 'PRODUCTION_ORDER_SUBSCRIBER' },
        article: '27',
        covered: true,
        provisions: [{ label: 's. 14' }],
      },
      {
        power: { code: 'SEARCH_SEIZURE' },
        article: '28',
        covered: true,
        provisions: [{ label: 's. 15' }],
      },
    ]);
    expect(phl?.['legalCoverage'].offencesCovered).toBe(8);
  });

  it('counts nothing as covered for a country with no recorded provisions', async () => {
    const { data } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        legalCoverage(scheme: BUDAPEST) { offencesCovered proceduralPowersCovered provisionsConsidered }
      } } }`,
      { r: [{ __typename: 'Country', iso3: 'FRA' }] },
    );
    expect(data?.['_entities']).toEqual([
      {
        legalCoverage: { offencesCovered: 0, proceduralPowersCovered: 0, provisionsConsidered: 0 },
      },
    ]);
  });
});

describe('laws: batching', () => {
  const COUNTRIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
    iso3
    legislation { id title amends { id } amendedBy { id } provisions { id label offenceCategories { code } proceduralPowers { code } } }
    provisions(filter: { inForce: true }) { id }
    legalCoverage(scheme: BUDAPEST) { offencesCovered proceduralPowersCovered }
    cases { id }
    lessonsLearned { id }
    treatyParticipation { id instrument { code } }
  } } }`;

  it('answers 193 countries’ legislation and provisions with as many SQL statements as 10', async () => {
    const uncached = await startLawsSubgraph();
    try {
      const states = await memberStates();
      // The UN's 193 Member States: the number is the fact the test name states.
      expect(states).toHaveLength(193);
      const reps = (list: { iso3: string }[]) =>
        list.map((s) => ({ __typename: 'Country', iso3: s.iso3 }));
      const counts: number[] = [];
      // Ten countries that hold laws, provisions, cases, lessons and treaty rows, so every loader
      // runs in both queries; then all 193.
      const ten = ['GBR', 'ZAF', 'PHL', 'KEN', 'USA', 'AUS', 'CHL', 'IND', 'FIN', 'SVN'].map(
        (iso3) => ({ iso3 }),
      );
      for (const list of [ten, states]) {
        uncached.resetSql();
        const { data, errors } = await uncached.query(COUNTRIES, { r: reps(list) });
        expect(errors).toBeUndefined();
        expect(data?.['_entities']).toHaveLength(list.length);
        counts.push(uncached.sql.length);
      }
      expect(counts[1]).toBe(counts[0]);
      expect(counts[0]).toBeLessThanOrEqual(12);
    } finally {
      await uncached.close();
    }
  });

  it('reads nothing from the database for a repeated query when the cache is warm', async () => {
    const reps = [{ __typename: 'Country', iso3: 'ZAF' }];
    await subgraph.query(COUNTRIES, { r: reps });
    subgraph.resetSql();
    const { errors } = await subgraph.query(COUNTRIES, { r: reps });
    expect(errors).toBeUndefined();
    expect(subgraph.sql).toEqual([]);
  });

  it('seeds idempotently: a second run changes nothing', async () => {
    const report = await subgraph.reseed();
    expect(Object.values(report).every((n) => n === 0)).toBe(true);
    expect(Object.keys(report)).toContain('provisionsInserted');
  });
});

const redisClients: { disconnect(): void }[] = [];
afterAll(() => redisClients.forEach((c) => c.disconnect()));

const caches: { name: string; make: () => Promise<KeyValueCache> }[] = [
  { name: 'memory', make: async () => new MemoryCache({ maxEntries: 1_000 }) },
  ...(redisUrl
    ? [
        {
          name: 'redis',
          make: async () => {
            const redis = createRedis(redisUrl as string, {
              commandTimeoutMs: 250,
              logger: createLogger({ level: 'silent', service: 'test' }),
            });
            redisClients.push(redis);
            expect(await redisReady(redis, 2_000)).toBe(true);
            return new RedisCache(redis);
          },
        },
      ]
    : []),
];

describe.each(caches)('laws: entity cache on $name', ({ make }) => {
  it('serves a country’s laws from the cache and purges them when a write changes them', async () => {
    const cached = await startLawsSubgraph({ cache: await make() });
    try {
      const created = await cached.query(CREATE_LEGISLATION, { input: newLaw('NOR') }, as.editor);
      expect(created.errors).toBeUndefined();
      const id = created.data?.['createLegislation'].id as string;
      const LIST = `{ _entities(representations: [{ __typename: "Country", iso3: "NOR" }]) {
        ... on Country { legislation { id } } } }`;
      // Norway also has its UNCTAD catalogue entries: look at the curated records only.
      const curated = (r: { data?: Record<string, any> | null }) =>
        (r.data?.['_entities'][0].legislation as { id: string }[]).filter(
          (l) => !l.id.startsWith('UNCTAD-'),
        );
      const first = await cached.query(LIST, {}, as.public);
      expect(curated(first)).toEqual([{ id }]);
      cached.resetSql();
      const again = await cached.query(LIST, {}, as.public);
      expect(again.data).toEqual(first.data);
      expect(cached.sql).toEqual([]);
      const archived = await cached.query(
        `mutation($id: ID!) { archiveLegislation(id: $id) { id } }`,
        { id },
        as.editor,
      );
      expect(archived.errors).toBeUndefined();
      const after = await cached.query(LIST, {}, as.public);
      expect(curated(after)).toEqual([]);
    } finally {
      await cached.close();
    }
  });
});
