import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({
    RESPONSE_CACHE: 'off',
    SUBGRAPH_TIMEOUT_MS: '1500',
    BREAKER_FAILURE_THRESHOLD: '4',
    BREAKER_RESET_MS: '2500',
  });
});
afterAll(() => stack?.close());

const QUERY = `{ country(iso3: "KEN") { name note } notesPing }`;

describe('resilience toward subgraphs', () => {
  it('joins both subgraphs while they are up', async () => {
    const response = await postGraphQL(stack.url, QUERY);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      country: { name: 'Kenya', note: 'note on KEN' },
      notesPing: 'pong',
    });
  });

  it('returns partial data and an error naming the killed subgraph, and stays up', async () => {
    await stack.notes.kill();
    try {
      const response = await postGraphQL(stack.url, QUERY);
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ country: { name: 'Kenya', note: null }, notesPing: null });
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors ?? []) {
        expect(error).toMatchObject({
          message: 'Subgraph "notes" is unavailable: it cannot be reached.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'notes' },
        });
      }
      const alone = await postGraphQL(stack.url, `{ country(iso3: "NOR") { name } }`);
      expect(alone).toMatchObject({ status: 200, data: { country: { name: 'Norway' } } });
      // Still ready: the rest of the graph answers, and every replica would see the same outage.
      const ready = await fetch(`${stack.origin}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'degraded', unhealthy: ['notes'] });
    } finally {
      await stack.notes.start();
    }
  });

  it('opens the circuit after repeated failures, fails fast without calling, then probes and recovers', async () => {
    await stack.notes.kill();
    let restarted = false;
    try {
      // Two fetches per request (a query is retried once): two requests open the circuit.
      await postGraphQL(stack.url, `{ notesPing }`);
      await postGraphQL(stack.url, `{ notesPing }`);
      await stack.notes.start();
      restarted = true;
      const before = stack.notes.requests();
      const open = await postGraphQL(stack.url, `{ notesPing }`);
      const requestsWhileOpen = stack.notes.requests() - before;
      expect(open.errors?.[0]).toMatchObject({
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'notes' },
      });
      expect(open.errors?.[0]?.message).toMatch(/circuit breaker is open/);
      expect(requestsWhileOpen).toBe(0);
    } finally {
      if (!restarted) {
        await stack.notes.start();
      }
    }
    await new Promise((r) => setTimeout(r, 2600));
    const probed = await postGraphQL(stack.url, `{ notesPing }`);
    expect(probed).toMatchObject({ status: 200, data: { notesPing: 'pong' } });
    expect(probed.errors).toBeUndefined();
    const metrics = await (await fetch(`${stack.origin}/metrics`)).text();
    expect(metrics).toMatch(/gateway_subgraph_circuit_open\{subgraph="notes"\} 0/);
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_errors_total\{subgraph="notes",reason="network"\} \d+/,
    );
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_errors_total\{subgraph="notes",reason="circuit_open"\} [1-9]\d*/,
    );
  });

  it('times a slow subgraph out after SUBGRAPH_TIMEOUT_MS, without a retry that would double its work', async () => {
    stack.notes.delayMs = 4000;
    const before = stack.notes.requests();
    const started = Date.now();
    try {
      const response = await postGraphQL(stack.url, `{ notesPing country(iso3: "KEN") { iso3 } }`);
      const elapsed = Date.now() - started;
      expect(response.data).toEqual({ notesPing: null, country: { iso3: 'KEN' } });
      expect(response.errors?.[0]).toMatchObject({
        message: 'Subgraph "notes" is unavailable: no answer within 1500 ms.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'notes' },
      });
      // One deadline covers the fetch and its retries: a timed-out query is not sent again.
      expect(stack.notes.requests() - before).toBe(1);
      // The 1.5 s deadline, not the subgraph's 4 s.
      expect(elapsed).toBeLessThan(4000);
    } finally {
      stack.notes.delayMs = 0;
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests while draining, and /ready turns 503', async () => {
    const draining = await startGatewayStack({ RESPONSE_CACHE: 'off' });
    try {
      draining.notes.delayMs = 500;
      const inFlight = postGraphQL(draining.url, `{ notesPing }`);
      await new Promise((r) => setTimeout(r, 100));
      draining.gateway.beginDrain();
      const ready = await fetch(`${draining.origin}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'draining' });
      const closed = draining.listening.close();
      expect(await inFlight).toMatchObject({ status: 200, data: { notesPing: 'pong' } });
      await closed;
      await expect(fetch(`${draining.origin}/health`)).rejects.toThrow();
    } finally {
      draining.notes.delayMs = 0;
      await draining.close();
    }
  });
});
