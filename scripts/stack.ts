import type { GatewayConfig, SubgraphTier } from '../gateway/config.js';
import { createGateway } from '../gateway/index.js';
import { cacheForTier } from '../loaders/cache-scope.js';
import { DEV_IDENTITY_SIGNING_KEY, type RuntimeConfig } from '../loaders/config.js';
import type { DatabaseOptions } from '../loaders/database.js';
import { generateIdentityKey, publicJwk, type IdentityJwk } from '../loaders/identity.js';
import type { Logger } from '../loaders/logger.js';
import { projectPath } from '../loaders/project-path.js';
import { openRuntime, type Runtime } from '../loaders/runtime.js';
import { readRegistry } from '../schema/composition/registry.js';
import { listen, type Listening } from '../schema/server/listen.js';
import {
  prepareSubgraphDatabase,
  startSubgraph,
  type RunningSubgraph,
} from '../schema/server/serve-subgraph.js';
import type { AnySubgraph } from '../schema/subgraph.js';

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
  /** `/metrics` and `/ready` on their own port, when METRICS_PORT is set. */
  readonly metrics: Listening | undefined;
  reloadSupergraph(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The viewer-header keys of a one-process stack. A configured key is kept; otherwise keys are
 * generated in process: one for the core subgraphs and one for each PARTNER-tier subgraph, so
 * in `npm start` too a partner holds only the public half of a key of its own. Returns the
 * gateway's settings and each subgraph's runtime settings (its accepted public key).
 */
export function stackIdentity(
  subgraphs: readonly string[],
  tiers: Readonly<Record<string, SubgraphTier>>,
  gatewayConfig: GatewayConfig,
  runtimeConfig: RuntimeConfig,
): {
  gateway: Pick<GatewayConfig, 'identitySigningKey' | 'identitySigningKeys' | 'subgraphTiers'>;
  subgraphs: Readonly<Record<string, RuntimeConfig>>;
} {
  const configured = gatewayConfig.identitySigningKey;
  const stamp = new Date().toISOString().slice(0, 10);
  const core =
    configured && configured.x !== DEV_IDENTITY_SIGNING_KEY.x
      ? configured
      : generateIdentityKey(`stack-core-${stamp}`);
  const own: Record<string, IdentityJwk> = { ...gatewayConfig.identitySigningKeys };
  for (const name of subgraphs) {
    if (tiers[name] === 'PARTNER' && !own[name]) {
      own[name] = generateIdentityKey(`stack-${name}-${stamp}`);
    }
  }
  return {
    gateway: {
      identitySigningKey: core,
      identitySigningKeys: Object.freeze(own),
      subgraphTiers: Object.freeze({ ...gatewayConfig.subgraphTiers, ...tiers }),
    },
    subgraphs: Object.fromEntries(
      subgraphs.map((name) => [
        name,
        Object.freeze({
          ...runtimeConfig,
          identityPublicKeys: Object.freeze([publicJwk(own[name] ?? core)]),
        }),
      ]),
    ),
  };
}

/**
 * Every subgraph and the gateway in one process, each on its own port with real HTTP between
 * them: the zero-setup `npm start`, the end-to-end tests and the benchmark.
 */
/** Starts each subgraph on the shared runtime (a partner subgraph sees only its own cache keys). */
async function startEachSubgraph(
  options: StackOptions,
  runtime: Awaited<ReturnType<typeof openRuntime>>,
  registry: Awaited<ReturnType<typeof readRegistry>>,
  identity: ReturnType<typeof stackIdentity>,
  started: RunningSubgraph[],
): Promise<void> {
  const { runtimeConfig, logger } = options;
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
        config: identity.subgraphs[subgraph.name] ?? runtimeConfig,
        logger,
        host: runtimeConfig.host,
        port,
      }),
    );
  }
}

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
    const identity = stackIdentity(
      options.subgraphs.map((s) => s.name),
      Object.fromEntries(registry.map((r) => [r.name, r.tier])),
      gatewayConfig,
      runtimeConfig,
    );
    for (const subgraph of options.subgraphs) {
      await prepareSubgraphDatabase(subgraph, runtime.database.db, logger, {
        synthetic: runtimeConfig.seedSynthetic,
      });
    }
    await startEachSubgraph(options, runtime, registry, identity, started);
    const gateway = await createGateway({
      config: {
        ...gatewayConfig,
        ...identity.gateway,
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
    const metricsListening =
      gateway.metricsPort === undefined
        ? undefined
        : await listen(gateway.opsListener, {
            host: runtimeConfig.host,
            port: options.ports === 'registry' ? gateway.metricsPort : 0,
            path: '/metrics',
          });
    return {
      gatewayUrl: listening.url,
      subgraphs: started,
      runtime,
      gateway: listening,
      metrics: metricsListening,
      reloadSupergraph: gateway.reloadSupergraph,
      close: async () => {
        await metricsListening?.close();
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
