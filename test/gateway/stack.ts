import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGatewayConfig } from '../../gateway/config.js';
import { createGateway } from '../../gateway/index.js';
import { MemoryCache, RedisCache, type KeyValueCache } from '../../loaders/cache.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import type { Logger } from '../../loaders/logger.js';
import { projectPath } from '../../loaders/project-path.js';
import { createRedis, redisReady, type RedisClient } from '../../loaders/redis.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { listen, type Listening } from '../../schema/server/listen.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { silentLogger, startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { redisUrl } from '../support/services.js';
import { NOTES_SDL, startNotesSubgraph, type TinySubgraph } from '../support/tiny-subgraph.js';

export interface GatewayStack {
  readonly url: string;
  readonly origin: string;
  readonly memberStates: TestSubgraph;
  readonly notes: TinySubgraph;
  /** The store shared by the gateway and member-states: Redis when REDIS_URL is set. */
  readonly cache: KeyValueCache;
  readonly gateway: Awaited<ReturnType<typeof createGateway>>;
  readonly listening: Listening;
  close(): Promise<void>;
}

/**
 * member-states (real database, SQL recorded) and the tiny `notes` subgraph behind a gateway on
 * a supergraph composed for the test, all on free ports. `env` sets gateway variables.
 */
export async function startGatewayStack(
  env: Record<string, string> = {},
  logger: Logger = silentLogger,
  /**
   * The notes subgraph's name in the supergraph: its response-cache tag is `subgraph:<name>`. A
   * test that bumps it gives a name of its own, as test files share Redis and a bump of a shared
   * tag would make another file's cached answers stale while it expects a hit.
   */
  notesGraph = 'notes',
): Promise<GatewayStack> {
  let redis: RedisClient | undefined;
  let cache: KeyValueCache;
  if (redisUrl) {
    redis = createRedis(redisUrl, { commandTimeoutMs: 1000, logger: silentLogger });
    await redisReady(redis, 2000);
    cache = new RedisCache(redis);
  } else {
    cache = new MemoryCache({ maxEntries: 10_000 });
  }
  const memberStates = await startTestSubgraph(memberStatesSubgraph, { cache });
  const notes = await startNotesSubgraph();
  const dir = await mkdtemp(join(tmpdir(), 'crg-gateway-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph([
      {
        name: 'member-states',
        url: memberStates.url,
        sdl: await readFile(projectPath('subgraphs', 'member-states', 'schema.graphql'), 'utf8'),
      },
      { name: notesGraph, url: notes.url, sdl: NOTES_SDL },
    ]),
  );
  const runtime = readRuntimeConfig({ LOG_LEVEL: 'silent' });
  const config = readGatewayConfig({
    SUPERGRAPH_PATH: supergraphPath,
    // Every anonymous request of every test shares one budget key (127.0.0.1) in Redis; the
    // budget test uses its own viewers.
    LIMIT_BUDGET_PER_MINUTE: '1000000000',
    ...env,
  });
  const gateway = await createGateway({
    config,
    runtime,
    logger,
    cache,
    ...(redis ? { redis } : {}),
  });
  const listening = await listen(gateway.listener, { host: '127.0.0.1', port: 0 });
  return {
    url: listening.url,
    origin: new URL(listening.url).origin,
    memberStates,
    notes,
    cache,
    gateway,
    listening,
    close: async () => {
      await listening.close();
      await gateway.apollo.stop();
      await notes.kill();
      await memberStates.close();
      redis?.disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
