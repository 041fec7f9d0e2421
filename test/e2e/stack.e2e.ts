import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { DEV_JWT_SECRET } from '../../loaders/config.js';
import { projectPath } from '../../loaders/project-path.js';
import { postGraphQL } from '../support/harness.js';
import { startBuiltStack, type ChildService } from '../support/processes.js';
import { CLOSED_REDIS_URL } from '../support/services.js';

describe('the whole stack from the built output', () => {
  let stack: ChildService;
  let url: string;
  let dir: string;
  let supergraphPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crg-e2e-'));
    supergraphPath = join(dir, 'supergraph.graphql');
    await copyFile(projectPath('schema', 'supergraph.graphql'), supergraphPath);
    stack = await startBuiltStack({ SUPERGRAPH_PATH: supergraphPath });
    url = stack.found;
  });

  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the federated queries of the README through the gateway', async () => {
    const { data, errors } = await postGraphQL(
      url,
      `{ countries(first: 300) { totalCount } country(iso3: "KEN") { name m49 region { name } names { fr ar zh } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      countries: { totalCount: 195 },
      country: {
        name: 'Kenya',
        m49: '404',
        region: { name: 'Africa' },
        names: { fr: 'Kenya', ar: 'كينيا', zh: '肯尼亚' },
      },
    });
  });

  it('lists the private-sector and civil-society partners active in a country across subgraphs', async () => {
    const { data, errors } = await postGraphQL(
      url,
      `{
        country(iso3: "ERI") {
          name
          real: partners { id }
          realPartnerships: partnerships { id }
          partners(activeOn: "2022-06-30", includeSynthetic: true) { id synthetic }
          partnerships(activeOn: "2022-06-30", includeSynthetic: true) { id synthetic }
          legalCoverage(scheme: BUDAPEST) { offencesCovered state }
        }
        partnerCoverage(theme: DIGITAL_EVIDENCE, asOf: "2022-06-30", includeSynthetic: true) { region { name } activePartnerships }
      }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.['country'].name).toBe('Eritrea');
    // Real records only by default: no real partnership covers Eritrea.
    expect(data?.['country'].real).toEqual([]);
    expect(data?.['country'].realPartnerships).toEqual([]);
    // Asked for, the synthetic partnerships bring only fictional (synthetic) partners.
    expect(data?.['country'].partners.every((o: any) => o.synthetic === true)).toBe(true);
    expect(data?.['country'].partnerships.every((p: any) => p.synthetic === true)).toBe(true);
    // Every region has a row, gaps included (zero partnerships), in M49 order.
    expect(data?.['partnerCoverage'].map((c: any) => c.region.name)).toEqual([
      'Africa',
      'Oceania',
      'Americas',
      'Asia',
      'Europe',
    ]);
    // No provision of Eritrea is recorded: no data, not a finding about its law.
    expect(data?.['country'].legalCoverage).toEqual({
      offencesCovered: 0,
      state: 'NO_PROVISIONS_RECORDED',
    });
  });

  it('joins a country from member-states with its laws and coverage from laws', async () => {
    const { data, errors } = await postGraphQL(
      url,
      `{ country(iso3: "GBR") { name legislation { title } legalCoverage(scheme: BUDAPEST) { offencesCovered } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      country: {
        name: 'United Kingdom of Great Britain and Northern Ireland',
        legislation: [{ title: 'Computer Misuse Act 1990' }],
        legalCoverage: { offencesCovered: 4 },
      },
    });
  });

  it('answers the three analyst questions of issue 3 in one gateway query', async () => {
    const { data, errors } = await postGraphQL(
      url,
      `{
        africa: region(m49: "002") { countries {
          iso3
          budapest: treatyParticipation(instrument: "CETS-185", status: PARTY) { id }
          un: treatyParticipation(instrument: "UNCC-2024") { id }
        } }
        productionOrders: searchProvisions(filter: { proceduralPower: "PRODUCTION_ORDER", inForce: true }) {
          edges { node { provision { label country { name } } } }
        }
        unauthorisedAccess: searchProvisions(
          text: "unauthorised access", filter: { inForce: true, inForceFromYear: 2010 }
        ) { edges { node { provision { label country { name } } } } }
      }`,
    );
    expect(errors).toBeUndefined();
    const countries = data?.['africa'].countries as {
      iso3: string;
      budapest: unknown[];
      un: unknown[];
    }[];
    expect(countries).toHaveLength(54);
    expect(
      countries
        .filter((c) => c.budapest.length > 0 && c.un.length === 0)
        .map((c) => c.iso3)
        .sort(),
    ).toEqual(['BEN', 'CMR', 'CPV', 'SEN', 'SLE', 'TUN']);
    expect(data?.['productionOrders'].edges).toEqual([
      { node: { provision: { label: 's. 14', country: { name: 'Philippines' } } } },
    ]);
    expect(
      data?.['unauthorisedAccess'].edges.map(
        (e: { node: { provision: { label: string; country: { name: string } } } }) =>
          `${e.node.provision.country.name} ${e.node.provision.label}`,
      ),
    ).toEqual(['Philippines s. 4(a)(1)', 'South Africa s. 2']);
  });

  it('reports alive and ready, with every subgraph reachable', async () => {
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      subgraphs: expect.arrayContaining(
        ['member-states', 'laws', 'partners', 'funding', 'assistance', 'hotline-reports'].map(
          (name) => expect.objectContaining({ name, reachable: true, circuit: 'closed' }),
        ),
      ),
    });
  });

  it('keeps subgraph error codes and names the subgraph', async () => {
    const { errors } = await postGraphQL(url, `{ country(iso3: "XXX") { name } }`);
    expect(errors?.[0]).toMatchObject({
      message: 'No Country has iso3 "XXX".',
      extensions: { code: 'NOT_FOUND', key: 'XXX', serviceName: 'member-states' },
    });
  });

  it('accepts a valid bearer token and rejects a forged one with UNAUTHENTICATED', async () => {
    const token = await signToken({ sub: 'e2e', role: 'editor' }, { secret: DEV_JWT_SECRET });
    const ok = await postGraphQL(url, `{ country(iso3: "NOR") { name } }`, undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(ok.data).toEqual({ country: { name: 'Norway' } });
    const forged = await signToken(
      { sub: 'e2e', role: 'admin' },
      { secret: 'someone-elses-secret-that-is-long-enough' },
    );
    const rejected = await postGraphQL(url, `{ country(iso3: "NOR") { name } }`, undefined, {
      authorization: `Bearer ${forged}`,
    });
    expect(rejected.status).toBe(401);
    expect(rejected.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('hides a RESTRICTED finding from public, analysts and other focal points, and shows it to its own', async () => {
    const list = await postGraphQL(
      url,
      `{ needsAssessments(first: 1, filter: { confidentiality: RESTRICTED, synthetic: true }, includeSynthetic: true) { edges { node { id country { iso3 } } } } }`,
    );
    const node = list.data?.['needsAssessments'].edges[0].node;
    const read = async (headers: Record<string, string>) =>
      (
        await postGraphQL(
          url,
          `query($id: String!) { needsAssessment(id: $id) { findingsVisible findings { gap } } }`,
          { id: node.id },
          headers,
        )
      ).data?.['needsAssessment'];
    const bearer = async (claims: { role: 'analyst' | 'state_focal_point'; country?: string }) => ({
      authorization: `Bearer ${await signToken({ sub: 'e2e', ...claims }, { secret: DEV_JWT_SECRET })}`,
    });
    const other = node.country.iso3 === 'KEN' ? 'NOR' : 'KEN';
    expect(await read({})).toEqual({ findingsVisible: false, findings: null });
    expect(await read(await bearer({ role: 'analyst' }))).toEqual({
      findingsVisible: false,
      findings: null,
    });
    expect(await read(await bearer({ role: 'state_focal_point', country: other }))).toEqual({
      findingsVisible: false,
      findings: null,
    });
    const own = await read(await bearer({ role: 'state_focal_point', country: node.country.iso3 }));
    expect(own.findingsVisible).toBe(true);
    expect(own.findings.length).toBeGreaterThan(0);
  });

  it('answers malformed JSON with a 400 GraphQL error, not a 5xx', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        { message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  });

  it('reloads a changed supergraph without a restart, and keeps serving when the new file is broken', async () => {
    const describeName = async () => {
      const { data } = await postGraphQL(
        url,
        `{ __type(name: "Country") { fields { name description } } }`,
      );
      return data?.['__type'].fields.find((f: { name: string }) => f.name === 'name')
        .description as string;
    };
    const original = await readFile(supergraphPath, 'utf8');
    expect(await describeName()).toBe('UN short name in English (UNTERM, M49 style).');

    await writeFile(
      supergraphPath,
      original.replace(
        'UN short name in English (UNTERM, M49 style).',
        'UN short name (reloaded).',
      ),
    );
    await expect.poll(describeName, { timeout: 5_000 }).toBe('UN short name (reloaded).');

    await writeFile(supergraphPath, 'this is not a supergraph');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await describeName()).toBe('UN short name (reloaded).');
    expect(stack.output()).toMatch(/supergraph rejected; keeping the current supergraph/);
  });
});

describe('the stack with Redis down', () => {
  it('answers every query from the database', async () => {
    const stack = await startBuiltStack({ REDIS_URL: CLOSED_REDIS_URL });
    try {
      const { data, errors } = await postGraphQL(
        stack.found,
        `{ country(iso3: "KEN") { name region { name } } countries { totalCount } }`,
      );
      expect(errors).toBeUndefined();
      expect(data).toEqual({
        country: { name: 'Kenya', region: { name: 'Africa' } },
        countries: { totalCount: 195 },
      });
    } finally {
      await stack.stop();
    }
  });
});
