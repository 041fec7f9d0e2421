import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { fundingSubgraph } from '../../subgraphs/funding/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });

beforeAll(async () => {
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
      type: 'INCOMING_PLEDGE',
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
    expect(gpc.children.length).toBeGreaterThanOrEqual(6);
    expect(gpc.children.every((c: any) => c.synthetic && c.title.endsWith('(synthetic)'))).toBe(
      true,
    );
  });
});
