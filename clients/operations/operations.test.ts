import { readFileSync } from 'node:fs';
import { validate, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from '../../schema/compose.js';
import { clientOperations, operationOf } from './index.js';

const api = apiSchemaOf(
  readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
);

describe('client operations', () => {
  it('each file holds one operation, named after the file, valid against the composed API', () => {
    const operations = clientOperations();
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const errors = validate(api, parse(operation.body));
      expect(errors.map((e) => `${operation.name}: ${e.message}`)).toEqual([]);
      expect(operation.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(operations.map((o) => o.name)).size).toBe(operations.length);
  });

  it('refuses a file whose operation is unnamed, misnamed or not alone, naming the file', () => {
    expect(() => operationOf('Foo.graphql', '{ countries { totalCount } }')).toThrow(
      /Foo\.graphql: must hold exactly one operation, named Foo/,
    );
    expect(() => operationOf('Foo.graphql', 'query Bar { __typename }')).toThrow(/Foo\.graphql/);
    expect(() =>
      operationOf('Foo.graphql', 'query Foo { __typename } query Baz { __typename }'),
    ).toThrow(/Foo\.graphql/);
  });
});
