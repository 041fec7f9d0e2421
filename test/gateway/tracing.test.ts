import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import { readTracingConfig, startTracing, type Tracing } from '../../loaders/tracing.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { silentLogger } from '../support/harness.js';
import { redisUrl } from '../support/services.js';

// One request, one trace: the gateway's spans, the W3C context on each subgraph fetch, and in
// each subgraph its request, resolvers, DataLoader batches (with their size) and SQL statements
// (text only, no parameter values), all linked child to parent. The whole stack runs in this
// process, so one in-memory exporter sees every span.
const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
let stack: Stack;

beforeAll(async () => {
  tracing = await startTracing(readTracingConfig({}), 'crg-test', exporter);
  const env = { ...process.env, LOG_LEVEL: 'silent' };
  stack = await startStack({
    // No entity or response cache: every run reaches SQL in each subgraph, whatever an earlier
    // run left in a shared Redis.
    runtimeConfig: readRuntimeConfig({ ...env, ENTITY_CACHE: 'off' }),
    gatewayConfig: readGatewayConfig({
      ...env,
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      RESPONSE_CACHE: 'off',
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: true,
    ports: 'ephemeral',
  });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
});

const QUERY = `query ThreeSubgraphs {
  countries(first: 8, filter: { subregion: "014" }) {
    edges { node { iso3 name legislation { id title } partners { id name } } }
  }
}`;

/** The chain of span names from `span` up to the root of its trace. */
function ancestry(span: ReadableSpan, byId: Map<string, ReadableSpan>): string[] {
  const names: string[] = [];
  let current: ReadableSpan | undefined = span;
  while (current) {
    names.push(current.name);
    const parentId: string | undefined = current.parentSpanContext?.spanId;
    current = parentId === undefined ? undefined : byId.get(parentId);
  }
  return names;
}

describe('tracing', () => {
  it('puts a query crossing three subgraphs in one trace, from the gateway down to SQL', async () => {
    exporter.reset();
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.countries.edges.length).toBeGreaterThan(1);
    // The SERVER span ends when the response is closed: wait for it.
    await expect
      .poll(() => exporter.getFinishedSpans().some((s) => s.name === 'POST gateway'))
      .toBe(true);

    const spans = exporter.getFinishedSpans();
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const root = spans.filter((s) => !s.parentSpanContext);
    expect(root.map((s) => s.name)).toEqual(['POST gateway']);

    const names = new Set(spans.map((s) => s.name));
    for (const name of [
      'graphql.parse',
      'graphql.validate',
      'gateway.limits',
      'gateway.plan',
      'gateway.fetch',
      'POST subgraph member-states',
      'POST subgraph laws',
      'POST subgraph partners',
      'resolve Query.countries',
      'resolve Query._entities',
    ]) {
      expect(names, name).toContain(name);
    }

    // A SQL statement of the partners subgraph, traced back to the gateway through the fetch.
    const sql = spans.filter((s) => s.name.startsWith('db '));
    expect(sql.length).toBeGreaterThan(2);
    for (const statement of sql) {
      expect(statement.attributes['db.query.text']).toEqual(expect.any(String));
      expect(Object.keys(statement.attributes).some((k) => /param|value/i.test(k))).toBe(false);
    }
    const subgraphsReached = new Set(
      sql.map((s) => ancestry(s, byId).find((n) => n.startsWith('POST subgraph '))),
    );
    expect([...subgraphsReached].sort()).toEqual([
      'POST subgraph laws',
      'POST subgraph member-states',
      'POST subgraph partners',
    ]);
    const partnersSql = sql.find((s) => ancestry(s, byId).includes('POST subgraph partners'));
    expect(ancestry(partnersSql as ReadableSpan, byId)).toEqual(
      expect.arrayContaining([
        'POST subgraph partners',
        'gateway.fetch',
        'gateway.execute',
        'gateway.request',
        'POST gateway',
      ]),
    );

    // With Redis, its round trips are spans too (here the gateway's budget: INCRBY).
    if (redisUrl) {
      expect(names).toContain('redis INCRBY');
    }

    // DataLoader batches carry their size; at least one batch loaded several countries at once.
    const batches = spans.filter((s) => s.name === 'dataloader.batch');
    expect(batches.length).toBeGreaterThan(0);
    const sizes = batches.map((s) => s.attributes['loader.batch_size'] as number);
    expect(sizes.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  }, 60_000);
});
