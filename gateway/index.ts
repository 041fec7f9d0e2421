import { ApolloServer } from '@apollo/server';
import { clientOperations } from '../clients/operations/index.js';
import type { KeyValueCache } from '../loaders/cache.js';
import type { RuntimeConfig } from '../loaders/config.js';
import type { Logger } from '../loaders/logger.js';
import type { RedisClient } from '../loaders/redis.js';
import { tracedListener } from '../loaders/tracing.js';
import { MemoryUsageStore, RedisUsageStore } from '../loaders/usage-store.js';
import { formatError, knownError } from '../schema/server/format-error.js';
import { graphqlHttpListener } from '../schema/server/http.js';
import { namedInputRule } from '../schema/server/input-rule.js';
import { HitIndex, cacheHitShortcut } from './cache-hits.js';
import { withDefaults, type GatewayConfig } from './config.js';
import { requestContext, viewerContext, type GatewayContext } from './context.js';
import { createSubgraphGateway, type SubgraphGateway } from './data-sources.js';
import { explorerPage, withExplorer } from './explorer.js';
import { withExport } from './export.js';
import { corsSummary, withHttpSecurity } from './http-security.js';
import { limitsOptions, type LimitsOptions } from './limits-plugin.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { requestRecorder, type RequestRecorder } from './observability.js';
import { gatewayPlugins, variesByOrigin } from './plugins.js';
import { gatewayRoutes } from './routes.js';
import { apqStore, documentCache, type GatewayStores, openStores } from './stores.js';
import { supergraphFromFile } from './supergraph-source.js';
import { TrustedDocuments, withTrustedDocuments } from './trusted-documents.js';
import { UsageRecorder } from './usage.js';
import { viewerSigners } from './viewer-signers.js';

interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly runtime: RuntimeConfig;
  readonly logger: Logger;
  /**
   * The store shared with the subgraphs (response cache, tag versions, APQ). Default: Redis when
   * REDIS_URL is set; else an in-process LRU, and then no response cache, because the subgraphs'
   * writes could not bump its tags.
   */
  readonly cache?: KeyValueCache;
  /** For the shared per-minute budgets; default: Redis when REDIS_URL is set. */
  readonly redis?: RedisClient;
}

interface ApolloParts {
  readonly config: Required<GatewayConfig>;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly stores: GatewayStores;
  readonly responseCacheOn: boolean;
  readonly trusted: TrustedDocuments;
  readonly subgraphs: SubgraphGateway;
  readonly limits: LimitsOptions;
  readonly documents: ReturnType<typeof documentCache>;
  /** Field usage, counted per operation and flushed in batches (gateway/usage.ts). */
  readonly usage: UsageRecorder;
  /** The request log and duration histogram (gateway/observability.ts). */
  readonly requests: RequestRecorder;
  /** Requests the response cache may answer before Apollo (gateway/cache-hits.ts). */
  readonly hits: HitIndex;
}

/** Apollo Server over the gateway, with its limits, stores and plugins; started. */
async function startApollo(parts: ApolloParts): Promise<ApolloServer<GatewayContext>> {
  const { config, metrics, limits } = parts;
  const apollo = new ApolloServer<GatewayContext>({
    gateway: parts.subgraphs.gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [namedInputRule],
    introspection: true,
    // The parser itself stops past the highest tier's limit; tiers are checked before parsing.
    parseOptions: {
      maxTokens: Math.max(limits.tiers.public.maxTokens, limits.tiers.analyst.maxTokens),
    },
    documentStore: parts.documents,
    persistedQueries: {
      cache: withTrustedDocuments(
        parts.trusted,
        apqStore(parts.stores.apq, config.apqTtlSeconds, metrics),
      ),
      ttl: null,
    },
    plugins: gatewayPlugins({ ...parts, facts: parts.subgraphs.facts }),
  });
  await apollo.start();
  await parts.subgraphs.plansWarmed();
  return apollo;
}

/** The startup line `gateway caches`: where each store lives, and the trusted documents. */
function logStores(parts: ApolloParts): void {
  const { config, stores } = parts;
  parts.logger.info(
    {
      responseCache: parts.responseCacheOn ? stores.shared?.kind : 'off',
      apq: stores.apq.kind,
      budgets: stores.redis ? 'redis' : 'memory',
      trustedDocuments: {
        mode: config.trustedDocuments.mode,
        hashes: parts.trusted.size,
        roles: config.trustedDocuments.roles,
        origins: config.trustedDocuments.origins,
      },
    },
    'gateway caches',
  );
}

/** The gateway's parts before Apollo starts: stores, trusted documents, subgraphs, limits. */
async function assemble(deps: GatewayDeps, config: Required<GatewayConfig>) {
  const { runtime, logger } = deps;
  const metrics = createMetrics();
  const stores = await openStores(deps, runtime, logger, metrics);
  const source = supergraphFromFile(config.supergraphPath, logger);
  const subgraphs = await createSubgraphGateway({
    config,
    source,
    signerFor: viewerSigners(config, runtime.identityHeaderTtlSeconds, logger),
    metrics,
    logger,
    warmOperations: clientOperations(),
  });
  const documents = documentCache(
    { maxEntries: config.documentCacheEntries, maxBytes: config.documentCacheMiB * 1024 * 1024 },
    metrics,
  );
  const parts: ApolloParts = {
    config,
    logger,
    metrics,
    stores,
    responseCacheOn: config.responseCache.enabled && stores.shared !== undefined,
    // The graph's own clients' operations, registered as persisted queries before the first request.
    trusted: new TrustedDocuments(clientOperations()),
    subgraphs,
    documents,
    limits: limitsOptions(config, {
      redis: stores.redis,
      metrics,
      documents,
      listSizes: subgraphs.facts.listSizes,
    }),
    usage: new UsageRecorder(
      stores.redis ? new RedisUsageStore(stores.redis) : new MemoryUsageStore(),
      logger,
    ),
    requests: requestRecorder(logger, metrics),
    hits: new HitIndex(10_000, config.responseCacheHotMiB * 1024 * 1024),
  };
  metrics.hooks.heavyGate = parts.limits.heavy?.gate;
  return { parts, source };
}

/**
 * The gateway: @apollo/gateway over the static supergraph file (reloaded on change), inside
 * Apollo Server 5, with limits and budgets, a response cache, persisted queries, a bounded plan
 * cache, resilient subgraph fetches, metrics and request logs; `/health` (alive), `/ready`
 * (supergraph loaded, subgraphs reachable, not draining) and `/metrics` (Prometheus).
 */
export async function createGateway(deps: GatewayDeps) {
  const config = withDefaults(deps.config);
  const { logger, runtime } = deps;
  const { parts, source } = await assemble(deps, config);
  logStores(parts);
  const apollo = await startApollo(parts);
  let draining = false;
  logger.info({ corsOrigins: config.corsOrigins }, corsSummary(config.corsOrigins));
  const explorer = explorerPage();
  const { routes, prefixRoutes, opsListener } = gatewayRoutes({
    ...parts,
    source,
    explorer,
    draining: () => draining,
  });
  const who = viewerContext(config);
  const listener = graphqlHttpListener<GatewayContext>({
    apollo,
    ...(parts.responseCacheOn && parts.stores.shared
      ? {
          shortcut: cacheHitShortcut({
            ...parts,
            cache: parts.stores.shared,
            fieldOwners: parts.subgraphs.facts.fieldOwners,
            varyOrigin: variesByOrigin(config),
            who,
          }),
        }
      : {}),
    maxBodyBytes: runtime.maxBodyBytes,
    safePersistedGets: true,
    onContextError: (error, requestId) => {
      if (!knownError(error)) {
        logger.error({ requestId, err: error }, 'context creation failed');
      }
    },
    context: requestContext(parts, who),
    prefixRoutes,
    routes,
  });
  const exporting = withExport(tracedListener('gateway', listener), {
    onError: (error) => logger.error({ err: error }, 'export stream failed'),
  });
  return {
    apollo,
    listener: withHttpSecurity(withExplorer(exporting, explorer), {
      corsOrigins: config.corsOrigins,
      securityHeaders: config.securityHeaders,
    }),
    /** Serves `/metrics` and `/ready` alone; listen on `metricsPort` when it is set. */
    opsListener,
    metricsPort: config.metrics.port,
    reloadSupergraph: source.reload,
    metrics: parts.metrics,
    /** Field usage: `usage.flush()` writes the counts now; `usage.store` answers `/usage`. */
    usage: parts.usage,
    /** `/ready` answers 503 from now on, so load balancers stop sending new requests. */
    beginDrain: () => {
      draining = true;
    },
    shutdownGraceMs: config.shutdownGraceMs,
  };
}
