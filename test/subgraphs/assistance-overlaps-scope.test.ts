import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { assistanceSubgraph } from '../../subgraphs/assistance/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../support/harness.js';

// `overlapsIn`: the pairing rules of `overlaps`, at the scale of a region or an implementer,
// paginated, on the seed's planted (synthetic) pairs.

let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(assistanceSubgraph, {
    cache: new MemoryCache({ maxEntries: 1000 }),
  });
});
afterAll(() => subgraph?.close());

const PAGE = `query($country: CountryCode, $region: M49Code, $implementer: ID, $projects: [ID!], $first: Int, $after: String, $s: Boolean) {
  overlapsIn(country: $country, region: $region, implementer: $implementer, projects: $projects, first: $first, after: $after, includeSynthetic: $s) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { country { iso3 } first { id implementers { id } project { id } } second { id implementers { id } project { id } } overlapStart } }
  }
}`;
const key = (n: any) => `${n.country.iso3}:${n.first.id}~${n.second.id}`;

async function all(variables: Record<string, unknown>, first = 2): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i += 1) {
    const response: GraphQLResponse = await subgraph.query(PAGE, {
      ...variables,
      first,
      after,
      s: true,
    });
    const { data, errors } = response;
    expect(errors).toBeUndefined();
    const page: any = data?.['overlapsIn'];
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) {
      expect(nodes).toHaveLength(page.totalCount);
      return nodes;
    }
    after = page.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

describe('assistance: overlaps at scale (overlapsIn)', () => {
  it('finds per country exactly what overlaps(country) finds, page by page', async () => {
    const single = await subgraph.query(
      `{ overlaps(includeSynthetic: true, country: "KEN") { first { id } second { id } } }`,
    );
    const paged = await all({ country: 'KEN' });
    expect(paged.map((n) => `${n.first.id}~${n.second.id}`)).toEqual(
      single.data?.['overlaps'].map((o: any) => `${o.first.id}~${o.second.id}`),
    );
    expect(paged.length).toBeGreaterThan(1);
  });

  it('finds a region’s overlaps in every State of it, each pair once per country, no page repeating one', async () => {
    const africa = await all({ region: '002' }, 3);
    const keys = africa.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith('KEN:'))).toEqual(
      (await all({ country: 'KEN' })).map(key),
    );
    const starts = africa.map((n) => n.overlapStart);
    expect([...starts].sort()).toEqual(starts);
  });

  it('finds an implementer’s overlaps: the implementer on one side, never on both', async () => {
    // The demo set's implementers are fictional organisations (nothing synthetic is attached to a
    // real one): take one from the region's pairs.
    const [pair] = await all({ region: '002' }, 50);
    const implementer: string = pair.first.implementers[0].id;
    const found = await all({ implementer });
    expect(found.length).toBeGreaterThan(0);
    for (const n of found) {
      const a = n.first.implementers.map((o: any) => o.id);
      const b = n.second.implementers.map((o: any) => o.id);
      expect(a.includes(implementer) !== b.includes(implementer)).toBe(true);
    }
  });

  it('finds the overlaps of a set of projects (a donor’s): one of them on either side, every such pair', async () => {
    const africa = await all({ region: '002' }, 50);
    const project = africa
      .flatMap((n) => [n.first.project?.id, n.second.project?.id])
      .find((id): id is string => typeof id === 'string');
    expect(project).toBeDefined();
    const funded = await all({ projects: [project, project] }, 3);
    expect(funded.length).toBeGreaterThan(0);
    for (const n of funded) {
      expect([n.first.project?.id, n.second.project?.id]).toContain(project);
    }
    // Every African pair with that project is among them.
    const expected = africa.filter(
      (n) => n.first.project?.id === project || n.second.project?.id === project,
    );
    expect(funded.map(key)).toEqual(expect.arrayContaining(expected.map(key)));
    for (const projects of [[], Array.from({ length: 101 }, (_, i) => `p${i}`)]) {
      const wrong = await subgraph.query(PAGE, { projects });
      expect(wrong.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        invalidFields: [{ field: 'projects' }],
      });
    }
  });

  it('leaves synthetic pairs out unless asked, and names a wrong scope', async () => {
    const real = await subgraph.query(PAGE, { region: '002', s: false });
    expect(real.errors).toBeUndefined();
    const synthetic = await subgraph.query(PAGE, { region: '002', s: true });
    expect(real.data?.['overlapsIn'].totalCount).toBeLessThan(
      synthetic.data?.['overlapsIn'].totalCount,
    );
    const two = await subgraph.query(PAGE, { country: 'KEN', region: '002' });
    expect(clientErrors(two)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "country",
                "message": "give exactly one of country, region, implementer and projects",
              },
            ],
          },
          "message": "Invalid input. country: give exactly one of country, region, implementer and projects",
          "path": [
            "overlapsIn",
          ],
        },
      ]
    `);
    const region = await subgraph.query(PAGE, { region: '014' });
    expect(clientErrors(region)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "region",
                "message": "must be an M49 region: 002, 009, 019, 142, 150",
              },
            ],
          },
          "message": "Invalid input. region: must be an M49 region: 002, 009, 019, 142, 150",
          "path": [
            "overlapsIn",
          ],
        },
      ]
    `);
    const cursor = await subgraph.query(PAGE, { region: '002', after: 'nope' });
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
            "overlapsIn",
          ],
        },
      ]
    `);
  });
});
