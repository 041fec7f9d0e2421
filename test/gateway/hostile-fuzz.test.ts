import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlCase, rawCase, type GraphQLCase, type RawCase } from '../support/fuzz.js';
import { problemsOf, rawRequest, type RawAnswer } from '../support/hostile.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// The hostile-input suite (issue 12): fast-check generates GraphQL documents from the schema
// (nested selections, fragments spread once or twice, aliases, directives, variables declared or
// not, wrong types, NUL characters, truncated text, a second operation, operation names present,
// absent or wrong) and raw HTTP requests (methods, targets,
// headers, encodings, lying lengths, sizes up to past the body limit), sent to the gateway and to
// a subgraph's port. Each case asserts: every process still answers /health; the status is one
// the README lists and each error carries a code of the vocabulary (never a masked
// INTERNAL_SERVER_ERROR); no stack trace or SQL in the body; a trivial query sent alongside still
// answers. CI runs a fixed seed; `npm run fuzz -- --runs N [--seed S]` runs longer.

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 120);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_206);
const TIMEOUT_MS = Math.max(120_000, RUNS * 400);

let stack: GatewayStack;
let urls: { gateway: string; subgraph: string; notes: string };

beforeAll(async () => {
  stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
  urls = { gateway: stack.url, subgraph: stack.memberStates.url, notes: stack.notes.url };
});
afterAll(() => stack?.close());

const TRIVIAL = JSON.stringify({ query: '{ __typename }' });

async function stillServing(): Promise<void> {
  const statuses = await Promise.all([
    ...[urls.gateway, urls.subgraph].map(async (url) => {
      const health = await fetch(new URL('/health', url));
      await health.arrayBuffer();
      return health.status;
    }),
    // The test's tiny `notes` subgraph has no /health: it must still answer a query.
    fetch(urls.notes, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: TRIVIAL,
    }).then(async (notes) => {
      await notes.arrayBuffer();
      return notes.status;
    }),
  ]);
  expect(statuses, 'gateway /health, member-states /health, notes query').toEqual([200, 200, 200]);
}

async function trivial(): Promise<void> {
  const response = await fetch(urls.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: TRIVIAL,
  });
  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
}

async function sendGraphQL(c: GraphQLCase): Promise<RawAnswer> {
  const response = await fetch(urls.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: c.query,
      variables: c.variables,
      operationName: c.operationName,
    }),
  });
  return { status: response.status, head: '', body: await response.text() };
}

function sendRaw(c: RawCase): Promise<RawAnswer> {
  return rawRequest(c.target === 'gateway' ? urls.gateway : urls.subgraph, c.bytes, {
    endAfterWrite: c.endAfterWrite,
  });
}

async function check(answer: RawAnswer, label: string): Promise<void> {
  expect(problemsOf(answer), label).toEqual([]);
}

describe('hostile input, generated (fast-check)', () => {
  let schemaCase: fc.Arbitrary<GraphQLCase>;

  beforeAll(async () => {
    const response = await fetch(urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    schemaCase = graphqlCase(buildClientSchema(data));
  });

  it(
    'generated documents: every answer typed, every process still serving',
    async () => {
      await fc.assert(
        fc.asyncProperty(schemaCase, async (c) => {
          const [answer] = await Promise.all([sendGraphQL(c), trivial()]);
          await check(answer, c.query);
          await stillServing();
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'generated raw HTTP requests to the gateway and a subgraph',
    async () => {
      await fc.assert(
        fc.asyncProperty(rawCase(schemaCase), async (c) => {
          const [answer] = await Promise.all([sendRaw(c), trivial()]);
          if (answer.status !== 0) {
            await check(answer, Buffer.from(c.bytes).toString('latin1').slice(0, 300));
          }
          await stillServing();
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );
});
