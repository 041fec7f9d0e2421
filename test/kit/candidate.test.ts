import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { buildFederatedSchema, printSubgraphSdl } from '../../schema/build-subgraph-schema.js';
import { checkCandidate } from '../../schema/composition/candidate.js';
import type { RegisteredSdl } from '../../schema/composition/compose.js';
import { readRegistry, sdlPathOf } from '../../schema/composition/registry.js';
import { PARTNER_TIER_SUBGRAPHS } from '../../subgraphs/partner-tier.js';

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])`;

async function currentGraph(): Promise<RegisteredSdl[]> {
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  return Promise.all(
    registry.map(async (e) => ({ ...e, sdl: await readFile(sdlPathOf(e), 'utf8') })),
  );
}

const committed = () => readFile(projectPath('schema', 'supergraph.graphql'), 'utf8');

function partner(sdl: string): RegisteredSdl {
  return {
    name: 'acme',
    url: 'http://127.0.0.1:4199/graphql',
    tier: 'PARTNER',
    allowMutations: false,
    sdl: `${LINK}\n${sdl}`,
  };
}

describe('checkCandidate: a subgraph before it enters the graph', () => {
  it('accepts a partner that adds a nullable field to Country by iso3', async () => {
    const report = await checkCandidate(
      partner(
        `scalar CountryCode type Country @key(fields: "iso3") { iso3: CountryCode! acmeScore: Int }`,
      ),
      await currentGraph(),
      await committed(),
    );
    expect(report.problems).toEqual([]);
    expect(report.supergraphSdl).toMatch(/acmeScore: Int @join__field\(graph: ACME\)/);
  });

  it('names a composition error', async () => {
    const report = await checkCandidate(
      partner(`type Query { country: String }`),
      await currentGraph(),
      await committed(),
    );
    expect(report.problems).toContainEqual(
      expect.stringMatching(/^\[composition\] .*Query\.country/),
    );
  });

  it('names a breaking change against the committed supergraph: a removed core field', async () => {
    const graph = await currentGraph();
    const memberStates = graph.find((g) => g.name === 'member-states')!;
    const report = await checkCandidate(
      {
        ...memberStates,
        sdl: memberStates.sdl.replace(
          /\n\s*"""Colloquial name[^\n]*\n\s*commonName: String\n/,
          '\n',
        ),
      },
      graph,
      await committed(),
    );
    expect(report.breaking).toEqual([
      {
        path: 'Country.commonName',
        message: "Field 'commonName' was removed from object type 'Country'",
      },
    ]);
    expect(report.problems).toEqual([
      "[breaking change] Country.commonName: Field 'commonName' was removed from object type 'Country'",
    ]);
  });

  it('names a new required argument as breaking', async () => {
    const graph = await currentGraph();
    const hotline = graph.find((g) => g.name === 'hotline-reports')!;
    const report = await checkCandidate(
      { ...hotline, sdl: hotline.sdl.replace('year: Int\n', 'year: Int!\n') },
      graph,
      await committed(),
    );
    expect(report.breaking.map((b) => b.path)).toEqual(['Country.hotlineReports.year']);
  });

  it('reports SDL that does not parse, with its location', async () => {
    const report = await checkCandidate(partner('type Query {'), await currentGraph(), undefined);
    expect(report.problems).toEqual([
      expect.stringMatching(/^\[acme\] the SDL does not parse: Syntax Error.*\n*.*2:1/s),
    ]);
  });
});

describe('in-repo partner subgraphs', () => {
  it.each(PARTNER_TIER_SUBGRAPHS.map((s) => [s.name, s] as const))(
    'subgraphs/%s/schema.graphql matches the code and the entry is PARTNER',
    async (name, subgraph) => {
      const entry = (await readRegistry(projectPath('schema', 'subgraphs.json'))).find(
        (r) => r.name === name,
      );
      expect(entry?.tier).toBe('PARTNER');
      expect(await readFile(sdlPathOf(entry!), 'utf8')).toBe(
        printSubgraphSdl(await buildFederatedSchema(subgraph)),
      );
    },
  );
});

describe('npm run schema:check -- <name> --url', () => {
  it('fails naming the cause when the candidate service is unreachable', async () => {
    const run = promisify(execFile);
    const failure = await run(
      'npm',
      ['run', '--silent', 'schema:check', '--', 'acme', '--url', 'http://127.0.0.1:1/graphql'],
      { cwd: projectPath() },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('http://127.0.0.1:1/graphql is unreachable'),
    });
  }, 120_000);
});
