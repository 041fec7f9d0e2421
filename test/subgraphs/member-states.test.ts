import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { RedisCache } from '../../loaders/cache.js';
import { generateIdentityKey, VIEWER_HEADER } from '../../loaders/identity.js';
import { createLogger } from '../../loaders/logger.js';
import { createRedis } from '../../loaders/redis.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { clientErrors } from '../support/client-errors.js';
import { dataPack } from '../support/data-pack.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { CLOSED_REDIS_URL } from '../support/services.js';
import { asViewer, signedViewerHeader } from '../support/viewer.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });

beforeAll(async () => {
  subgraph = await startTestSubgraph(memberStatesSubgraph, { cache });
});
afterAll(() => subgraph?.close());

const pack = dataPack('member-states');

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Country { iso3 name region { name } } }
}`;

describe('member-states: countries', () => {
  // 193 and 2 are the UN's counts of its Member States and observer States: the fact under test.
  it('holds the 193 Member States and the two observer States', async () => {
    const { data } = await subgraph.query(`{
      all: countries(first: 300) { totalCount }
      members: countries(filter: { memberStatus: MEMBER }) { totalCount }
      observers: countries(filter: { memberStatus: OBSERVER }) { edges { node { iso3 isUnMember unRegionalGroup } } }
    }`);
    expect(data).toEqual({
      all: { totalCount: 195 },
      members: { totalCount: 193 },
      observers: {
        edges: [
          { node: { iso3: 'VAT', isUnMember: false, unRegionalGroup: null } },
          { node: { iso3: 'PSE', isUnMember: false, unRegionalGroup: null } },
        ],
      },
    });
  });

  it('counts Member States per M49 region and UN regional group as UNSD and the UN publish', async () => {
    const { data } = await subgraph.query(`{
      africa: countries(filter: { region: "002", memberStatus: MEMBER }) { totalCount }
      americas: countries(filter: { region: "019", memberStatus: MEMBER }) { totalCount }
      asia: countries(filter: { region: "142", memberStatus: MEMBER }) { totalCount }
      europe: countries(filter: { region: "150", memberStatus: MEMBER }) { totalCount }
      oceania: countries(filter: { region: "009", memberStatus: MEMBER }) { totalCount }
      african: countries(filter: { regionalGroup: AFRICAN }) { totalCount }
      weog: countries(filter: { regionalGroup: WESTERN_EUROPEAN_OTHERS }) { totalCount }
      easternAfrica: countries(filter: { subregion: "014" }) { totalCount }
    }`);
    expect(data).toEqual({
      africa: { totalCount: 54 },
      americas: { totalCount: 35 },
      asia: { totalCount: 47 },
      europe: { totalCount: 43 },
      oceania: { totalCount: 14 },
      african: { totalCount: 54 },
      weog: { totalCount: 29 },
      easternAfrica: { totalCount: 18 },
    });
  });

  it('answers one country with its M49 areas and names in the six UN languages', async () => {
    const { data } = await subgraph.query(`{
      country(iso3: "KEN") {
        iso3 iso2 m49 name memberStatus unRegionalGroup confidence
        region { m49 name } subregion { name } intermediateRegion { name }
        names { ar zh en fr ru es }
      }
    }`);
    expect(data?.['country']).toEqual({
      iso3: 'KEN',
      iso2: 'KE',
      m49: '404',
      name: 'Kenya',
      memberStatus: 'MEMBER',
      unRegionalGroup: 'AFRICAN',
      confidence: 'VERIFIED',
      region: { m49: '002', name: 'Africa' },
      subregion: { name: 'Sub-Saharan Africa' },
      intermediateRegion: { name: 'Eastern Africa' },
      names: { ar: 'كينيا', zh: '肯尼亚', en: 'Kenya', fr: 'Kenya', ru: 'Кения', es: 'Kenia' },
    });
  });

  it('pages through every country once with keyset cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { data }: { data?: any } = await subgraph.query(
        `query($after: String) { countries(first: 50, after: $after) { edges { node { iso3 } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data.countries.edges.map((e: any) => e.node.iso3));
      after = data.countries.pageInfo.hasNextPage ? data.countries.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    const states = (await pack.states()).map((s) => s.iso3);
    expect(pages).toBe(Math.ceil(states.length / 50));
    // Every State once: none missing, none twice.
    expect(seen).toHaveLength(states.length);
    expect([...seen].sort()).toEqual([...states].sort());
  });

  it('searches the six UN names, the common name and the ISO codes, with wildcards taken literally', async () => {
    const search = async (text: string) => {
      const { data } = await subgraph.query(
        `query($s: String) { countries(filter: { search: $s }) { edges { node { iso3 } } } }`,
        {
          s: text,
        },
      );
      return data?.['countries'].edges.map((e: any) => e.node.iso3);
    };
    expect(await search('ivoire')).toEqual(['CIV']);
    expect(await search('Vietnam')).toEqual(['VNM']);
    expect(await search('Кения')).toEqual(['KEN']);
    expect(await search('ke')).toContain('KEN');
    expect(await search('%')).toEqual([]);
  });

  it('walks the M49 tree', async () => {
    const { data } = await subgraph.query(`{
      regions(level: REGION) { m49 }
      region(m49: "202") { name parent { name } children { m49 } countries { iso3 } }
    }`);
    expect(data?.['regions'].map((r: any) => r.m49).sort()).toEqual([
      '002',
      '009',
      '019',
      '142',
      '150',
    ]);
    expect(data?.['region']).toMatchObject({
      name: 'Sub-Saharan Africa',
      parent: { name: 'Africa' },
      children: expect.arrayContaining([{ m49: '014' }, { m49: '011' }]),
    });
    const subSaharan = (await pack.rows('member_states.csv'))
      .filter((row) => row['subregion_m49'] === '202')
      .map((row) => row['iso3']);
    expect(data?.['region'].countries.map((c: any) => c.iso3).sort()).toEqual(subSaharan.sort());
  });
});

describe('member-states: bad input', () => {
  it('returns NOT_FOUND naming an unknown code', async () => {
    const { errors } = await subgraph.query(`{ country(iso3: "XXX") { name } }`);
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "iso3",
            "key": "XXX",
            "type": "Country",
          },
          "message": "No Country has iso3 "XXX".",
          "path": [
            "country",
          ],
        },
      ]
    `);
  });

  it('returns BAD_USER_INPUT for a malformed code, in a literal and in a variable', async () => {
    const literal = await subgraph.query(`{ country(iso3: "ke") { name } }`);
    // The literal's argument is named (schema/input-rule.ts).
    expect(clientErrors(literal)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "iso3",
                "message": "CountryCode must be an ISO 3166-1 alpha-3 code of three capital letters, such as "KEN"; got "ke".",
              },
            ],
          },
          "message": "Invalid input. iso3: CountryCode must be an ISO 3166-1 alpha-3 code of three capital letters, such as "KEN"; got "ke".",
        },
      ]
    `);
    const variable = await subgraph.query(
      `query($iso3: CountryCode!) { country(iso3: $iso3) { name } }`,
      { iso3: 'ke' },
    );
    expect(clientErrors(variable)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
          },
          "message": "Variable "$iso3" got invalid value "ke"; CountryCode must be an ISO 3166-1 alpha-3 code of three capital letters, such as "KEN"; got "ke".",
        },
      ]
    `);
  });

  it('names `first`, `after` and filter fields that are invalid', async () => {
    const tooMany = await subgraph.query(`{ countries(first: 501) { totalCount } }`);
    expect(clientErrors(tooMany)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "first",
                "message": "must be between 0 and 500; got 501",
              },
            ],
          },
          "message": "Invalid input. first: must be between 0 and 500; got 501",
          "path": [
            "countries",
          ],
        },
      ]
    `);
    const badCursor = await subgraph.query(`{ countries(after: "bogus") { totalCount } }`);
    expect(clientErrors(badCursor)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "after",
                "message": "is not a cursor from this list; pass an \`endCursor\` you were given",
              },
            ],
          },
          "message": "Invalid input. after: is not a cursor from this list; pass an \`endCursor\` you were given",
          "path": [
            "countries",
          ],
        },
      ]
    `);
    const badFilter = await subgraph.query(
      `{ countries(filter: { search: " ", region: "202" }) { totalCount } }`,
    );
    expect(clientErrors(badFilter)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "filter.search",
                "message": "must not be empty; omit it to list everything",
              },
              {
                "field": "filter.region",
                "message": ""202" (Sub-Saharan Africa) is a SUBREGION, not a REGION",
              },
            ],
          },
          "message": "Invalid input. filter.search: must not be empty; omit it to list everything; filter.region: "202" (Sub-Saharan Africa) is a SUBREGION, not a REGION",
          "path": [
            "countries",
          ],
        },
      ]
    `);
    const unknownRegion = await subgraph.query(
      `{ countries(filter: { region: "999" }) { totalCount } }`,
    );
    expect(clientErrors(unknownRegion)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.region",
            "key": "999",
            "type": "M49Region",
          },
          "message": "No M49Region has filter.region "999".",
          "path": [
            "countries",
          ],
        },
      ]
    `);
  });

  it('rejects a forged identity header with UNAUTHENTICATED', async () => {
    const query = `{ country(iso3: "KEN") { name } }`;
    const forged = await signedViewerHeader(
      { role: 'admin' },
      { audience: 'member-states', query, key: generateIdentityKey('dev-only-not-for-production') },
    );
    const response = await subgraph.query(query, undefined, { [VIEWER_HEADER]: forged });
    expect(response.status).toBe(401);
    expect(clientErrors(response)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: the x-viewer header is bad-signature; it must come from the gateway, once, for this request.",
        },
      ]
    `);
    const ok = await subgraph.query(query, undefined, asViewer({ role: 'analyst' }));
    expect(ok.data).toEqual({ country: { name: 'Kenya' } });
  });
});

describe('member-states: batching and the entity cache', () => {
  const memberReps = async () => {
    const { data } = await subgraph.query(
      `{ countries(first: 300, filter: { memberStatus: MEMBER }) { edges { node { iso3 } } } }`,
    );
    return data?.['countries'].edges.map((e: any) => ({
      __typename: 'Country',
      iso3: e.node.iso3,
    }));
  };

  it('resolves 193 country references in one _entities call with one SQL statement, and none when warm', async () => {
    const representations = await memberReps();
    // The UN's 193 Member States.
    expect(representations).toHaveLength(193);
    await cache.deleteMany(representations.map((r: any) => `member-states:v1:country:${r.iso3}`));
    subgraph.resetSql();
    const cold = await subgraph.query(ENTITIES, {
      representations: representations.map(({ __typename, iso3 }: any) => ({ __typename, iso3 })),
    });
    expect(cold.errors).toBeUndefined();
    expect(cold.data?.['_entities']).toHaveLength(193);
    // One statement for the countries; the regions come from a second loader (also batched).
    expect(subgraph.sql.filter((s) => /from "member_states"\."country"/.test(s))).toHaveLength(1);
    expect(
      subgraph.sql.filter((s) => /from "member_states"\."m49_region"/.test(s)).length,
    ).toBeLessThanOrEqual(1);

    subgraph.resetSql();
    const warm = await subgraph.query(ENTITIES, { representations });
    expect(warm.data).toEqual(cold.data);
    expect(subgraph.sql).toEqual([]);
  });

  it('resolves references by M49 code too', async () => {
    const { data } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { iso3 } } }`,
      {
        r: [
          { __typename: 'Country', m49: '404' },
          { __typename: 'Country', m49: '000' },
        ],
      },
    );
    expect(data).toEqual({ _entities: [{ iso3: 'KEN' }, null] });
  });
});

describe('member-states: seeds and degradation', () => {
  it('seeds idempotently: a second run changes nothing', async () => {
    expect(await subgraph.reseed()).toEqual({
      regionsInserted: 0,
      regionsUpdated: 0,
      countriesInserted: 0,
      countriesUpdated: 0,
      cyberlawInserted: 0,
      cyberlawUpdated: 0,
      aliasesInserted: 0,
      aliasesUpdated: 0,
      needsAssessmentsInserted: 0,
      needsFindingsInserted: 0,
    });
  });

  it('answers every query from the database when Redis is down', async () => {
    const logger = createLogger({ level: 'silent', service: 'test' });
    const redis = createRedis(CLOSED_REDIS_URL, { commandTimeoutMs: 100, logger });
    const degraded = await startTestSubgraph(memberStatesSubgraph, {
      cache: new RedisCache(redis),
    });
    try {
      const started = performance.now();
      const { data, errors } = await degraded.query(
        `{ country(iso3: "KEN") { name region { name } } countries { totalCount } }`,
      );
      expect(errors).toBeUndefined();
      expect(data).toEqual({
        country: { name: 'Kenya', region: { name: 'Africa' } },
        countries: { totalCount: 195 },
      });
      const representations = [
        { __typename: 'Country', iso3: 'NOR' },
        { __typename: 'Country', iso3: 'QAT' },
      ];
      const entities = await degraded.query(ENTITIES, { representations });
      expect(entities.data?.['_entities'].map((c: any) => c.name)).toEqual(['Norway', 'Qatar']);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      redis.disconnect();
      await degraded.close();
    }
  });
});

describe('member-states: loaders off (the N+1 baseline)', () => {
  it('runs one statement per reference when batching is off', async () => {
    const unbatched = await startTestSubgraph(memberStatesSubgraph, {
      env: { LOADERS: 'unbatched' },
    });
    try {
      const representations = ['KEN', 'NOR', 'QAT', 'JPN'].map((iso3) => ({
        __typename: 'Country',
        iso3,
      }));
      const { data } = await unbatched.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { iso3 } } }`,
        { r: representations },
      );
      expect(data?.['_entities']).toHaveLength(4);
      expect(unbatched.sql.filter((s) => /"country"/.test(s))).toHaveLength(4);
    } finally {
      await unbatched.close();
    }
  });
});
