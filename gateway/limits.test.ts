import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../schema/page-size.js';
import { readGatewayConfig } from './config.js';
import { checkMeasure, countTokens, listSizesOf } from './limits.js';
import { measureOperation } from './measure-operation.js';

const schema = buildSchema(`
  type Query { countries(first: Int): CountryConnection! regions: [Region!]! region: Region }
  type CountryConnection { edges: [CountryEdge!]! totalCount: Int! }
  type CountryEdge { node: Country! }
  type Country { iso3: String! region: Region! }
  type Region { name: String! parent: Region countries: [Country!]! }
`);

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  )!;
  return measureOperation(schema, document, operation, variables, { default: 10 });
}

describe('measureOperation', () => {
  it('costs each field once per parent item; `first` sizes the connection, edges add no factor', () => {
    expect(measure('{ countries(first: 100) { totalCount edges { node { iso3 } } } }')).toEqual({
      depth: 4,
      aliases: 0,
      rootFields: 1,
      cost: 1 + 100 * 4,
    });
  });

  it('uses the default list size for a list without `first`, and reads variables', () => {
    expect(measure('{ regions { countries { iso3 } } }').cost).toBe(1 + 10 + 100);
    expect(measure('query($n: Int) { countries(first: $n) { totalCount } }', { n: 7 }).cost).toBe(
      8,
    );
  });

  it('sizes a list by its @listSize hint from the supergraph, other lists by the default', () => {
    const sizes = listSizesOf(`
      type Region @join__type(graph: MEMBER_STATES) {
        name: String!
        countries: [Country!]! @join__field(graph: MEMBER_STATES) @listSize(assumedSize: 50)
        children: [Region!]! @cost__listSize(assumedSize: 4)
      }
      type Country { iso3: String! }
    `);
    expect([...sizes]).toEqual([
      ['Region.countries', 50],
      ['Region.children', 4],
    ]);
    const document = parse('{ regions { countries { iso3 } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(
      measureOperation(schema, document, operation, {}, { default: 10, assumed: sizes }).cost,
    ).toBe(1 + 10 + 10 * 50);
  });

  it('follows fragments for depth and cost, counts aliases once each, skips introspection', () => {
    const m = measure(`{
      a: region { ...R }
      b: region { name }
      __schema { types { fields { type { ofType { ofType { name } } } } } }
    }
    fragment R on Region { parent { parent { name } } }`);
    expect(m).toEqual({ depth: 4, aliases: 2, rootFields: 2, cost: 1 + 1 + 1 + 1 + 1 + 1 });
  });
});

describe('limits', () => {
  it('are higher for analysts than for anonymous viewers, and configurable', () => {
    const config = readGatewayConfig({ LIMIT_MAX_DEPTH: '5', LIMIT_MAX_COST_ANALYST: '99999' });
    const tiers = config.limits!.tiers;
    expect(tiers.public.maxDepth).toBe(5);
    expect(tiers.analyst.maxCost).toBe(99_999);
    for (const key of Object.keys(tiers.public) as (keyof typeof tiers.public)[]) {
      expect(readGatewayConfig({}).limits!.tiers.analyst[key]).toBeGreaterThan(
        readGatewayConfig({}).limits!.tiers.public[key],
      );
    }
  });

  it('name the first limit exceeded and by how much', () => {
    const tiers = readGatewayConfig({}).limits!.tiers;
    expect(() =>
      checkMeasure({ depth: 3, aliases: 0, rootFields: 1, cost: 5001 }, tiers.public),
    ).toThrow(/cost is 5001, over the limit of 5000 by 1/);
  });

  it('counts tokens, stopping one past a bound', () => {
    expect(countTokens('{ a b c }')).toBe(5);
    expect(countTokens('{ a b c }', 2)).toBe(3);
  });
});

describe('measureOperation, as execution runs (issue 12)', () => {
  it('estimates an omitted `first` at the page size the subgraphs serve (DEFAULT_PAGE_SIZE)', () => {
    expect(measure('{ countries { totalCount } }').cost).toBe(1 + DEFAULT_PAGE_SIZE);
  });

  it('counts a fragment spread twice in one selection set once', () => {
    expect(measure('{ ...Q ...Q } fragment Q on Query { region { name } }').cost).toBe(2);
  });

  it('measures the 2^200 fragment bomb in linear time', () => {
    const n = 200;
    const fragments = Array.from(
      { length: n },
      (_, i) =>
        `fragment R${i} on Region { a: parent { ...R${i + 1} } b: parent { ...R${i + 1} } }`,
    );
    const m = measureOperation(
      schema,
      parse(`{ region { ...R0 } } ${fragments.join(' ')} fragment R${n} on Region { name }`),
      parse(`{ region { ...R0 } }`).definitions[0] as OperationDefinitionNode,
      {},
      { default: 10 },
    );
    // Without limits it counts on (memoised); 2^200 is beyond a double's integers but finite.
    expect(m.cost).toBeGreaterThan(2 ** 100);
  });
});
