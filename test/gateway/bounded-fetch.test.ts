import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.js';
import { createGateway } from '../../gateway/index.js';
import { backoffMs } from '../../gateway/subgraph-data-source.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import { buildFederatedSchema, printSubgraphSdl } from '../../schema/build-subgraph-schema.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { listen } from '../../schema/server/listen.js';
import { postGraphQL, silentLogger, startTestSubgraph } from '../support/harness.js';
import { notesSubgraph, slowNoteRuns } from '../support/notes-subgraph.js';
import { databaseUrl } from '../support/services.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// Issue 12, "Bounded resources", at the gateway: a cap on subgraph response bytes, one deadline
// per fetch that aborts it (and the subgraph's SQL with it), retries only with backoff.

describe('the cap on subgraph response bytes', () => {
  let stack: GatewayStack;
  beforeAll(async () => {
    stack = await startGatewayStack({ RESPONSE_CACHE: 'off', SUBGRAPH_MAX_RESPONSE_BYTES: '4000' });
  });
  afterAll(() => stack?.close());

  it('cuts off a response past the cap: SUBGRAPH_UNAVAILABLE naming the subgraph, the rest answered', async () => {
    const response = await postGraphQL(
      stack.url,
      `{ notesBlob(bytes: 100000) country(iso3: "KEN") { name } }`,
    );
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ notesBlob: null, country: { name: 'Kenya' } });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      message:
        'Subgraph "notes" is unavailable: its response is larger than the gateway\'s cap of 4000 bytes.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'notes' },
    });
    // A small answer from the same subgraph passes, and the cap does not open its breaker.
    const small = await postGraphQL(stack.url, `{ notesBlob(bytes: 1000) }`);
    expect(small).toMatchObject({ status: 200, data: { notesBlob: 'x'.repeat(1000) } });
    expect(small.errors).toBeUndefined();
    const metrics = await (await fetch(`${stack.origin}/metrics`)).text();
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_errors_total\{subgraph="notes",reason="too_large"\} 1\b/,
    );
  });
});

describe('retry backoff', () => {
  it('waits a random delay up to base · 2^(attempt−1), at most 1 s', () => {
    expect(backoffMs(1, 50, () => 0.999)).toBe(49);
    expect(backoffMs(3, 50, () => 0.999)).toBe(199);
    expect(backoffMs(10, 50, () => 0.999)).toBe(999);
    expect(backoffMs(2, 50, () => 0)).toBe(0);
  });
});

describe.runIf(databaseUrl)(
  'a gateway timeout cancels the subgraph’s SQL (real PostgreSQL)',
  () => {
    let close: () => Promise<void>;
    let url: string;
    let notes: Awaited<ReturnType<typeof startTestSubgraph>>;

    beforeAll(async () => {
      notes = await startTestSubgraph(notesSubgraph);
      const dir = await mkdtemp(join(tmpdir(), 'crg-cancel-'));
      const supergraphPath = join(dir, 'supergraph.graphql');
      await writeFile(
        supergraphPath,
        composeSupergraph([
          {
            name: 'test-notes',
            url: notes.url,
            sdl: printSubgraphSdl(await buildFederatedSchema(notesSubgraph)),
          },
        ]),
      );
      const gateway = await createGateway({
        config: readGatewayConfig({
          SUPERGRAPH_PATH: supergraphPath,
          SUBGRAPH_TIMEOUT_MS: '800',
          SUBGRAPH_RETRIES: '2',
          RESPONSE_CACHE: 'off',
          LIMIT_BUDGET_PER_MINUTE: '1000000000',
        }),
        runtime: readRuntimeConfig({ LOG_LEVEL: 'silent' }),
        logger: silentLogger,
      });
      const listening = await listen(gateway.listener, { host: '127.0.0.1', port: 0 });
      url = listening.url;
      close = async () => {
        await listening.close();
        await gateway.apollo.stop();
        await notes.close();
        await rm(dir, { recursive: true, force: true });
      };
    });
    afterAll(() => close?.());

    /** Statements of this test still running on the server. */
    async function running(tag: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where state = 'active' and query like ${`%slept_${tag.replace(/-/g, '_')}%`}
        and pid <> pg_backend_pid()`.execute(notes.database.db);
      return rows[0]?.n ?? 0;
    }

    it('aborts the fetch at the deadline, does not retry it, and the subgraph cancels its pg_sleep', async () => {
      const tag = `cancel-${Date.now()}`;
      const before = slowNoteRuns.count;
      const started = performance.now();
      const response = await postGraphQL(url, `{ slowNote(seconds: 20, tag: "${tag}") }`);
      const answeredMs = performance.now() - started;
      expect(response.errors?.[0]).toMatchObject({
        message: 'Subgraph "test-notes" is unavailable: no answer within 800 ms.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'test-notes' },
      });
      // One attempt: a timed-out fetch is not retried (the deadline covers retries too).
      expect(slowNoteRuns.count - before).toBe(1);
      // The statement is cancelled once the gateway closes the connection, long before its 20 s.
      let left = await running(tag);
      for (let i = 0; i < 50 && left > 0; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        left = await running(tag);
      }
      expect(left).toBe(0);
      // A figure for docs/reliability.md, not an assertion.
      console.log(
        `BOUNDED gateway answered after ${Math.round(answeredMs)} ms; the subgraph's pg_sleep(20) was gone ${Math.round(performance.now() - started - answeredMs)} ms later (at most; polled every 100 ms)`,
      );
    });
  },
);
