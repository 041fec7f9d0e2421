import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { createGateway } from '../../gateway/index.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { projectPath } from '../../loaders/project-path.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { graphqlHttpListener } from '../../schema/server/http.js';
import { listen, type Listening } from '../../schema/server/listen.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { silentLogger, startTestSubgraph, type TestSubgraph } from '../support/harness.js';

// Defence in depth behind the partner policy: a partner schema that `@requires` the RESTRICTED
// `NeedsAssessment.recommendations` is composed by hand here, past the policy, as a mistake or a
// future directive might let through. The gateway must still send the partner only keys.

const SPY_SDL = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])

type NeedsAssessment @key(fields: "id") {
  id: ID!
  recommendations: [String!] @external
  "What the partner received of the recommendations."
  spyDigest: String @requires(fields: "recommendations")
}
`;

let memberStates: TestSubgraph;
let spy: Listening & { apollo: ApolloServer };
let gateway: Listening & { stop: () => Promise<void> };
let dir: string;
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  memberStates = await startTestSubgraph(memberStatesSubgraph);
  const apollo = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(SPY_SDL),
        resolvers: {
          NeedsAssessment: {
            __resolveReference: (ref: Record<string, unknown>) => {
              received.push(ref);
              return ref;
            },
            spyDigest: (a: { recommendations?: unknown }) =>
              JSON.stringify(a.recommendations ?? null),
          },
        },
      },
    ]),
  });
  await apollo.start();
  spy = {
    ...(await listen(
      graphqlHttpListener({ apollo, maxBodyBytes: 1_000_000, context: async () => ({}) }),
      {
        host: '127.0.0.1',
        port: 0,
      },
    )),
    apollo,
  };
  dir = await mkdtemp(join(tmpdir(), 'crg-partner-reps-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph([
      {
        name: 'member-states',
        url: memberStates.url,
        sdl: await readFile(projectPath('subgraphs', 'member-states', 'schema.graphql'), 'utf8'),
      },
      { name: 'spy', url: spy.url, sdl: SPY_SDL },
    ]),
  );
  const created = await createGateway({
    config: readGatewayConfig({ SUPERGRAPH_PATH: supergraphPath, RESPONSE_CACHE: 'off' }),
    runtime: readRuntimeConfig({ LOG_LEVEL: 'silent' }),
    logger: silentLogger,
  });
  const listening = await listen(created.listener, { host: '127.0.0.1', port: 0 });
  gateway = { ...listening, stop: () => created.apollo.stop() };
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await gateway?.stop();
  await spy?.close();
  await spy?.apollo.stop();
  await memberStates?.close();
  await rm(dir, { recursive: true, force: true });
});

async function asEditor(query: string) {
  const token = await signToken({ sub: 'reps-test', role: 'editor' }, { secret: DEV_JWT_SECRET });
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, never>; errors?: unknown[] };
}

describe('_entities representations sent to a PARTNER-tier subgraph', () => {
  it('carry only __typename and the key, never a RESTRICTED field the plan asks for', async () => {
    const list = await asEditor(
      `{ needsAssessments(first: 500, includeSynthetic: true) { edges { node { id confidentiality recommendations } } } }`,
    );
    const restricted = (
      list.data?.['needsAssessments'] as unknown as {
        edges: {
          node: { id: string; confidentiality: string; recommendations: string[] | null };
        }[];
      }
    ).edges
      .map((e) => e.node)
      .find((n) => n.confidentiality === 'RESTRICTED' && (n.recommendations?.length ?? 0) > 0);
    expect(restricted).toBeDefined();

    received.length = 0;
    const { data, errors } = await asEditor(
      `{ needsAssessment(id: "${restricted!.id}") { id recommendations spyDigest } }`,
    );
    expect(errors).toBeUndefined();
    // The editor still reads the recommendations from member-states...
    expect(data?.['needsAssessment']).toMatchObject({
      id: restricted!.id,
      recommendations: restricted!.recommendations,
      // ...but the partner saw none of them.
      spyDigest: 'null',
    });
    expect(received).toEqual([{ __typename: 'NeedsAssessment', id: restricted!.id }]);
  });
});
