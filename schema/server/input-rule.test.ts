import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  GraphQLInt,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../scalars.js';
import { namedInputRule } from './input-rule.js';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      partners: {
        type: GraphQLString,
        args: {
          activeOn: { type: DateScalar },
          iso3: { type: CountryCodeScalar },
          m49: { type: M49CodeScalar },
          name: { type: GraphQLString },
          first: { type: GraphQLInt },
        },
      },
    },
  }),
});

const errorsOf = (query: string) =>
  validate(schema, parse(query), [...specifiedRules, namedInputRule]).map((e) => ({
    message: e.message,
    extensions: e.extensions,
  }));

describe('namedInputRule', () => {
  it.each([
    ['activeOn', '"2022-13-45"'],
    ['iso3', '"ken"'],
    ['m49', '"2"'],
  ])('names the argument %s and the value %s in the one error reported', (field, value) => {
    const errors = errorsOf(`{ partners(${field}: ${value}) }`);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(new RegExp(`^Invalid input\\. ${field}: .*${value}`));
    expect(errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field }],
    });
  });

  it('makes an out-of-range Int BAD_USER_INPUT naming the argument', () => {
    const errors = errorsOf('{ partners(first: 99999999999) }');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'first' }],
    });
  });

  it('refuses a NUL character in a string literal', () => {
    const errors = errorsOf('{ partners(name: "a\\u0000b") }');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'name' }],
    });
  });

  it('leaves valid literals alone', () => {
    expect(
      errorsOf('{ partners(activeOn: "2022-06-30", iso3: "KEN", m49: "002", first: 3) }'),
    ).toEqual([]);
  });
});
