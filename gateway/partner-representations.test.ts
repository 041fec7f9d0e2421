import { describe, expect, it } from 'vitest';
import {
  keyFieldSetsBySubgraph,
  keysOnly,
  restrictRepresentations,
} from './partner-representations.js';

const SUPERGRAPH = `
enum join__Graph {
  CORE @join__graph(name: "member-states", url: "http://core")
  ACME @join__graph(name: "acme", url: "http://acme")
}
type Country @join__type(graph: CORE, key: "iso3") @join__type(graph: ACME, key: "iso3")
  @join__type(graph: ACME, key: "m49") { iso3: String m49: String name: String }
type Shelf @join__type(graph: ACME, key: "id owner { org iso3 }") { id: ID owner: String }
`;

describe('representations for a PARTNER subgraph', () => {
  const keys = keyFieldSetsBySubgraph(SUPERGRAPH).get('acme')!;

  it('keeps __typename and the fields of every key the partner declared, nested ones included', () => {
    expect(
      keysOnly({ __typename: 'Country', iso3: 'KEN', m49: '404', name: 'Kenya' }, keys),
    ).toEqual({ __typename: 'Country', iso3: 'KEN', m49: '404' });
    expect(
      keysOnly(
        { __typename: 'Shelf', id: '1', owner: { org: 'o', iso3: 'KEN', secret: 's' }, x: 1 },
        keys,
      ),
    ).toEqual({ __typename: 'Shelf', id: '1', owner: { org: 'o', iso3: 'KEN' } });
    expect(keysOnly({ __typename: 'NeedsAssessment', id: 'a', findings: [] }, keys)).toEqual({
      __typename: 'NeedsAssessment',
    });
  });

  it('rewrites only the representations variable', () => {
    const request = {
      variables: {
        representations: [{ __typename: 'Country', iso3: 'KEN', name: 'Kenya' }],
        other: 1,
      },
    };
    restrictRepresentations(request, keys);
    expect(request.variables).toEqual({
      representations: [{ __typename: 'Country', iso3: 'KEN' }],
      other: 1,
    });
  });
});
