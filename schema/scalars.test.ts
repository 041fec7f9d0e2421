import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CountryCodeScalar,
  DateScalar,
  DecimalScalar,
  M49CodeScalar,
  UrlScalar,
} from './scalars.js';

describe('shared scalars', () => {
  it('accept well-formed values', () => {
    expect(CountryCodeScalar.parseValue('KEN')).toBe('KEN');
    expect(M49CodeScalar.parseValue('002')).toBe('002');
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(DecimalScalar.parseValue('35000000.00')).toBe('35000000.00');
    expect(UrlScalar.parseValue('https://www.unodc.org/')).toBe('https://www.unodc.org/');
  });

  it.each([
    [CountryCodeScalar, 'ke', /alpha-3/],
    [M49CodeScalar, '2', /three digits/],
    [DateScalar, '2023-02-29', /real calendar date/],
    [DecimalScalar, '1e5', /decimal number/],
    [UrlScalar, 'ftp://x.org', /http or https/],
  ])(
    'reject a malformed %s with BAD_USER_INPUT and a message that teaches the fix',
    (scalar, value, message) => {
      let error: unknown;
      try {
        scalar.parseLiteral({ kind: Kind.STRING, value }, {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
      expect((error as GraphQLError).message).toMatch(message);
    },
  );
});
