import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';
import { startBuiltStack, type ChildService } from '../support/processes.js';

// The funding questions of the report, asked through the gateway of the built stack.
export const REPORT_QUERY = `{
  fundingSummary(groupBy: [DONOR, YEAR], projectId: "gpc", currency: USD) {
    conversionRule
    groups {
      donor { id }
      year
      pledged { amountUsd original { amount currency } unconverted { amount currency } }
      committed { amountUsd original { amount currency } unconverted { amount currency } }
      received { amountUsd original { amount currency } unconverted { amount currency } }
      ratesUsed { currency period fxRate source }
    }
  }
}`;

describe('funding through the gateway', () => {
  let stack: ChildService;
  let url: string;

  beforeAll(async () => {
    stack = await startBuiltStack();
    url = stack.found;
  });
  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  });

  it('answers extrabudgetary contributions to the Global Programme by donor and year, pledged versus received, in USD with the rates used', async () => {
    const { data, errors } = await postGraphQL(url, REPORT_QUERY);
    expect(errors).toBeUndefined();
    const groups = data?.['fundingSummary'].groups;
    expect(groups.find((g: any) => g.donor.id === 'gov-nor' && g.year === 2018)).toEqual({
      donor: { id: 'gov-nor' },
      year: 2018,
      // A signed commitment (the data pack README's correction), not a pledge.
      pledged: { amountUsd: '0.00', original: [], unconverted: [] },
      committed: {
        amountUsd: '4322962.34',
        original: [{ amount: '35000000', currency: 'NOK' }],
        unconverted: [],
      },
      received: { amountUsd: '0.00', original: [], unconverted: [] },
      ratesUsed: [
        {
          currency: 'NOK',
          period: '2018-05',
          fxRate: '8.0963',
          source: expect.stringContaining('FRED EXNOUS'),
        },
      ],
    });
  });

  it('joins funding to member-states: regions by name, and a country’s funding received', async () => {
    const { data, errors } = await postGraphQL(
      url,
      `{
        fundingSummary(groupBy: [REGION], period: { from: "2020-01-01", to: "2020-12-31" }, includeSynthetic: true) {
          groups { region { m49 name } received { amountUsd } }
        }
        country(iso3: "KEN") { name fundingReceived(includeSynthetic: true) { spent { amountUsd } conversionRule } }
      }`,
    );
    expect(errors).toBeUndefined();
    const regions = data?.['fundingSummary'].groups.map((g: any) => g.region?.name ?? null);
    expect(regions).toContain('Africa');
    expect(regions).toContain('Americas');
    expect(data?.['country'].name).toBe('Kenya');
    expect(data?.['country'].fundingReceived.spent.amountUsd).toMatch(/^\d+\.\d{2}$/);
  });
});
