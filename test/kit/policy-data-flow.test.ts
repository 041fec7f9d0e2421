import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { checkCandidate } from '../../schema/composition/candidate.js';
import type { RegisteredSdl } from '../../schema/composition/compose.js';
import { readRegistry, sdlPathOf } from '../../schema/composition/registry.js';

// The partner policy judges data flow, not only names: each candidate below would make the
// gateway send CORE data to a partner (or hide CORE data from clients). Each is checked against
// the real graph, as `npm run schema:check` does, and the test states the exact line the partner
// sees.

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@override", "@inaccessible", "@context", "@fromContext"])`;

async function check(sdl: string): Promise<{ policy: string[]; problems: readonly string[] }> {
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const graph = await Promise.all(
    registry.map(async (e) => ({ ...e, sdl: await readFile(sdlPathOf(e), 'utf8') })),
  );
  const candidate: RegisteredSdl = {
    name: 'acme',
    url: 'http://127.0.0.1:4199/graphql',
    tier: 'PARTNER',
    allowMutations: false,
    sdl: `${LINK}\n${sdl}`,
  };
  const committed = await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8');
  const { problems } = await checkCandidate(candidate, graph, committed);
  return { policy: problems.filter((p) => p.startsWith('[acme]')), problems };
}

describe('the partner policy over data flow (schema:check of a PARTNER candidate)', () => {
  it('refuses @requires of RESTRICTED NeedsAssessment.recommendations (the finding)', async () => {
    const { policy } = await check(`
      type NeedsAssessment @key(fields: "id") {
        id: ID!
        recommendations: [String!] @external
        acmeDigest: String @requires(fields: "recommendations")
      }`);
    expect(policy).toEqual([
      '[acme] NeedsAssessment.recommendations: @external declares a field owned by CORE subgraph member-states; only its key fields (id) may be @external (rule no-external-of-core: a partner subgraph may declare @external only the key fields of a CORE entity, since an @external field is data the gateway would send it)',
      '[acme] NeedsAssessment.acmeDigest: @requires(fields: "recommendations") would send NeedsAssessment.recommendations (owned by CORE subgraph member-states) to this subgraph (rule no-requires-of-core: a partner subgraph may not @requires a field owned by a CORE subgraph: the gateway would send that field\'s value to the partner)',
    ]);
  });

  it('refuses @requires reaching a CORE field through a nested selection', async () => {
    const { policy } = await check(`
      scalar CountryCode
      type Country @key(fields: "iso3") { iso3: CountryCode! }
      type NeedsAssessment @key(fields: "id") {
        id: ID!
        country: Country @external
        acmeScore: Int @requires(fields: "country { iso3 }")
      }`);
    expect(policy).toEqual([
      '[acme] NeedsAssessment.country: @external declares a field owned by CORE subgraph member-states; only its key fields (id) may be @external (rule no-external-of-core: a partner subgraph may declare @external only the key fields of a CORE entity, since an @external field is data the gateway would send it)',
      '[acme] NeedsAssessment.acmeScore: @requires(fields: "country { iso3 }") would send NeedsAssessment.country, Country.iso3 (owned by CORE subgraph member-states) to this subgraph (rule no-requires-of-core: a partner subgraph may not @requires a field owned by a CORE subgraph: the gateway would send that field\'s value to the partner)',
    ]);
  });

  it('refuses @context on a CORE type and @fromContext of a CORE field', async () => {
    const { policy } = await check(`
      type Query { acmeNotes: [AcmeNote] }
      type NeedsAssessment @key(fields: "id") @context(name: "assessment") {
        id: ID!
        findingsVisible: Boolean! @shareable
        acmeNotes: [AcmeNote]
      }
      type AcmeNote {
        text(visible: Boolean @fromContext(field: "$assessment { findingsVisible }")): String
      }`);
    expect(policy).toEqual([
      '[acme] NeedsAssessment: @context(name: "assessment") on a type of CORE subgraph member-states (rule no-context-of-core: a partner subgraph may not set @context on a CORE type nor read a CORE field with @fromContext: the gateway would send that field\'s value to the partner)',
      '[acme] NeedsAssessment.findingsVisible: @shareable claims a field owned by CORE subgraph member-states (rule no-shareable-claim-of-core: a partner subgraph may not define (or @shareable-claim) a field a CORE subgraph defines, except the key fields of an entity it extends, and may not mark any CORE field or type @shareable)',
      '[acme] AcmeNote.text(visible:): @fromContext(field: "$assessment { findingsVisible }") would send NeedsAssessment.findingsVisible to this subgraph (rule no-context-of-core: a partner subgraph may not set @context on a CORE type nor read a CORE field with @fromContext: the gateway would send that field\'s value to the partner)',
    ]);
  });

  it('refuses @external of a CORE field that is not a key', async () => {
    const { policy } = await check(`
      type NeedsAssessment @key(fields: "id") { id: ID! confidentiality: String @external acmeTag: String }`);
    expect(policy).toEqual([
      '[acme] NeedsAssessment.confidentiality: @external declares a field owned by CORE subgraph member-states; only its key fields (id) may be @external (rule no-external-of-core: a partner subgraph may declare @external only the key fields of a CORE entity, since an @external field is data the gateway would send it)',
    ]);
  });

  it('refuses @override of a CORE field', async () => {
    const { policy } = await check(`
      scalar CountryCode
      type Country @key(fields: "iso3") { iso3: CountryCode! name: String! @override(from: "member-states") }`);
    expect(policy).toEqual([
      '[acme] Country.name: @override(from: "member-states") takes the field from CORE subgraph member-states (rule no-override-of-core: a partner subgraph may not @override a field owned by a CORE subgraph)',
    ]);
  });

  it('refuses @inaccessible on a CORE key field and on a CORE type', async () => {
    const { policy } = await check(`
      scalar CountryCode @inaccessible
      type Country @key(fields: "iso3") { iso3: CountryCode! @inaccessible acmeScore: Int }`);
    expect(policy).toEqual([
      '[acme] CountryCode: @inaccessible hides a type of CORE subgraph member-states (rule no-inaccessible-of-core: a partner subgraph may not mark a CORE type or field @inaccessible, which would hide it from every client)',
      '[acme] Country.iso3: @inaccessible hides a field owned by CORE subgraph member-states (rule no-inaccessible-of-core: a partner subgraph may not mark a CORE type or field @inaccessible, which would hide it from every client)',
    ]);
  });

  it('refuses @shareable on a CORE key field and on a CORE type', async () => {
    const { policy } = await check(`
      scalar CountryCode
      type Country @key(fields: "iso3") @shareable { iso3: CountryCode! @shareable acmeScore: Int }`);
    expect(policy).toEqual([
      '[acme] Country: @shareable on the type claims the fields of CORE subgraph member-states (rule no-shareable-claim-of-core: a partner subgraph may not define (or @shareable-claim) a field a CORE subgraph defines, except the key fields of an entity it extends, and may not mark any CORE field or type @shareable)',
      '[acme] Country.iso3: @shareable claims a field owned by CORE subgraph member-states (rule no-shareable-claim-of-core: a partner subgraph may not define (or @shareable-claim) a field a CORE subgraph defines, except the key fields of an entity it extends, and may not mark any CORE field or type @shareable)',
    ]);
  });

  it('still accepts a partner that extends a CORE entity by its key only', async () => {
    const { problems } = await check(`
      scalar CountryCode
      type Country @key(fields: "iso3") { iso3: CountryCode! acmeScore: Int }`);
    expect(problems).toEqual([]);
  });
});
