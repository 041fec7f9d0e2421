import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { clientErrors } from '../support/client-errors.js';
import type { TestSubgraph } from '../support/harness.js';
import { memberStates, startLawsSubgraph } from '../support/laws.js';

// Full-text search over provisions, and the analyst questions of issue 3 it answers.

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startLawsSubgraph({ cache: new MemoryCache({ maxEntries: 10_000 }) });
});
afterAll(() => subgraph?.close());

const SEARCH = `query($text: String, $filter: LawSearchFilter, $first: Int, $after: String) {
  searchProvisions(text: $text, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { rank snippet provision { id countryIso3 label legislation { title year } } } }
  }
}`;

describe('laws: search', () => {
  it('finds "unauthorised access" in provisions in force since 2010, ranked, with snippets', async () => {
    const { data, errors } = await subgraph.query(SEARCH, {
      text: 'unauthorised access',
      filter: { inForce: true, inForceFromYear: 2010 },
    });
    expect(errors).toBeUndefined();
    const result = data?.['searchProvisions'];
    const ids = result.edges.map((e: Record<string, any>) => e['node'].provision.id);
    expect(ids.sort()).toEqual(['PHL-RA10175-2012-s4a1', 'ZAF-ACT19-2020-s2']);
    expect(result.totalCount).toBe(2);
    for (const edge of result.edges as Record<string, any>[]) {
      expect(edge['node'].snippet).toContain('<mark>');
      expect(edge['node'].rank).toBeGreaterThan(0);
    }
  });

  it('includes the 1990 UK provisions when the year filter is dropped', async () => {
    const { data } = await subgraph.query(SEARCH, {
      text: 'unauthorised access',
      filter: { inForce: true },
    });
    const ids = data?.['searchProvisions'].edges.map(
      (e: Record<string, any>) => e['node'].provision.id,
    );
    expect(ids).toEqual(expect.arrayContaining(['GBR-CMA-1990-s1', 'GBR-CMA-1990-s2']));
  });

  it('pages through every result once with keyset cursors', async () => {
    const all = await subgraph.query(SEARCH, { first: 500 });
    const total = all.data?.['searchProvisions'].totalCount as number;
    expect(total).toBeGreaterThanOrEqual(28);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const { data } = await subgraph.query(SEARCH, { first: 7, after });
      const conn = data?.['searchProvisions'];
      seen.push(...conn.edges.map((e: Record<string, any>) => e['node'].provision.id));
      if (!conn.pageInfo.hasNextPage) {
        break;
      }
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('uses no OFFSET and passes the search text as a parameter', async () => {
    subgraph.resetSql();
    await subgraph.query(SEARCH, { text: "access'; drop table laws.legislation; --", first: 2 });
    const statements = subgraph.sql.filter((s) => /legal_provision/.test(s));
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s).not.toMatch(/offset/i);
      expect(s).not.toContain('drop table');
    }
  });

  it('combines filters: country list, concept, procedural power, instrument', async () => {
    const { data, errors } = await subgraph.query(`{
      access: searchProvisions(filter: { concept: "ILLEGAL_ACCESS", countryIso3s: ["ZAF", "PHL"] }) {
        totalCount edges { node { provision { id } } } }
      search: searchProvisions(filter: { proceduralPower: "SEARCH_SEIZURE" }) { totalCount }
      aligned: searchProvisions(filter: { instrument: "CETS-185", countryIso3s: ["GBR"] }) { totalCount }
      laws: searchLegislation(text: "cybercrimes", filter: { countryIso3s: ["ZAF", "KEN", "TZA"] }) {
        totalCount edges { node { snippet legislation { id } } } }
      lawsWithProduction: searchLegislation(filter: { proceduralPower: "PRODUCTION_ORDER" }) {
        edges { node { legislation { id } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['access'].edges.map((e: Record<string, any>) => e['node'].provision.id)).toEqual([
      'PHL-RA10175-2012-s4a1',
      'ZAF-ACT19-2020-s2',
    ]);
    expect(data?.['search'].totalCount).toBe(1);
    expect(data?.['aligned'].totalCount).toBe(5);
    expect(data?.['laws'].totalCount).toBe(3);
    expect(data?.['lawsWithProduction'].edges).toEqual([
      { node: { legislation: { id: 'PHL-RA10175-2012' } } },
    ]);
  });

  it('names each invalid search field', async () => {
    const empty = await subgraph.query(SEARCH, { text: '   ' });
    expect(clientErrors(empty)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "text",
                "message": "must not be empty; omit it to list everything",
              },
            ],
          },
          "message": "Invalid input. text: must not be empty; omit it to list everything",
          "path": [
            "searchProvisions",
          ],
        },
      ]
    `);
    const long = await subgraph.query(SEARCH, { text: 'a'.repeat(201) });
    expect(clientErrors(long)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "text",
                "message": "must be at most 200 characters",
              },
            ],
          },
          "message": "Invalid input. text: must be at most 200 characters",
          "path": [
            "searchProvisions",
          ],
        },
      ]
    `);
    const years = await subgraph.query(SEARCH, {
      filter: { inForceFromYear: 2015, inForceToYear: 2010 },
    });
    expect(clientErrors(years)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "filter.inForceToYear",
                "message": "ends (2010) before the range starts (2015)",
              },
            ],
          },
          "message": "Invalid input. filter.inForceToYear: ends (2010) before the range starts (2015)",
          "path": [
            "searchProvisions",
          ],
        },
      ]
    `);
    const cursor = await subgraph.query(SEARCH, { after: 'not-a-cursor' });
    expect(clientErrors(cursor)).toMatchInlineSnapshot(`
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
            "searchProvisions",
          ],
        },
      ]
    `);
    const unknown = await subgraph.query(SEARCH, { filter: { offenceCategory: 'BC-99' } });
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.offenceCategory",
            "key": "BC-99",
            "type": "OffenceCategory",
          },
          "message": "No OffenceCategory has filter.offenceCategory "BC-99".",
          "path": [
            "searchProvisions",
          ],
        },
      ]
    `);
    const instrument = await subgraph.query(SEARCH, { filter: { instrument: 'CETS-999' } });
    expect(clientErrors(instrument)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.instrument",
            "key": "CETS-999",
            "type": "Instrument",
          },
          "message": "No Instrument has filter.instrument "CETS-999".",
          "path": [
            "searchProvisions",
          ],
        },
      ]
    `);
  });
});

describe('laws: the analyst questions of issue 3, in one query each', () => {
  it('answers all three', async () => {
    const africa = (await memberStates()).filter((s) => s.region === '002').map((s) => s.iso3);
    // The 54 African Member States of the UN: a fact of the world, not of the data pack.
    expect(africa).toHaveLength(54);
    const { data, errors } = await subgraph.query(ANALYST_QUERY, { africa });
    expect(errors).toBeUndefined();
    expect(
      data?.['budapestPartiesInAfricaWithoutUnConvention'].map(
        (p: Record<string, any>) => p['participant'].iso3,
      ),
    ).toEqual(ANALYST_ANSWERS.africa);
    expect(
      data?.['productionOrders'].edges.map(
        (e: Record<string, any>) =>
          `${e['node'].provision.countryIso3} ${e['node'].provision.label}`,
      ),
    ).toEqual(ANALYST_ANSWERS.productionOrders);
    expect(
      data?.['unauthorisedAccessSince2010'].edges
        .map((e: Record<string, any>) => e['node'].provision.id)
        .sort(),
    ).toEqual(ANALYST_ANSWERS.unauthorisedAccess);
  });
});

const ANALYST_QUERY = `query($africa: [CountryCode!]!) {
  budapestPartiesInAfricaWithoutUnConvention: participations(filter: {
    instrument: "CETS-185", status: PARTY, countryIso3s: $africa, withoutInstrument: "UNCC-2024"
  }) { participant { ... on Country { iso3 } } consentType entryIntoForceOn confidence }
  productionOrders: searchProvisions(filter: { proceduralPower: "PRODUCTION_ORDER", inForce: true }) {
    totalCount
    edges { node { provision { countryIso3 label summary legislation { title status } } } }
  }
  unauthorisedAccessSince2010: searchProvisions(
    text: "unauthorised access", filter: { inForce: true, inForceFromYear: 2010 }
  ) {
    totalCount
    edges { node { rank snippet provision { id countryIso3 label legislation { title year } } } }
  }
}`;

const ANALYST_ANSWERS = {
  africa: ['BEN', 'CMR', 'CPV', 'SEN', 'SLE', 'TUN'],
  productionOrders: ['PHL s. 14'],
  unauthorisedAccess: ['PHL-RA10175-2012-s4a1', 'ZAF-ACT19-2020-s2'],
};
