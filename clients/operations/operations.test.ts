import { readFileSync } from 'node:fs';
import { validate, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from '../../schema/composition/compose.js';
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
      expect(operation.description, `${operation.name} says what it answers`).not.toBe('');
    }
    expect(new Set(operations.map((o) => o.name)).size).toBe(operations.length);
  });

  it('sends the printed document, without comments, and keeps the comment as the description', () => {
    const operation = operationOf(
      'Foo.graphql',
      '# What Foo answers,\n# in two lines.\nquery Foo {   __typename # why\n}\n',
    );
    expect(operation.body).toBe('query Foo {\n  __typename\n}');
    expect(operation.description).toBe('What Foo answers, in two lines.');
    expect(operation.type).toBe('query');
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
