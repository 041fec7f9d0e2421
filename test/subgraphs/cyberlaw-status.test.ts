import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { dataPack } from '../support/data-pack.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(memberStatesSubgraph, {
    cache: new MemoryCache({ maxEntries: 1000 }),
  });
});
afterAll(() => subgraph?.close());

const ATTRIBUTION = 'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';

describe('member-states: UNCTAD Global Cyberlaw Tracker status', () => {
  it('gives every one of the 195 States its cybercrime status with attribution', async () => {
    const { data } = await subgraph.query(`{
      countries(first: 200) { totalCount edges { node { iso3 cyberlawStatus(area: CYBERCRIME) {
        area status asOf source licence attribution confidence } } } }
    }`);
    const edges = (
      data?.['countries'] as { edges: { node: { iso3: string; cyberlawStatus: unknown[] } }[] }
    ).edges;
    const states = (await dataPack('member-states').states()).map((s) => s.iso3);
    expect(edges.map((e) => e.node.iso3).sort()).toEqual(states.sort());
    for (const { node } of edges) {
      expect(node.cyberlawStatus, node.iso3).toHaveLength(1);
      expect(node.cyberlawStatus[0]).toMatchObject({
        area: 'CYBERCRIME',
        asOf: '2026-03-05',
        attribution: ATTRIBUTION,
        confidence: 'VERIFIED',
      });
    }
  });

  it('counts States by status as the data pack says', async () => {
    const { data } = await subgraph.query(`{
      law: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: LEGISLATION } }) { totalCount }
      draft: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: DRAFT_LEGISLATION } }) { totalCount edges { node { iso3 } } }
      none: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: NO_LEGISLATION } }) { totalCount }
      noData: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: NO_DATA } }) { edges { node { iso3 } } }
      vat: country(iso3: "VAT") { cyberlawStatus { area status } }
    }`);
    const tracker = await dataPack('member-states').rows('unctad_cyberlaw_tracker.csv');
    const withStatus = (status: string) =>
      tracker
        .filter((row) => row['cybercrime_status'] === status)
        .map((row) => row['country_iso3']);
    expect(data?.['law']).toEqual({ totalCount: withStatus('LEGISLATION').length });
    expect(data?.['none']).toEqual({ totalCount: withStatus('NO_LEGISLATION').length });
    const draft = data?.['draft'] as { totalCount: number; edges: { node: { iso3: string } }[] };
    expect(draft.totalCount).toBe(withStatus('DRAFT_LEGISLATION').length);
    expect(draft.edges.map((e) => e.node.iso3).sort()).toEqual(
      withStatus('DRAFT_LEGISLATION').sort(),
    );
    expect(data?.['noData']).toEqual({ edges: [{ node: { iso3: 'VAT' } }] });
    expect((data?.['vat'] as { cyberlawStatus: unknown[] }).cyberlawStatus).toHaveLength(5);
  });
});

describe('member-states: country search as practitioners type it', () => {
  const find = async (search: string) => {
    const { data, errors } = await subgraph.query(
      `query($s: String!) { countries(filter: { search: $s }) { edges { node { iso3 } } } }`,
      { s: search },
    );
    expect(errors).toBeUndefined();
    return (data?.['countries'] as { edges: { node: { iso3: string } }[] }).edges.map(
      (e) => e.node.iso3,
    );
  };

  it('finds a State by a former name, without accents, in any case', async () => {
    expect(await find('Turkey')).toEqual(['TUR']);
    expect(await find('turkiye')).toEqual(['TUR']);
    expect(await find('Swaziland')).toEqual(['SWZ']);
    expect(await find("cote d'ivoire")).toEqual(['CIV']);
    expect(await find('COTE D IVOIRE')).toEqual(['CIV']);
    expect(await find('Cape Verde')).toEqual(['CPV']);
  });
});
