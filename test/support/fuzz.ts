import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** fast-check's imperative generator, as `fc.gen()` hands it to a property. */
type G = fc.GeneratorValue;

/** A request to send: a GraphQL document with variables, or raw bytes over a socket. */
export interface GraphQLCase {
  readonly kind: 'graphql';
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  /** Sometimes naming the operation, one the document lacks, or nothing among several. */
  readonly operationName: string | undefined;
}

/** Operation names a client sends: the generated one, the second's, absent ones, odd strings. */
const OPERATION_NAMES = ['Fuzz', 'Second', 'Missing', '', '__proto__', 'Fuzz\u0000', '1'];

const pick = <T>(g: G, values: readonly T[]): T =>
  values[g(fc.integer, { min: 0, max: values.length - 1 })] as T;
const chance = (g: G, percent: number): boolean => g(fc.integer, { min: 1, max: 100 }) <= percent;

/** Strings a hostile client tries in place of a real value. */
const NASTY_STRINGS = [
  '',
  'ken',
  'KEN',
  'XXX',
  '2',
  '002',
  '2022-13-45',
  '2022-06-30',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '😀',
  "'; drop table country; --",
  '%00',
  '\\',
  '"',
  '../../etc/passwd',
  'x'.repeat(5_000),
  'WzFlNDAwLCJhIl0',
  'bnVsbA',
  'W10',
  'WyJhIiwiYiJd',
  '__proto__',
  'constructor',
];
const NASTY_NUMBERS = [
  0,
  -1,
  1,
  3,
  50,
  500,
  501,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  1e15,
  1e400,
];

/** A literal for an input type: usually of the right shape, often malformed, sometimes hostile. */
function literal(g: G, type: GraphQLInputType, depth: number): string {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (chance(g, 5)) {
    return 'null';
  }
  if (chance(g, 8)) {
    // A value of the wrong kind altogether.
    return pick(g, [
      '"x"',
      '1',
      '1.5',
      'true',
      'RANDOM_ENUM',
      '[]',
      '{}',
      '{ a: 1 }',
      '$undefinedVar',
    ]);
  }
  if (isListType(nullable)) {
    const n = g(fc.integer, { min: 0, max: depth > 2 ? 1 : 3 });
    return `[${Array.from({ length: n }, () => literal(g, nullable.ofType, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(nullable)) {
    return pick(g, nullable.getValues()).name;
  }
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields());
    const chosen = fields.filter(() => chance(g, 50));
    return `{ ${chosen.map((f) => `${f.name}: ${literal(g, f.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(nullable)) {
    if (nullable.name === 'Int' || nullable.name === 'Float') {
      return String(pick(g, NASTY_NUMBERS));
    }
    if (nullable.name === 'Boolean') {
      return pick(g, ['true', 'false']);
    }
    return JSON.stringify(pick(g, NASTY_STRINGS)).replace(/\\u0000/g, '\\u0000');
  }
  return 'null';
}

/** A JSON value for a variable of an input type, malformed as often as `literal`. */
function jsonValue(g: G, type: GraphQLInputType, depth: number): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (chance(g, 5)) {
    return null;
  }
  if (chance(g, 8)) {
    return pick(g, ['x', 1, 1.5, true, [], {}, { a: 1 }, 'A'.repeat(300)] as unknown[]);
  }
  if (isListType(nullable)) {
    const n = g(fc.integer, { min: 0, max: depth > 2 ? 1 : 3 });
    return Array.from({ length: n }, () => jsonValue(g, nullable.ofType, depth + 1));
  }
  if (isEnumType(nullable)) {
    return pick(g, nullable.getValues()).name;
  }
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter(() => chance(g, 50))
        .map((f) => [f.name, jsonValue(g, f.type, depth + 1)]),
    );
  }
  if (isScalarType(nullable)) {
    if (nullable.name === 'Int' || nullable.name === 'Float') {
      const n = pick(g, NASTY_NUMBERS);
      return Number.isFinite(n) ? n : 1e308;
    }
    if (nullable.name === 'Boolean') {
      return chance(g, 50);
    }
    return pick(g, NASTY_STRINGS);
  }
  return null;
}

interface Builder {
  readonly variables: { name: string; type: string; value: unknown; declared: boolean }[];
  readonly fragments: Map<string, string>;
}

function argumentText(g: G, arg: GraphQLArgument, b: Builder): string {
  if (chance(g, 25)) {
    // As a variable: declared with its type (sometimes a wrong one), a default, or left out.
    const name = `v${b.variables.length}`;
    const type = chance(g, 85) ? String(arg.type) : pick(g, ['Int', 'String!', '[Int]', 'Boolean']);
    const declared = chance(g, 92);
    b.variables.push({ name, type, value: jsonValue(g, arg.type, 0), declared });
    return `${arg.name}: $${name}`;
  }
  return `${arg.name}: ${literal(g, arg.type, 0)}`;
}

function directives(g: G, b: Builder): string {
  if (!chance(g, 10)) {
    return '';
  }
  if (chance(g, 30)) {
    const name = `d${b.variables.length}`;
    b.variables.push({ name, type: 'Boolean!', value: chance(g, 50), declared: true });
    return ` @${pick(g, ['skip', 'include'])}(if: $${name})`;
  }
  return pick(g, [
    ' @skip(if: true)',
    ' @include(if: false)',
    ' @include(if: true)',
    ' @deprecated',
    ' @skip',
  ]);
}

function selection(
  g: G,
  schema: GraphQLSchema,
  type: GraphQLCompositeType,
  depth: number,
  b: Builder,
): string {
  if (isUnionType(type)) {
    const member = pick(g, type.getTypes());
    return `{ __typename ... on ${member.name} ${selection(g, schema, member, depth, b)} }`;
  }
  const fields = Object.values(
    (type as Exclude<GraphQLCompositeType, never> & { getFields: () => object }).getFields(),
  ) as {
    name: string;
    args: readonly GraphQLArgument[];
    type: Parameters<typeof getNamedType>[0];
  }[];
  const count = g(fc.integer, { min: 1, max: depth > 3 ? 2 : 4 });
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = g(fc.integer, { min: 1, max: 100 });
    if (roll <= 4) {
      parts.push('__typename');
      continue;
    }
    if (roll <= 8 && depth > 0) {
      parts.push(`... on ${type.name} { __typename }`);
      continue;
    }
    if (roll <= 12) {
      // A fragment on this type, spread once or twice.
      const name = `F${b.fragments.size}`;
      if (depth < 4) {
        b.fragments.set(
          name,
          `fragment ${name} on ${type.name} ${selection(g, schema, type, depth + 1, b)}`,
        );
        parts.push(`...${name}`);
        if (chance(g, 40)) {
          parts.push(`...${name}`);
        }
      }
      continue;
    }
    if (roll <= 14) {
      parts.push(
        pick(g, [
          'noSuchField',
          '__schema { queryType { name } }',
          '__type(name: "Country") { name }',
        ]),
      );
      continue;
    }
    const field = pick(g, fields);
    const alias = chance(g, 15) ? `a${g(fc.integer, { min: 0, max: 30 })}: ` : '';
    const args = field.args.filter((a) => String(a.type).endsWith('!') || chance(g, 50));
    const argText = args.length > 0 ? `(${args.map((a) => argumentText(g, a, b)).join(', ')})` : '';
    const named = getNamedType(field.type);
    let sub = '';
    if (isObjectType(named) || isInterfaceType(named) || isUnionType(named)) {
      sub = depth >= 5 || chance(g, 3) ? '' : ` ${selection(g, schema, named, depth + 1, b)}`;
    } else if (chance(g, 2)) {
      sub = ' { oops }';
    }
    parts.push(`${alias}${field.name}${argText}${directives(g, b)}${sub}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** A GraphQL request generated from the schema: often valid, often slightly wrong, some hostile. */
export function graphqlCase(schema: GraphQLSchema): fc.Arbitrary<GraphQLCase> {
  return fc.gen().map((g) => {
    const b: Builder = { variables: [], fragments: new Map() };
    const root =
      chance(g, 8) && schema.getMutationType() ? schema.getMutationType()! : schema.getQueryType()!;
    const body = selection(g, schema, root, 0, b);
    const declared = b.variables.filter((v) => v.declared);
    const header =
      declared.length > 0 ? `(${declared.map((v) => `$${v.name}: ${v.type}`).join(', ')})` : '';
    const operation = root === schema.getMutationType() ? 'mutation' : 'query';
    let query = `${operation} Fuzz${header} ${body}\n${[...b.fragments.values()].join('\n')}`;
    if (chance(g, 10)) {
      // A second operation: valid only when the request names one of the two.
      query += pick(g, ['\nquery Second { __typename }', '\n{ __typename }']);
    }
    const operationName = chance(g, 15) ? pick(g, OPERATION_NAMES) : undefined;
    if (chance(g, 3)) {
      query = query.slice(0, g(fc.integer, { min: 0, max: query.length })); // truncated
    }
    const variables = Object.fromEntries(b.variables.map((v) => [v.name, v.value]));
    if (chance(g, 3)) {
      variables[`junk${g(fc.integer, { min: 0, max: 9 })}`] = 'x'.repeat(
        g(fc.integer, { min: 0, max: 2_000 }),
      );
    }
    return {
      kind: 'graphql' as const,
      query,
      variables: Object.keys(variables).length > 0 || chance(g, 50) ? variables : undefined,
      operationName,
    };
  });
}

/** A raw HTTP/1.1 request: methods, targets, headers, encodings and sizes a client may send. */
export interface RawCase {
  readonly kind: 'raw';
  readonly bytes: Uint8Array;
  /** Aimed at the gateway or at a subgraph's port. */
  readonly target: 'gateway' | 'subgraph';
  /** The client goes away after writing (its content-length promised more than it sent). */
  readonly endAfterWrite: boolean;
}

const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'FOO',
  'get',
  'P0ST',
  '',
];
const TARGETS = [
  '/graphql',
  '/graphql?query=%7B__typename%7D',
  '/graphql?query={__typename}&variables=%7B',
  '/graphql?extensions=%7B%22persistedQuery%22%3A%7B%22version%22%3A1%2C%22sha256Hash%22%3A%22x%22%7D%7D',
  '/health',
  '/ready',
  '/metrics',
  '//',
  '//@',
  '/\\',
  '//a b',
  '*',
  'http://[::1',
  '/__proto__',
  '/constructor',
  '/graphql%00',
  '/%',
  '/' + 'a'.repeat(4_000),
  '',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/graphql',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/graphql-response+json',
  '',
];

/** A member of a request's envelope of any kind: what a client's bug or an attacker sends. */
const anyMember = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const TYPENAME = '{ __typename }';
const TYPENAME_HASH = createHash('sha256').update(TYPENAME).digest('hex');

/**
 * A GraphQL request's envelope, each member present or not, of the right kind or any other:
 * several operations and names, mutations and subscriptions, persisted-query extensions whose
 * version, hash or text do not agree.
 */
export const envelope = fc.record(
  {
    query: fc.oneof(
      fc.constantFrom(
        TYPENAME,
        'query A { __typename } query B { __typename }',
        'mutation { __typename }',
        'subscription { __typename }',
      ),
      anyMember,
    ),
    variables: anyMember,
    operationName: fc.oneof(fc.constantFrom('A', 'B', 'Fuzz'), anyMember),
    extensions: fc.oneof(
      anyMember,
      fc.record(
        {
          persistedQuery: fc.oneof(
            anyMember,
            fc.record(
              {
                version: fc.oneof(fc.constantFrom(1, 2, '1'), anyMember),
                sha256Hash: fc.oneof(
                  fc.constant(TYPENAME_HASH),
                  fc.stringMatching(/^[0-9a-f]{64}$/),
                  anyMember,
                ),
              },
              { requiredKeys: [] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

/** An envelope as a GET's query string: strings as they are, anything else as JSON. */
const envelopeSearch = envelope.map(
  (e) =>
    `/graphql?${new URLSearchParams(
      Object.entries(e).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ).toString()}`,
);

export function rawCase(schemaCase: fc.Arbitrary<GraphQLCase>): fc.Arbitrary<RawCase> {
  const body = fc.oneof(
    envelope.map((e) => JSON.stringify(e)),
    fc.array(envelope, { maxLength: 3 }).map((batch) => JSON.stringify(batch)),
    schemaCase.map((c) =>
      JSON.stringify({ query: c.query, variables: c.variables, operationName: c.operationName }),
    ),
    fc.string({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString('latin1')),
    fc.json({ maxDepth: 4 }),
    fc
      .integer({ min: 1, max: 1_300_000 })
      .map((n) => `{"query":"{ __typename }","pad":"${'x'.repeat(n)}"}`),
    fc.constant(
      `{"query":"{ __typename }","variables":{"a":${'['.repeat(3000)}${']'.repeat(3000)}}}`,
    ),
  );
  const header = fc.oneof(
    fc.tuple(
      fc.constantFrom('content-encoding'),
      fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x'),
    ),
    fc.tuple(fc.constantFrom('x-request-id'), fc.string({ maxLength: 300 })),
    fc.tuple(
      fc.constantFrom('authorization'),
      fc.constantFrom('Bearer x', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==', 'Bearer '),
    ),
    fc.tuple(fc.constantFrom('x-viewer'), fc.string({ maxLength: 100 })),
    fc.tuple(
      fc.constantFrom('apollo-require-preflight', 'x-apollo-operation-name'),
      fc.constantFrom('1', ''),
    ),
    fc.tuple(
      fc.constantFrom('transfer-encoding'),
      fc.constantFrom('chunked', 'gzip, chunked', 'identity'),
    ),
    fc.tuple(fc.constantFrom('expect'), fc.constantFrom('100-continue', 'x')),
    fc.tuple(fc.constantFrom('origin'), fc.constantFrom('https://evil.example', 'null')),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 50 })),
  );
  return fc
    .record({
      method: fc.constantFrom(...METHODS),
      target: fc.oneof(
        fc.constantFrom(...TARGETS),
        envelopeSearch,
        fc.string({ maxLength: 60 }).map((s) => `/graphql?${encodeURI(s)}`),
      ),
      version: fc.constantFrom(
        'HTTP/1.1',
        'HTTP/1.1',
        'HTTP/1.1',
        'HTTP/1.0',
        'HTTP/2.0',
        'HTTP/1.1x',
      ),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      headers: fc.array(header, { maxLength: 4 }),
      body: fc.option(body, { freq: 3 }),
      lengthLies: fc.constantFrom(0, 0, 0, 0, -5, 7, 99999999),
      to: fc.constantFrom('gateway' as const, 'subgraph' as const),
    })
    .map(({ method, target, version, contentType, headers, body: text, lengthLies, to }) => {
      const payload = Buffer.from(text ?? '', 'utf8');
      const length = lengthLies === 99999999 ? 99999999 : Math.max(payload.length + lengthLies, 0);
      const head = [
        `${method} ${target} ${version}`,
        'host: localhost',
        ...(contentType ? [`content-type: ${contentType}`] : []),
        ...(text !== null ? [`content-length: ${length}`] : []),
        ...headers.map(([k, v]) => `${k.replace(/[\r\n]/g, '')}: ${v.replace(/[\r\n]/g, ' ')}`),
        'connection: close',
      ].join('\r\n');
      return {
        kind: 'raw' as const,
        bytes: Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), payload]),
        target: to,
        endAfterWrite: length > payload.length,
      };
    });
}
