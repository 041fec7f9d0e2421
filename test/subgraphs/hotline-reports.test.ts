import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { hotlineReportsSubgraph } from '../../subgraphs/hotline-reports/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(hotlineReportsSubgraph, {
    cache: new MemoryCache({ maxEntries: 1000 }),
  });
});
afterAll(() => subgraph?.close());

const FIGURES = `query($representations: [_Any!]!, $year: Int) {
  _entities(representations: $representations) {
    ... on Country { iso3 hotlineReports(year: $year, includeSynthetic: true) { year value synthetic source } }
  }
}`;

describe('hotline-reports (PARTNER subgraph)', () => {
  it('adds yearly figures to Country by iso3, flagged synthetic', async () => {
    const { data, errors } = await subgraph.query(FIGURES, {
      representations: [{ __typename: 'Country', iso3: 'KEN' }],
    });
    expect(errors).toBeUndefined();
    const figures = data?.['_entities'][0].hotlineReports;
    expect(figures.map((f: { year: number }) => f.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(figures.every((f: { synthetic: boolean }) => f.synthetic)).toBe(true);
    expect(figures[0].source).toMatch(/^SYNTHETIC/);
  });

  it('filters by year and answers an empty list for a country without figures', async () => {
    const { data } = await subgraph.query(FIGURES, {
      representations: [
        { __typename: 'Country', iso3: 'NOR' },
        { __typename: 'Country', iso3: 'VAT' },
      ],
      year: 2021,
    });
    expect(data?.['_entities'][0].hotlineReports).toHaveLength(1);
    expect(data?.['_entities'][0].hotlineReports[0].year).toBe(2021);
    expect(data?.['_entities'][1]).toEqual({ iso3: 'VAT', hotlineReports: [] });
  });

  it('loads the figures of many countries in one SQL statement', async () => {
    subgraph.resetSql();
    const { errors } = await subgraph.query(FIGURES, {
      representations: ['BRA', 'CAN', 'DEU', 'IND', 'JPN'].map((iso3) => ({
        __typename: 'Country',
        iso3,
      })),
      year: 2020,
    });
    expect(errors).toBeUndefined();
    expect(subgraph.sql.filter((s) => s.includes('"figure"'))).toHaveLength(1);
  });

  it('rejects a year out of range with BAD_USER_INPUT naming the field', async () => {
    const { errors } = await subgraph.query(FIGURES, {
      representations: [{ __typename: 'Country', iso3: 'KEN' }],
      year: 1066,
    });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'year', message: 'must be a year between 1990 and 2100; got 1066' }],
    });
  });

  it('lists the years it covers', async () => {
    const { data } = await subgraph.query(
      `{ hotlineReportsYears(includeSynthetic: true) real: hotlineReportsYears }`,
    );
    // Every figure is synthetic: unasked, there are none.
    expect(data).toEqual({ hotlineReportsYears: [2019, 2020, 2021, 2022, 2023], real: [] });
  });

  it('seeds idempotently: a second run inserts nothing', async () => {
    expect(await subgraph.reseed()).toEqual({ figures: 0 });
  });
});
