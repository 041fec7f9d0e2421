import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * The error each rejected literal got from its scalar, so the validation rule that knows the
 * argument (`namedInputRule`) can name it in the very error graphql-js reports.
 */
export const literalErrors = new WeakMap<ValueNode, GraphQLError>();

interface StringScalarSpec {
  name: string;
  description: string;
  /** Returns a message that teaches the fix, or `undefined` when the value is valid. */
  check: (value: string) => string | undefined;
  specifiedByURL?: string;
}

/**
 * A string-backed scalar that validates input and output alike. Invalid input is BAD_USER_INPUT
 * with a message that names the expected format and the value given.
 */
function stringScalar(spec: StringScalarSpec): GraphQLScalarType<string, string> {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') {
      throw new GraphQLError(`${spec.name} must be a string; got ${JSON.stringify(value)}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const problem = spec.check(value);
    if (problem) {
      throw new GraphQLError(`${spec.name} ${problem}; got ${JSON.stringify(value)}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name: spec.name,
    description: spec.description,
    ...(spec.specifiedByURL ? { specifiedByURL: spec.specifiedByURL } : {}),
    serialize: (value) => parse(value),
    parseValue: (value) => parse(value),
    parseLiteral: (ast: ValueNode) => {
      try {
        return parse(ast.kind === Kind.STRING ? ast.value : undefined);
      } catch (error) {
        if (error instanceof GraphQLError) {
          literalErrors.set(ast, error);
        }
        throw error;
      }
    },
  });
}

const ISO3 = /^[A-Z]{3}$/;
const M49 = /^\d{3}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function isValidDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in UTC, as YYYY-MM-DD (the `Date` scalar's form). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export const CountryCodeScalar = stringScalar({
  name: 'CountryCode',
  description: 'An ISO 3166-1 alpha-3 country code in capitals, such as "KEN".',
  specifiedByURL: 'https://www.iso.org/iso-3166-country-codes.html',
  check: (v) =>
    ISO3.test(v)
      ? undefined
      : 'must be an ISO 3166-1 alpha-3 code of three capital letters, such as "KEN"',
});

export const M49CodeScalar = stringScalar({
  name: 'M49Code',
  description: 'A UN M49 area code of three digits with its leading zeros, such as "002" (Africa).',
  specifiedByURL: 'https://unstats.un.org/unsd/methodology/m49/',
  check: (v) =>
    M49.test(v) ? undefined : 'must be three digits with leading zeros, such as "002"',
});

export const DateScalar = stringScalar({
  name: 'Date',
  description: 'A calendar date, ISO 8601 "YYYY-MM-DD", with no time zone.',
  specifiedByURL: 'https://www.iso.org/iso-8601-date-and-time-format.html',
  check: (v) => (isValidDate(v) ? undefined : 'must be a real calendar date written YYYY-MM-DD'),
});

export const DecimalScalar = stringScalar({
  name: 'Decimal',
  description:
    'An exact decimal number as a string, such as "35000000.00". Money is never a float; pair it with a currency.',
  check: (v) =>
    DECIMAL.test(v) ? undefined : 'must be a decimal number written as a string, such as "1250.50"',
});

export const UrlScalar = stringScalar({
  name: 'URL',
  description: 'An absolute http or https URL.',
  specifiedByURL: 'https://url.spec.whatwg.org/',
  check: (v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'http:' || url.protocol === 'https:'
        ? undefined
        : 'must use http or https';
    } catch {
      return 'must be an absolute URL such as "https://example.org/"';
    }
  },
});

/** Every shared scalar, for `buildSchema({ scalarsMap })` and for the composition check. */
export const SHARED_SCALARS = [
  CountryCodeScalar,
  M49CodeScalar,
  DateScalar,
  DecimalScalar,
  UrlScalar,
] as const;
