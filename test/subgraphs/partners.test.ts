import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { createRedis, redisReady } from '../../loaders/redis.js';
import { partnersSubgraph } from '../../subgraphs/partners/index.js';
import {
  readRealPartnerships,
  syntheticPartnershipsFromSeed,
} from '../../subgraphs/partners/partners.seed.js';
import { SYNTHETIC_COUNT } from '../../subgraphs/partners/synthetic.seed.js';
import { clientErrors } from '../support/client-errors.js';
import { dataPack } from '../support/data-pack.js';
import { silentLogger, startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { redisUrl } from '../support/services.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;
let store = new MemoryCache({ maxEntries: 10_000 });
/** The entity cache, emptied by swapping the store behind it. */
const cache: KeyValueCache = {
  kind: 'memory',
  getMany: (keys) => store.getMany(keys),
  setMany: (entries, ttl) => store.setMany(entries, ttl),
  deleteMany: (keys) => store.deleteMany(keys),
  get stats() {
    return store.stats;
  },
};
const clearCache = () => {
  store = new MemoryCache({ maxEntries: 10_000 });
};

const asNorway = () => as.partner('gov-nor');

/** A known data set: the owned tables cleared (the audit log is append-only and stays), then seeded. */
beforeAll(async () => {
  subgraph = await startTestSubgraph(partnersSubgraph, { cache });
  for (const table of [
    'partnership_member',
    'partnership_theme',
    'partnership_country',
    'partnership',
    'organization_country',
    'organization',
  ]) {
    await sql`delete from ${sql.table(`partners.${table}`)}`.execute(subgraph.database.db);
  }
  await subgraph.reseed();
  subgraph.resetSql();
});
afterAll(() => subgraph?.close());

/** The organizations of the data pack: organizations.csv and those the projects name. */
const packOrganizations = async () => {
  const pack = dataPack('partners');
  return [
    ...(await pack.rows('organizations.csv')),
    ...(await pack.rows('organizations_more.csv')),
  ];
};

const nodes = (connection: { edges: { node: any }[] }) => connection.edges.map((e) => e.node);

describe('partners: organizations', () => {
  it('holds the organizations of the data pack (and those the projects name), filtered by category, headquarters and text', async () => {
    const { data, errors } = await subgraph.query(`{
      all: organizations(first: 500) { totalCount }
      governments: organizations(filter: { category: GOVERNMENT }) { totalCount }
      inFrance: organizations(filter: { hqCountry: "FRA" }) { edges { node { id } } }
      search: organizations(filter: { search: "crim" }) { edges { node { id } } }
    }`);
    expect(errors).toBeUndefined();
    const pack = await packOrganizations();
    expect(data?.['all'].totalCount).toBe(pack.length);
    // Public agencies of a government are GOVERNMENT too (organizations_more.csv).
    expect(data?.['governments'].totalCount).toBe(
      pack.filter((o) => o['partner_category'] === 'GOVERNMENT').length,
    );
    expect(nodes(data?.['inFrance']).map((o) => o.id)).toEqual([
      'coe',
      'expertise-france',
      'interpol',
    ]);
    expect(nodes(data?.['search']).map((o) => o.id)).toEqual(['interpol', 'unafri', 'unodc']);
  });

  it('answers an organization with its sourced facts and no invented website', async () => {
    const { data } = await subgraph.query(`{
      organization(id: "unodc") {
        id name acronym partnerCategory iatiOrgType crsChannelCode iatiOrgId website
        headquarters { iso3 } roleInDomain confidence countriesOfOperation { iso3 }
      }
    }`);
    expect(data?.['organization']).toEqual({
      id: 'unodc',
      name: 'United Nations Office on Drugs and Crime',
      acronym: 'UNODC',
      partnerCategory: 'UN_ENTITY',
      iatiOrgType: '40',
      crsChannelCode: '41128',
      iatiOrgId: null,
      website: null,
      headquarters: { iso3: 'AUT' },
      roleInDomain: 'Owner of the repository; implements the Global Programme on Cybercrime.',
      confidence: 'VERIFIED',
      countriesOfOperation: [],
    });
  });

  it('pages through every organization once with keyset cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { data }: { data?: any } = await subgraph.query(
        `query($after: String) { organizations(first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...nodes(data.organizations).map((o) => o.id));
      after = data.organizations.pageInfo.hasNextPage
        ? data.organizations.pageInfo.endCursor
        : null;
      pages += 1;
    } while (after);
    const pack = (await packOrganizations()).map((o) => o['id']);
    expect(pages).toBe(Math.ceil(pack.length / 10));
    // Every organization once: none missing, none twice.
    expect(seen).toHaveLength(pack.length);
    expect([...seen].sort()).toEqual([...pack].sort());
  });
});

describe('partners: synthetic partnerships and coverage', () => {
  it('flags every generated partnership as synthetic, says so in its title, and gives it fictional members only', async () => {
    const { data } = await subgraph.query(
      `{ partnerships(first: 500, includeSynthetic: true) { totalCount edges { node { title synthetic source
           members { organization { id synthetic } } } } }
         real: partnerships(first: 500) { totalCount edges { node { synthetic licence attribution } } } }`,
    );
    const all = nodes(data?.['partnerships']);
    const real = await dataPack('partners').count('partnership_projects.csv');
    expect(data?.['partnerships'].totalCount).toBe(SYNTHETIC_COUNT + real);
    // Synthetic records are opt-in: unasked, only the real ones are listed, each attributed.
    expect(data?.['real'].totalCount).toBe(real);
    for (const p of nodes(data?.['real'])) {
      expect(p.synthetic).toBe(false);
      expect(p.licence).toMatch(/compiled for this project/);
      expect(p.attribution).toMatch(/^Source: /);
    }
    const synthetic = all.filter((p) => p.synthetic);
    expect(synthetic).toHaveLength(SYNTHETIC_COUNT);
    expect(synthetic.every((p) => p.title.startsWith('(synthetic)'))).toBe(true);
    expect(synthetic.every((p) => /not a real partnership/.test(p.source))).toBe(true);
    // Nothing synthetic is attached to a real organisation; nothing real to a fictional one.
    for (const p of all) {
      expect(p.members.every((m: any) => m.organization.synthetic === p.synthetic)).toBe(true);
    }
  });

  it('counts active partnerships and distinct partners per region and theme as the seed implies', async () => {
    const asOf = '2022-06-30';
    const { partnerships, regionOf } = await syntheticPartnershipsFromSeed();
    // The expectation, counted here from the seeded rows.
    const expected = new Map<string, { ids: Set<string>; orgs: Set<string> }>();
    for (const p of partnerships) {
      if (p.startDate > asOf || (p.endDate !== null && p.endDate < asOf)) {
        continue;
      }
      const regions = new Set(p.countryIso3s.map((c) => regionOf.get(c)!));
      for (const region of regions) {
        for (const theme of p.themes) {
          const key = `${region}|${theme}`;
          const cell = expected.get(key) ?? { ids: new Set(), orgs: new Set() };
          cell.ids.add(p.id);
          p.members.forEach((m) => cell.orgs.add(m.organizationId));
          expected.set(key, cell);
        }
      }
    }
    const { data, errors } = await subgraph.query(
      `query($asOf: Date) {
        partnerCoverage(asOf: $asOf, includeSynthetic: true) { region { m49 } theme activePartnerships distinctPartners }
        real: partnerCoverage(asOf: $asOf) { activePartnerships basis { records syntheticRecords } }
      }`,
      { asOf },
    );
    expect(errors).toBeUndefined();
    // Unasked, the coverage rests on real partnerships only: none is recorded yet.
    expect(
      data?.['real'].every(
        (r: any) =>
          r.activePartnerships === 0 && r.basis.records === 0 && r.basis.syntheticRecords === 0,
      ),
    ).toBe(true);
    const rows: any[] = data?.['partnerCoverage'];
    expect(rows).toHaveLength(5 * 10);
    for (const row of rows) {
      const cell = expected.get(`${row.region.m49}|${row.theme}`);
      expect(
        [row.activePartnerships, row.distinctPartners],
        `${row.region.m49} ${row.theme}`,
      ).toEqual([cell?.ids.size ?? 0, cell?.orgs.size ?? 0]);
    }
    expect(rows.some((r) => r.activePartnerships > 0)).toBe(true);
    // The gaps are real: Oceania has no virtual-assets or OCSEA partner at all.
    expect(
      rows.filter((r) => r.region.m49 === '009' && ['VIRTUAL_ASSETS', 'OCSEA'].includes(r.theme)),
    ).toEqual([
      {
        region: { m49: '009' },
        theme: 'VIRTUAL_ASSETS',
        activePartnerships: 0,
        distinctPartners: 0,
      },
      { region: { m49: '009' }, theme: 'OCSEA', activePartnerships: 0, distinctPartners: 0 },
    ]);
    const one = await subgraph.query(
      `{ partnerCoverage(theme: OCSEA, asOf: "${asOf}", includeSynthetic: true) { theme } }`,
    );
    expect(one.data?.['partnerCoverage']).toHaveLength(5);
  });

  it('derives the status from the dates relative to asOf', async () => {
    const { partnerships } = await syntheticPartnershipsFromSeed();
    const p = partnerships.find((x) => x.endDate !== null)!;
    const dayBefore = new Date(Date.parse(p.startDate) - 86_400_000).toISOString().slice(0, 10);
    const { data } = await subgraph.query(
      `query($id: ID!, $a: Date, $b: Date, $c: Date) { partnership(id: $id) {
        before: status(asOf: $a) during: status(asOf: $b) after: status(asOf: $c) startDate endDate } }`,
      { id: p.id, a: dayBefore, b: p.startDate, c: '2099-01-01' },
    );
    expect(data?.['partnership']).toEqual({
      before: 'PLANNED',
      during: 'ACTIVE',
      after: 'ENDED',
      startDate: p.startDate,
      endDate: p.endDate,
    });
  });

  it('filters partnerships by type, theme, country, member and active date', async () => {
    const { partnerships } = await syntheticPartnershipsFromSeed();
    const p = partnerships[0]!;
    const country = p.countryIso3s[0]!;
    const member = p.members[0]!.organizationId;
    const { data, errors } = await subgraph.query(
      `query($f: PartnershipFilter) { partnerships(filter: $f, first: 500, includeSynthetic: true) { totalCount edges { node { id } } } }`,
      { f: { type: p.type, theme: p.themes[0], country, member, activeOn: p.startDate } },
    );
    expect(errors).toBeUndefined();
    const expected = partnerships.filter(
      (x) =>
        x.type === p.type &&
        x.themes.includes(p.themes[0]!) &&
        x.countryIso3s.includes(country) &&
        x.members.some((m) => m.organizationId === member) &&
        x.startDate <= p.startDate &&
        (x.endDate === null || x.endDate >= p.startDate),
    );
    expect(nodes(data?.['partnerships']).map((n) => n.id)).toEqual(expected.map((x) => x.id));
  });
});

describe('partners: Country fields and batching', () => {
  it('adds partners (by category) and partnerships (by active date) to Country', async () => {
    const { partnerships } = await syntheticPartnershipsFromSeed();
    const iso3 = partnerships[0]!.countryIso3s[0]!;
    const covering = partnerships.filter((p) => p.countryIso3s.includes(iso3));
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        iso3 partners(includeSynthetic: true) { id }
        governments: partners(category: [GOVERNMENT], includeSynthetic: true) { partnerCategory }
        partnerships(includeSynthetic: true) { id }
        realPartners: partners { id } realPartnerships: partnerships { id } } } }`,
      { r: [{ __typename: 'Country', iso3 }] },
    );
    expect(errors).toBeUndefined();
    const country = data?.['_entities'][0];
    const realCovering = (await readRealPartnerships()).filter((p) =>
      p.countryIso3s.includes(iso3),
    );
    expect(country.partnerships.map((p: any) => p.id).sort()).toEqual(
      [...covering.map((p) => p.id), ...realCovering.map((p) => p.row.id)].sort(),
    );
    expect(country.partners.map((o: any) => o.id).sort()).toEqual(
      [
        ...new Set([
          ...covering.flatMap((p) => p.members.map((m) => m.organizationId)),
          ...realCovering.flatMap((p) => p.members.map((m) => m.organization_id)),
        ]),
      ].sort(),
    );
    expect(country.governments.every((o: any) => o.partnerCategory === 'GOVERNMENT')).toBe(true);
    // Real partnerships of the data pack covering the country, and their real members: a
    // synthetic partnership never makes a real organisation look active in the country.
    const real = (await readRealPartnerships()).filter((p) => p.countryIso3s.includes(iso3));
    expect(country.realPartnerships.map((p: any) => p.id).sort()).toEqual(
      real.map((p) => p.row.id).sort(),
    );
    expect(country.realPartners.map((o: any) => o.id).sort()).toEqual(
      [...new Set(real.flatMap((p) => p.members.map((m) => m.organization_id)))].sort(),
    );
  });

  it('resolves all organizations with their partnerships and members in a constant number of statements', async () => {
    const { data: list } = await subgraph.query(
      `{ organizations(first: 500) { edges { node { id } } } }`,
    );
    const representations = nodes(list?.['organizations']).map((o) => ({
      __typename: 'Organization',
      id: o.id,
    }));
    clearCache();
    subgraph.resetSql();
    const cold = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
        id countriesOfOperation { iso3 } partnerships { id members { role organization { name } } } } } }`,
      { r: representations },
    );
    expect(cold.errors).toBeUndefined();
    expect(representations).toHaveLength((await packOrganizations()).length);
    expect(cold.data?.['_entities']).toHaveLength(representations.length);
    const selects = subgraph.sql.filter((s) => /^select/i.test(s.trim()));
    // organizations, their partnerships, their countries of operation: one statement each.
    expect(selects.length).toBeLessThanOrEqual(3);
    expect(selects.filter((s) => /from "partners"\."organization"/.test(s))).toHaveLength(1);

    subgraph.resetSql();
    const warm = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
        id countriesOfOperation { iso3 } partnerships { id members { role organization { name } } } } } }`,
      { r: representations },
    );
    expect(warm.data).toEqual(cold.data);
    expect(subgraph.sql).toEqual([]);
  });

  it('resolves many countries with partners and partnerships in a constant number of statements', async () => {
    const representations = [
      'KEN',
      'NGA',
      'IND',
      'BRA',
      'FRA',
      'FJI',
      'QAT',
      'NOR',
      'JPN',
      'MEX',
    ].map((iso3) => ({ __typename: 'Country', iso3 }));
    clearCache();
    subgraph.resetSql();
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country {
        iso3 partners { id } partnerships(activeOn: "2022-06-30") { id members { organization { id } } } } } }`,
      { r: representations },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toHaveLength(10);
    // Partner links and partnerships by country: one statement each, whatever the number of
    // countries. Organizations: one batch for the partners and one for the members, or a single
    // one when both lists arrive in the same tick.
    expect(subgraph.sql.length).toBeLessThanOrEqual(4);
    expect(
      subgraph.sql.filter((s) => /from "partners"\."organization" /.test(s)).length,
    ).toBeLessThanOrEqual(2);
  });
});

describe('partners: loaders off (the N+1 baseline)', () => {
  it('runs one statement per organization when batching is off', async () => {
    const unbatched = await startTestSubgraph(partnersSubgraph, { env: { LOADERS: 'unbatched' } });
    try {
      const ids = ['unodc', 'coe', 'itu', 'interpol', 'gfce', 'meta'];
      const { data } = await unbatched.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id partnerships { id } } } }`,
        { r: ids.map((id) => ({ __typename: 'Organization', id })) },
      );
      expect(data?.['_entities']).toHaveLength(6);
      expect(unbatched.sql.filter((s) => /from "partners"\."organization" /.test(s))).toHaveLength(
        6,
      );
    } finally {
      await unbatched.close();
    }
  });
});

describe('partners: seed', () => {
  it('seeds idempotently: a second run changes nothing', async () => {
    expect(await subgraph.reseed()).toEqual({
      countryRegionsInserted: 0,
      countryRegionsUpdated: 0,
      organizationsInserted: 0,
      organizationsUpdated: 0,
      partnershipsInserted: 0,
      partnershipsUpdated: 0,
      childRowsInserted: 0,
    });
  });
});

const UPDATE_ORG = `mutation($id: ID!, $input: UpdateOrganizationInput!) {
  updateOrganization(id: $id, input: $input) { id description countriesOfOperation { iso3 } }
}`;
const CREATE_PARTNERSHIP = `mutation($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { id reviewStatus synthetic members { role organization { id } } }
}`;
const validPartnership = {
  title: 'Test partnership',
  type: 'IMPLEMENTING',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  themes: ['DIGITAL_EVIDENCE'],
  countries: ['KEN'],
  members: [
    { organizationId: 'gov-nor', role: 'FUNDING' },
    { organizationId: 'unodc', role: 'LEAD' },
  ],
};

describe('partners: writes', () => {
  it('lets a partner edit its own organization, audited and seen at once', async () => {
    const { data, errors } = await subgraph.query(
      UPDATE_ORG,
      {
        id: 'gov-nor',
        input: { description: 'Profile edited by its partner.', countriesOfOperation: ['KEN'] },
      },
      asNorway(),
    );
    expect(errors).toBeUndefined();
    expect(data?.['updateOrganization']).toEqual({
      id: 'gov-nor',
      description: 'Profile edited by its partner.',
      countriesOfOperation: [{ iso3: 'KEN' }],
    });
    const after = await subgraph.query(
      `{ organizations(filter: { countryOfOperation: "KEN" }) { edges { node { id } } } }`,
    );
    expect(nodes(after.data?.['organizations'])).toEqual([{ id: 'gov-nor' }]);
    const audit = await subgraph.query(
      `{ partnersAuditLog(entityType: "Organization", entityId: "gov-nor", first: 1) { action actorRole actorOrganizationId } }`,
      undefined,
      as.editor,
    );
    expect(audit.data?.['partnersAuditLog']).toEqual([
      { action: 'UPDATE', actorRole: 'partner', actorOrganizationId: 'gov-nor' },
    ]);
    expect((await subgraph.reseed())['organizationsUpdated']).toBe(0);
  });

  it('forbids a partner to edit another organization or an editor-only field, naming the field', async () => {
    const other = await subgraph.query(
      UPDATE_ORG,
      { id: 'microsoft', input: { description: 'Not mine.' } },
      asNorway(),
    );
    expect(clientErrors(other)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: a partner may edit only its own organization ("gov-nor"), not "microsoft"",
          "path": [
            "updateOrganization",
          ],
        },
      ]
    `);
    const field = await subgraph.query(
      UPDATE_ORG,
      { id: 'gov-nor', input: { partnerCategory: 'PRIVATE_SECTOR' } },
      asNorway(),
    );
    expect(clientErrors(field)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.partnerCategory",
          },
          "message": "Forbidden: input.partnerCategory: only an editor may change this field",
          "path": [
            "updateOrganization",
          ],
        },
      ]
    `);
    const anonymous = await subgraph.query(UPDATE_ORG, { id: 'gov-nor', input: {} });
    expect(clientErrors(anonymous)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "updateOrganization",
          ],
        },
      ]
    `);
  });

  it('clears a nullable field given null, keeps an omitted one, and refuses clearing what cannot be', async () => {
    const cleared = await subgraph.query(
      `mutation($id: ID!, $input: UpdateOrganizationInput!) {
        updateOrganization(id: $id, input: $input) { description name website countriesOfOperation { iso3 } }
      }`,
      { id: 'gov-nor', input: { description: null, countriesOfOperation: [] } },
      asNorway(),
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data?.['updateOrganization']).toMatchObject({
      description: null,
      countriesOfOperation: [],
    });
    expect(cleared.data?.['updateOrganization'].name).toBeTruthy(); // omitted: kept
    const editorOnly = await subgraph.query(
      UPDATE_ORG,
      { id: 'gov-nor', input: { iatiOrgId: null } },
      asNorway(),
    );
    expect(clientErrors(editorOnly)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.iatiOrgId",
          },
          "message": "Forbidden: input.iatiOrgId: only an editor may change this field",
          "path": [
            "updateOrganization",
          ],
        },
      ]
    `);
    const required = await subgraph.query(
      UPDATE_ORG,
      { id: 'gov-nor', input: { partnerCategory: null } },
      as.editor,
    );
    expect(clientErrors(required)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.partnerCategory",
                "message": "cannot be cleared",
              },
            ],
          },
          "message": "Invalid input. input.partnerCategory: cannot be cleared",
          "path": [
            "updateOrganization",
          ],
        },
      ]
    `);
    await subgraph.reseed();
  });

  it('keeps a partner’s proposal in PENDING_REVIEW, hidden from the public, until an editor publishes it', async () => {
    const proposed = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: validPartnership },
      asNorway(),
    );
    expect(proposed.errors).toBeUndefined();
    const { id, ...rest } = proposed.data?.['createPartnership'];
    expect(rest).toEqual({
      reviewStatus: 'PENDING_REVIEW',
      synthetic: false,
      members: [
        { role: 'LEAD', organization: { id: 'unodc' } },
        { role: 'FUNDING', organization: { id: 'gov-nor' } },
      ],
    });
    const hidden = await subgraph.query(`query($id: ID!) { partnership(id: $id) { id } }`, { id });
    expect(clientErrors(hidden, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "Partnership",
          },
          "message": "No Partnership has id "<id>".",
          "path": [
            "partnership",
          ],
        },
      ]
    `);
    const published = await subgraph.query(
      `mutation($id: ID!) { reviewPartnership(id: $id, decision: PUBLISH) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(published.data?.['reviewPartnership']).toEqual({ reviewStatus: 'PUBLISHED' });
    const visible = await subgraph.query(
      `query($id: ID!) { partnership(id: $id) { id } organization(id: "gov-nor") { partnerships { id } } }`,
      { id },
    );
    expect(visible.data?.['partnership']).toEqual({ id });
    expect(visible.data?.['organization'].partnerships).toContainEqual({ id });

    const archived = await subgraph.query(
      `mutation($id: ID!) { archivePartnership(id: $id) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(archived.data?.['archivePartnership']).toEqual({ reviewStatus: 'ARCHIVED' });
    const gone = await subgraph.query(`{ organization(id: "gov-nor") { partnerships { id } } }`);
    expect(gone.data?.['organization'].partnerships).not.toContainEqual({ id });
  });

  it('lets a partner withdraw its own pending proposal, not another’s nor a reviewed one', async () => {
    const archive = `mutation($id: ID!) { archivePartnership(id: $id) { reviewStatus } }`;
    const proposed = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: validPartnership },
      asNorway(),
    );
    const id = proposed.data?.['createPartnership'].id;
    const asMicrosoft = as.partner('microsoft');
    // Another organization's pending proposal is not visible to Microsoft: NOT_FOUND.
    const notTheirs = await subgraph.query(archive, { id }, asMicrosoft);
    expect(clientErrors(notTheirs, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "Partnership",
          },
          "message": "No Partnership has id "<id>".",
          "path": [
            "archivePartnership",
          ],
        },
      ]
    `);
    const withdrawn = await subgraph.query(archive, { id }, asNorway());
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data?.['archivePartnership']).toEqual({ reviewStatus: 'ARCHIVED' });
    const audit = await subgraph.query(
      `{ partnersAuditLog(entityType: "Partnership", entityId: "${id}", first: 1) { action actorOrganizationId } }`,
      undefined,
      as.editor,
    );
    expect(audit.data?.['partnersAuditLog']).toEqual([
      { action: 'WITHDRAW', actorOrganizationId: 'gov-nor' },
    ]);
    const reviewed = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: validPartnership },
      asNorway(),
    );
    const reviewedId = reviewed.data?.['createPartnership'].id;
    await subgraph.query(
      `mutation($id: ID!) { reviewPartnership(id: $id, decision: PUBLISH) { reviewStatus } }`,
      { id: reviewedId },
      as.editor,
    );
    const late = await subgraph.query(archive, { id: reviewedId }, asNorway());
    expect(clientErrors(late)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: the proposal is PUBLISHED; once reviewed, only an editor may withdraw it",
          "path": [
            "archivePartnership",
          ],
        },
      ]
    `);
  });

  it('lets an editor change a partnership, moving it between countries at once', async () => {
    const created = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: validPartnership },
      as.editor,
    );
    const id = created.data?.['createPartnership'].id;
    expect(created.data?.['createPartnership'].reviewStatus).toBe('PUBLISHED');
    const inCountry = async (iso3: string) => {
      const { data } = await subgraph.query(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { partnerships { id } } } }`,
        { r: [{ __typename: 'Country', iso3 }] },
      );
      return data?.['_entities'][0].partnerships.map((p: any) => p.id);
    };
    expect(await inCountry('KEN')).toContain(id);
    const moved = await subgraph.query(
      `mutation($id: ID!, $input: UpdatePartnershipInput!) {
        updatePartnership(id: $id, input: $input) { countries { iso3 } endDate }
      }`,
      { id, input: { countries: ['GHA'], endDate: '2028-06-30' } },
      as.editor,
    );
    expect(moved.data?.['updatePartnership']).toEqual({
      countries: [{ iso3: 'GHA' }],
      endDate: '2028-06-30',
    });
    expect(await inCountry('KEN')).not.toContain(id);
    expect(await inCountry('GHA')).toContain(id);
    const bad = await subgraph.query(
      `mutation($id: ID!) { updatePartnership(id: $id, input: { endDate: "2020-01-01" }) { id } }`,
      { id },
      as.editor,
    );
    expect(clientErrors(bad)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.endDate",
                "message": "ends (2020-01-01) before it starts (2026-01-01)",
              },
            ],
          },
          "message": "Invalid input. input.endDate: ends (2020-01-01) before it starts (2026-01-01)",
          "path": [
            "updatePartnership",
          ],
        },
      ]
    `);
    const partner = await subgraph.query(
      `mutation($id: ID!) { updatePartnership(id: $id, input: { title: "Mine now" }) { id } }`,
      { id },
      asNorway(),
    );
    expect(clientErrors(partner)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "partner" may not do this; it needs one of: editor.",
          "path": [
            "updatePartnership",
          ],
        },
      ]
    `);
    const audit = await subgraph.query(
      `query($id: String) { partnersAuditLog(entityType: "Partnership", entityId: $id) { action } }`,
      { id },
      as.editor,
    );
    expect(audit.data?.['partnersAuditLog']).toEqual([{ action: 'UPDATE' }, { action: 'CREATE' }]);
  });

  it('shows a partner its own pending proposals, and the public none', async () => {
    const proposed = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: validPartnership },
      asNorway(),
    );
    const id = proposed.data?.['createPartnership'].id;
    const list = `{ partnerships(first: 500, filter: { reviewStatus: PENDING_REVIEW }) { edges { node { id } } } }`;
    const own = await subgraph.query(list, undefined, asNorway());
    expect(nodes(own.data?.['partnerships'])).toContainEqual({ id });
    const anonymous = await subgraph.query(list);
    expect(nodes(anonymous.data?.['partnerships'])).toEqual([]);
    const rejected = await subgraph.query(
      `mutation($id: ID!) { reviewPartnership(id: $id, decision: REJECT) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(rejected.data?.['reviewPartnership']).toEqual({ reviewStatus: 'REJECTED' });
    const again = await subgraph.query(
      `mutation($id: ID!) { reviewPartnership(id: $id, decision: PUBLISH) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(clientErrors(again)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "id",
                "message": "is REJECTED, not PENDING_REVIEW",
              },
            ],
          },
          "message": "Invalid input. id: is REJECTED, not PENDING_REVIEW",
          "path": [
            "reviewPartnership",
          ],
        },
      ]
    `);
  });

  it('forbids a partner to propose a partnership without its own organization', async () => {
    const { errors } = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: { ...validPartnership, members: [{ organizationId: 'unodc', role: 'LEAD' }] } },
      asNorway(),
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.members",
          },
          "message": "Forbidden: input.members: a partner may propose only partnerships that include its own organization ("gov-nor")",
          "path": [
            "createPartnership",
          ],
        },
      ]
    `);
  });
});

describe('partners: bad input', () => {
  it('names every invalid field: no members, end before start, a duplicate member', async () => {
    const { errors } = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: { ...validPartnership, members: [], endDate: '2025-01-01' } },
      as.editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.endDate",
                "message": "ends (2025-01-01) before it starts (2026-01-01)",
              },
              {
                "field": "input.members",
                "message": "must list at least one member",
              },
            ],
          },
          "message": "Invalid input. input.endDate: ends (2025-01-01) before it starts (2026-01-01); input.members: must list at least one member",
          "path": [
            "createPartnership",
          ],
        },
      ]
    `);
    const duplicate = await subgraph.query(
      CREATE_PARTNERSHIP,
      {
        input: {
          ...validPartnership,
          members: [
            { organizationId: 'unodc', role: 'LEAD' },
            { organizationId: 'unodc', role: 'FUNDING' },
          ],
        },
      },
      as.editor,
    );
    expect(clientErrors(duplicate)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.members[1].organizationId",
                "message": ""unodc" is already a member",
              },
            ],
          },
          "message": "Invalid input. input.members[1].organizationId: "unodc" is already a member",
          "path": [
            "createPartnership",
          ],
        },
      ]
    `);
  });

  it('returns NOT_FOUND for an unknown organization or country, naming the field', async () => {
    const org = await subgraph.query(
      CREATE_PARTNERSHIP,
      {
        input: { ...validPartnership, members: [{ organizationId: 'no-such-org', role: 'LEAD' }] },
      },
      as.editor,
    );
    expect(clientErrors(org)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.members[0].organizationId",
            "key": "no-such-org",
            "type": "Organization",
          },
          "message": "No Organization has input.members[0].organizationId "no-such-org".",
          "path": [
            "createPartnership",
          ],
        },
      ]
    `);
    const country = await subgraph.query(
      CREATE_PARTNERSHIP,
      { input: { ...validPartnership, countries: ['KEN', 'XXX'] } },
      as.editor,
    );
    expect(clientErrors(country)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.countries[1]",
            "key": "XXX",
            "type": "Country",
          },
          "message": "No Country has input.countries[1] "XXX".",
          "path": [
            "createPartnership",
          ],
        },
      ]
    `);
    const unknown = await subgraph.query(`{ organization(id: "nope") { id } }`);
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "nope",
            "type": "Organization",
          },
          "message": "No Organization has id "nope".",
          "path": [
            "organization",
          ],
        },
      ]
    `);
    const filter = await subgraph.query(
      `{ organizations(filter: { hqCountry: "XXX" }) { totalCount } }`,
    );
    expect(clientErrors(filter)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.hqCountry",
            "key": "XXX",
            "type": "Country",
          },
          "message": "No Country has filter.hqCountry "XXX".",
          "path": [
            "organizations",
          ],
        },
      ]
    `);
  });

  it('rejects an unknown role or category', async () => {
    const role = await subgraph.query(
      CREATE_PARTNERSHIP,
      {
        input: { ...validPartnership, members: [{ organizationId: 'unodc', role: 'SPONSOR' }] },
      },
      as.editor,
    );
    expect(clientErrors(role)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
          },
          "message": "Variable "$input" got invalid value "SPONSOR" at "input.members[0].role"; Value "SPONSOR" does not exist in "MemberRole" enum.",
        },
      ]
    `);
    const category = await subgraph.query(
      `query($c: PartnerCategory) { organizations(filter: { category: $c }) { totalCount } }`,
      { c: 'PHILANTHROPY' },
    );
    expect(clientErrors(category)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
          },
          "message": "Variable "$c" got invalid value "PHILANTHROPY"; Value "PHILANTHROPY" does not exist in "PartnerCategory" enum.",
        },
      ]
    `);
  });

  it('keeps the audit log for editors only', async () => {
    const { errors } = await subgraph.query(`{ partnersAuditLog { id } }`, undefined, asNorway());
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "partner" may not do this; it needs one of: editor.",
          "path": [
            "partnersAuditLog",
          ],
        },
      ]
    `);
  });
});

describe('partners: the shared entity cache', () => {
  it('shows a partner’s edit at once to another process sharing the cache (Redis when configured)', async () => {
    const redis = redisUrl
      ? createRedis(redisUrl, { commandTimeoutMs: 250, logger: silentLogger })
      : undefined;
    if (redis) {
      expect(await redisReady(redis, 2_000)).toBe(true);
    }
    const shared = redis ? new RedisCache(redis) : new MemoryCache({ maxEntries: 1_000 });
    const reader = await startTestSubgraph(partnersSubgraph, { cache: shared });
    const writer = await startTestSubgraph(partnersSubgraph, { cache: shared });
    try {
      const read = async () =>
        (
          await reader.query(
            `{ organization(id: "gov-nor") { acronym countriesOfOperation { iso3 } } }`,
          )
        ).data?.['organization'];
      await read();
      const acronym = `NOR-${Date.now()}`;
      const { errors } = await writer.query(
        UPDATE_ORG,
        { id: 'gov-nor', input: { acronym, countriesOfOperation: ['NGA'] } },
        asNorway(),
      );
      expect(errors).toBeUndefined();
      // The write purged the shared entries (and its own re-read refilled them with fresh values).
      expect(await read()).toEqual({ acronym, countriesOfOperation: [{ iso3: 'NGA' }] });
    } finally {
      await reader.close();
      await writer.close();
      redis?.disconnect();
    }
  });
});
