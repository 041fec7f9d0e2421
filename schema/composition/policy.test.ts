import { describe, expect, it } from 'vitest';
import type { CoreSdl } from './policy-rules.js';
import { partnerPolicyViolations } from './policy.js';

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@override"])`;

const CORE: CoreSdl[] = [
  {
    name: 'member-states',
    sdl: `${LINK}
      type Query { country(iso3: CountryCode!): Country! }
      scalar CountryCode
      enum Confidence { VERIFIED TO_VERIFY }
      type Country @key(fields: "iso3") @key(fields: "m49") {
        iso3: CountryCode!
        m49: String!
        name: String! @shareable
        confidence: Confidence!
      }`,
  },
];

function check(sdl: string, allowMutations = false) {
  return partnerPolicyViolations({ name: 'acme', sdl: `${LINK}\n${sdl}`, allowMutations }, CORE);
}

describe('partnerPolicyViolations', () => {
  it('accepts new types, new root query fields and nullable fields on a core entity by key', () => {
    expect(
      check(`
        scalar CountryCode
        type Query { acmeReports: [AcmeReport!]! }
        type AcmeReport { id: ID! country: Country! }
        type Country @key(fields: "iso3", resolvable: false) {
          iso3: CountryCode!
          acmeReports(year: Int): [AcmeReport!]
        }`),
    ).toEqual([]);
  });

  it('ignores the federation machinery a served `_service { sdl }` prints', () => {
    expect(
      check(`
        scalar CountryCode
        scalar _Any
        scalar link__Import
        enum link__Purpose { SECURITY EXECUTION }
        union _Entity = Country
        type _Service { sdl: String }
        type Query { _service: _Service! _entities(representations: [_Any!]!): [_Entity]! }
        type Country @key(fields: "iso3") { iso3: CountryCode! acmeScore: Int }`),
    ).toEqual([]);
  });

  it('rejects @override of a field owned by a core subgraph', () => {
    const violations = check(`
      scalar CountryCode
      type Country @key(fields: "iso3") { iso3: CountryCode! name: String @override(from: "member-states") }`);
    expect(violations).toContainEqual(
      expect.objectContaining({ rule: 'no-override-of-core', coordinate: 'Country.name' }),
    );
    expect(violations[0]?.message).toMatch(
      /^Country\.name: .*member-states.*rule no-override-of-core/,
    );
  });

  it('rejects a @shareable claim on a field owned by a core subgraph', () => {
    const violations = check(`
      scalar CountryCode
      type Country @key(fields: "iso3") { iso3: CountryCode! name: String! @shareable }`);
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'no-shareable-claim-of-core',
        coordinate: 'Country.name',
        message: expect.stringContaining(
          '@shareable claims a field owned by CORE subgraph member-states',
        ),
      }),
    ]);
  });

  it('rejects a key of its own on a core field, which would let it answer that field', () => {
    expect(
      check(`type Country @key(fields: "name") { name: String! acmeScore: Int }`),
    ).toContainEqual(
      expect.objectContaining({ rule: 'no-shareable-claim-of-core', coordinate: 'Country.name' }),
    );
  });

  it('rejects @provides of the fields of a core type', () => {
    expect(
      check(`
        scalar CountryCode
        type Query { acmeTop: Country @provides(fields: "name") }
        type Country @key(fields: "iso3") { iso3: CountryCode! name: String! @external }`),
    ).toEqual([
      expect.objectContaining({ rule: 'no-shareable-claim-of-core', coordinate: 'Query.acmeTop' }),
      expect.objectContaining({ rule: 'no-external-of-core', coordinate: 'Country.name' }),
    ]);
  });

  it('sees through renamed federation directives: an imported alias and the namespaced form', () => {
    const renamed = (link: string, body: string) =>
      partnerPolicyViolations(
        { name: 'acme', sdl: `extend schema @link(${link})\n${body}`, allowMutations: false },
        CORE,
      ).map((v) => [v.rule, v.coordinate]);
    expect(
      renamed(
        `url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", { name: "@requires", as: "@needs" }, { name: "@external", as: "@elsewhere" }]`,
        `scalar CountryCode
         type Country @key(fields: "iso3") {
           iso3: CountryCode! confidence: String @elsewhere acmeScore: Int @needs(fields: "confidence")
         }`,
      ),
    ).toEqual([
      ['no-external-of-core', 'Country.confidence'],
      ['no-requires-of-core', 'Country.acmeScore'],
    ]);
    expect(
      renamed(
        `url: "https://specs.apollo.dev/federation/v2.7", as: "fed", import: ["@key"]`,
        `scalar CountryCode
         type Country @key(fields: "iso3") { iso3: CountryCode! @fed__inaccessible acmeScore: Int }`,
      ),
    ).toEqual([['no-inaccessible-of-core', 'Country.iso3']]);
  });

  it('accepts @requires, @context and @external of its own fields', () => {
    expect(
      check(`
        type Query { acmeShelf: AcmeShelf }
        type AcmeShelf @key(fields: "id") @context(name: "shelf") {
          id: ID! label: String books: [AcmeBook] total: Int @requires(fields: "label")
        }
        type AcmeBook { title(prefix: String @fromContext(field: "$shelf { label }")): String }`),
    ).toEqual([]);
  });

  it('rejects a root query field the core already defines', () => {
    expect(check(`scalar CountryCode type Query { country(iso3: CountryCode!): String }`)).toEqual([
      expect.objectContaining({ rule: 'no-shareable-claim-of-core', coordinate: 'Query.country' }),
    ]);
  });

  it('rejects Mutation fields unless the registry allows mutations', () => {
    const sdl = `type Mutation { fileReport(text: String!): Boolean }`;
    expect(check(sdl)).toEqual([
      expect.objectContaining({
        rule: 'no-mutations-unless-allowed',
        coordinate: 'Mutation.fileReport',
      }),
    ]);
    expect(check(sdl, true)).toEqual([]);
  });

  it('rejects a type named like a core type that is not an entity extension', () => {
    expect(check(`enum Confidence { VERIFIED TO_VERIFY GUESSED }`)).toEqual([
      expect.objectContaining({ rule: 'no-reserved-names', coordinate: 'Confidence' }),
    ]);
  });

  it('rejects type names and root fields with a reserved prefix', () => {
    const violations = check(`
      type Query { unodcStats: UnodcStats }
      type UnodcStats { total: Int }`);
    expect(violations.map((v) => [v.rule, v.coordinate])).toEqual([
      ['no-reserved-names', 'Query.unodcStats'],
      ['no-reserved-names', 'UnodcStats'],
    ]);
  });

  it('rejects non-nullable fields added to a core entity', () => {
    expect(
      check(`
        scalar CountryCode
        type Country @key(fields: "iso3") { iso3: CountryCode! acmeScore: Int! }`),
    ).toEqual([
      expect.objectContaining({
        rule: 'nullable-fields-on-core-entities',
        coordinate: 'Country.acmeScore',
        message: expect.stringContaining('is Int!; declare it as Int'),
      }),
    ]);
  });

  it('throws a syntax error naming the location when the candidate does not parse', () => {
    expect(() => check('type Query {')).toThrow(/Syntax Error/);
  });
});
