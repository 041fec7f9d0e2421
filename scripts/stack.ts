import { listen, type Listening } from '../schema/http.js';
import {
  prepareSubgraphDatabase,
  startSubgraph,
  type RunningSubgraph,
} from '../schema/serve-subgraph.js';
import type { AnySubgraph } from '../schema/subgraph.js';
import { readRegistry } from '../schema/registry.js';
import { createGateway } from '../gateway/index.js';
import type { GatewayConfig } from '../gateway/config.js';
import type { RuntimeConfig } from '../loaders/config.js';
import type { Logger } from '../loaders/logger.js';
import { openRuntime, type Runtime } from '../loaders/runtime.js';
import { cacheForTier } from '../loaders/cache-scope.js';
import type { DatabaseOptions } from '../loaders/database.js';
import { projectPath } from '../loaders/seed-files.js';

export interface StackOptions {
  readonly runtimeConfig: RuntimeConfig;
  readonly gatewayConfig: GatewayConfig;
  readonly logger: Logger;
  readonly subgraphs: readonly AnySubgraph[];
  /** Throwaway embedded database. */
  readonly memory?: boolean;
  /** `registry`: the ports of schema/subgraphs.json; `ephemeral`: free ports (tests). */
  readonly ports: 'registry' | 'ephemeral';
  readonly onQuery?: DatabaseOptions['onQuery'];
}

export interface Stack {
  readonly gatewayUrl: string;
  readonly subgraphs: readonly RunningSubgraph[];
  readonly runtime: Runtime;
  readonly gateway: Listening;
  reloadSupergraph(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Every subgraph and the gateway in one process, each on its own port with real HTTP between
 * them: the zero-setup `npm start`, the end-to-end tests and the benchmark.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { runtimeConfig, gatewayConfig, logger } = options;
  const runtime = await openRuntime(runtimeConfig, logger, {
    memory: options.memory ?? false,
    pgliteDir: `${runtimeConfig.pgliteDir}/stack`,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  const started: RunningSubgraph[] = [];
  try {
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    for (const subgraph of options.subgraphs) {
      await prepareSubgraphDatabase(subgraph, runtime.database.db, logger);
    }
    for (const subgraph of options.subgraphs) {
      const entry = registry.find((r) => r.name === subgraph.name);
      const port = options.ports === 'registry' && entry ? Number(new URL(entry.url).port) : 0;
      started.push(
        await startSubgraph(subgraph, {
          database: runtime.database,
          // A PARTNER-tier subgraph (any that is not CORE in the registry) sees only its own
          // keys of the shared cache, as its Redis ACL user would in a deployment.
          cache: cacheForTier(runtime.cache, subgraph.name, entry?.tier, (error) =>
            logger.warn({ subgraph: subgraph.name, err: error.message }, 'cache key refused'),
          ),
          stats: runtime.stats,
          config: runtimeConfig,
          logger,
          host: runtimeConfig.host,
          port,
        }),
      );
    }
    const gateway = await createGateway({
      config: {
        ...gatewayConfig,
        subgraphUrls: {
          ...Object.fromEntries(started.map((s) => [s.name, s.url])),
          ...gatewayConfig.subgraphUrls,
        },
      },
      runtime: runtimeConfig,
      logger,
      // One process: the gateway shares the subgraphs' cache, so their writes bump the tags its
      // response cache checks, with or without Redis.
      cache: runtime.cache,
      ...(runtime.redis ? { redis: runtime.redis } : {}),
    });
    const listening = await listen(gateway.listener, {
      host: runtimeConfig.host,
      port: options.ports === 'registry' ? gatewayConfig.port : 0,
    });
    return {
      gatewayUrl: listening.url,
      subgraphs: started,
      runtime,
      gateway: listening,
      reloadSupergraph: gateway.reloadSupergraph,
      close: async () => {
        await listening.close();
        await gateway.apollo.stop();
        await Promise.all(started.map((s) => s.close()));
        await runtime.close();
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    await runtime.close();
    throw error;
  }
}
