import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { clientOperations } from '../clients/operations/index.js';
import type { Redis } from 'ioredis';
import { MemoryCache, RedisCache, type KeyValueCache } from '../loaders/cache.js';
import type { RuntimeConfig } from '../loaders/config.js';
import { limitTierOf } from './config.js';
import type { Logger } from '../loaders/logger.js';
import { createRedis, redisBreaker, redisReady } from '../loaders/redis.js';
import { errorLoggingPlugin, formatError, knownError } from '../schema/format-error.js';
import { graphqlHttpListener, sendGraphQLError, sendJson, type Route } from '../schema/http.js';
import { namedInputRule, nulVariablesPlugin } from '../schema/input-rule.js';
import { clientAddressOf, trustedProxies } from './client-address.js';
import { opsAllowed } from './ops-access.js';
import { createBearerVerifier, viewerFromRequest } from './auth.js';
import { createViewerSigner, type ViewerSigner } from '../loaders/identity.js';
import {
  apqStore,
  fieldOwnersOf,
  queryPlanCache,
  documentCache,
  responseCachePlugin,
  type FieldOwners,
} from './caches.js';
import { signingKeyEnvName, withDefaults, type GatewayConfig } from './config.js';
import { corsSummary, withHttpSecurity } from './http-security.js';
import { assetsRoute, explorerPage, withExplorer } from './explorer.js';
import { withExport } from './export.js';
import { COMMISSION_REPORT_PATH, commissionReportRoute } from './report-route.js';
import { HeavyGate } from './heavy-gate.js';
import { httpCachePlugin } from './http-cache.js';
import {
  checkTrustedDocument,
  TrustedDocuments,
  withTrustedDocuments,
} from './trusted-documents.js';
import { checkSource, listSizesOf } from './limits.js';
import { chargeFloor, limitOf, limitsPlugin, type LimitsOptions } from './limits-plugin.js';
import { createMetrics } from './metrics.js';
import { observabilityPlugin } from './observability.js';
import { tracingPlugins } from './tracing.js';
import { UsageRecorder, usagePlugin } from './usage.js';
import { usageRoute } from './usage-route.js';
import { MemoryUsageStore, RedisUsageStore } from '../loaders/usage-store.js';
import { tracedListener } from '../loaders/tracing.js';
import { CostBudget } from './rate-limit.js';
import { SubgraphDataSource, type GatewayContext } from './subgraph-data-source.js';
import {
  coreSubgraphNames,
  keyFieldSetsBySubgraph,
  restrictRepresentations,
  type KeyFieldSets,
} from './partner-representations.js';
import { supergraphFromFile } from './supergraph-source.js';
import { staticPage, WEB_BUILD_DIR } from './static-files.js';

export interface GatewayDeps {
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
  readonly redis?: Redis;
}

async function isReachable(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `ready-${randomUUID()}` },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** The query text of a request before parsing: a POST body's `query`, or a GET's `?query=`. */
function rawQuery(body: unknown, search: string): string | undefined {
  if (body && typeof body === 'object' && 'query' in body) {
    const query = (body as { query: unknown }).query;
    return typeof query === 'string' ? query : undefined;
  }
  return new URLSearchParams(search).get('query') ?? undefined;
}

/**
 * The gateway: @apollo/gateway over the static supergraph file (reloaded on change), inside
 * Apollo Server 5, with limits and budgets, a response cache, persisted queries, a bounded plan
 * cache, resilient subgraph fetches, metrics and request logs; `/health` (alive), `/ready`
 * (supergraph loaded, subgraphs reachable, not draining) and `/metrics` (Prometheus).
 */
export async function createGateway(deps: GatewayDeps) {
  const { runtime, logger } = deps;
  const config = withDefaults(deps.config);
  const metrics = createMetrics();
  let ownRedis: Redis | undefined;
  if (!deps.cache && !deps.redis && runtime.redisUrl) {
    ownRedis = createRedis(runtime.redisUrl, {
      commandTimeoutMs: runtime.redisCommandTimeoutMs,
      breaker: runtime.redisBreaker,
      logger,
    });
    if (!(await redisReady(ownRedis, 2_000))) {
      logger.warn('redis not reachable at start; gateway caches step aside until it is');
    }
  }
  const redis = deps.redis ?? ownRedis;
  if (redis) {
    const breaker = redisBreaker(redis);
    metrics.hooks.redisCircuitState = () => breaker.state;
  }
  const sharedCache: KeyValueCache | undefined =
    deps.cache ??
    (redis
      ? new RedisCache(redis, (error) =>
          logger.debug({ err: String(error) }, 'gateway cache stepped aside'),
        )
      : undefined);
  const apqCache = sharedCache ?? new MemoryCache({ maxEntries: 10_000 });
  const responseCacheOn = config.responseCache.enabled && sharedCache !== undefined;
  const usage = new UsageRecorder(
    redis ? new RedisUsageStore(redis) : new MemoryUsageStore(),
    logger,
  );
  // The graph's own clients' operations, registered as persisted queries before the first request.
  const trusted = new TrustedDocuments(clientOperations());
  logger.info(
    {
      responseCache: responseCacheOn ? sharedCache?.kind : 'off',
      apq: apqCache.kind,
      budgets: redis ? 'redis' : 'memory',
      trustedDocuments: {
        mode: config.trustedDocuments.mode,
        hashes: trusted.size,
        roles: config.trustedDocuments.roles,
        origins: config.trustedDocuments.origins,
      },
    },
    'gateway caches',
  );

  const verifyBearer = createBearerVerifier({
    secret: config.jwtSecret,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    jwks: config.jwks,
    clockSkewSeconds: config.jwtClockSkewSeconds,
  });
  const ttl = runtime.identityHeaderTtlSeconds;
  const coreSigner = createViewerSigner(config.identitySigningKey, ttl);
  const ownSigners = new Map(
    Object.entries(config.identitySigningKeys).map(([name, key]) => [
      name,
      createViewerSigner(key, ttl),
    ]),
  );
  /**
   * Who signs toward `name`: its own key; else the core key for a CORE subgraph. A PARTNER (or a
   * subgraph the registry does not list) without its own key gets no viewer in production, and
   * the core key with a warning in development.
   */
  const signerFor = (name: string): ViewerSigner | undefined => {
    const own = ownSigners.get(name);
    if (own) {
      return own;
    }
    const tier = config.subgraphTiers[name];
    if (tier === 'CORE' || (tier === undefined && !config.production)) {
      return coreSigner;
    }
    if (config.production) {
      logger.error(
        { subgraph: name, variable: signingKeyEnvName(name) },
        'subgraph has no signing key of its own; it receives no viewer (public only)',
      );
      return undefined;
    }
    logger.warn(
      { subgraph: name, variable: signingKeyEnvName(name) },
      'PARTNER subgraph has no signing key of its own; signing with the core key (refused in production)',
    );
    return coreSigner;
  };
  const source = supergraphFromFile(config.supergraphPath, logger);
  const urlOf = (name: string, url: string) => config.subgraphUrls[name] ?? url;
  const dataSources = new Map<string, SubgraphDataSource>();
  // Trust tiers come from the registry at start. A subgraph that is not CORE there (a partner,
  // or one added later by hot reload) is treated as PARTNER: fail closed.
  const coreSubgraphs = await coreSubgraphNames(config.supergraphPath);
  let partnerKeys = new Map<string, KeyFieldSets>();
  const gateway = new ApolloGateway({
    supergraphSdl: source.hook,
    buildService: ({ name, url }) => {
      const dataSource = new SubgraphDataSource(
        { url: urlOf(name, url ?? '') },
        { audience: name, signer: signerFor(name) },
        {
          name,
          timeoutMs: config.subgraphTimeoutMs,
          retries: config.subgraphRetries,
          retryBaseMs: config.subgraphRetryBaseMs,
          maxResponseBytes: config.subgraphMaxResponseBytes,
          breaker: config.breaker,
          deduplicate: config.subgraphDedup,
          metrics,
        },
      );
      if (!coreSubgraphs.has(name)) {
        dataSource.restrictRequest = (request) =>
          restrictRepresentations(request, partnerKeys.get(name) ?? new Map());
      }
      dataSources.set(name, dataSource);
      return dataSource;
    },
    queryPlannerConfig: {
      cache: queryPlanCache(
        {
          maxBytes: config.queryPlanCacheMiB * 1024 * 1024,
          maxEntries: config.queryPlanCacheEntries,
        },
        metrics,
      ) as never,
    },
    logger,
  });
  // Who resolves each field, for the response cache's per-subgraph tags; follows hot reloads.
  let fieldOwners: FieldOwners | undefined;
  // The cost model's list sizes, as the subgraphs declare them with @listSize.
  let listSizes: ReadonlyMap<string, number> | undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    fieldOwners = fieldOwnersOf(coreSupergraphSdl);
    partnerKeys = keyFieldSetsBySubgraph(coreSupergraphSdl);
    listSizes = listSizesOf(coreSupergraphSdl);
  });
  const tiers = config.limits.tiers;
  const documents = documentCache(
    {
      maxEntries: config.documentCacheEntries,
      maxBytes: config.documentCacheMiB * 1024 * 1024,
    },
    metrics,
  );
  const limits: LimitsOptions = {
    tiers,
    defaultListSize: config.limits.defaultListSize,
    floorCost: config.limits.floorCost ?? 10,
    listSizes: () => listSizes,
    ...(config.limits.heavy
      ? {
          heavy: {
            cost: config.limits.heavy.cost,
            gate: new HeavyGate(config.limits.heavy.atOnce, config.limits.heavy.waitMs),
          },
        }
      : {}),
    budget: new CostBudget(redis),
    metrics,
    documents,
  };
  metrics.hooks.heavyGate = limits.heavy?.gate;
  const hardMaxTokens = Math.max(tiers.public.maxTokens, tiers.analyst.maxTokens);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [namedInputRule],
    introspection: true,
    // The parser itself stops past the highest tier's limit; tiers are checked before parsing.
    parseOptions: { maxTokens: hardMaxTokens },
    documentStore: documents,
    persistedQueries: {
      cache: withTrustedDocuments(trusted, apqStore(apqCache, config.apqTtlSeconds, metrics)),
      ttl: null,
    },
    plugins: [
      // Browsers get the bundled explorer (gateway/explorer.ts), never Apollo's CDN-hosted Sandbox.
      ApolloServerPluginLandingPageDisabled(),
      // The gateway sets Cache-Control itself (httpCachePlugin) from the policy Apollo gathers.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      httpCachePlugin({
        varyOrigin:
          (config.corsOrigins.length > 0 && !config.corsOrigins.includes('*')) ||
          (config.trustedDocuments.mode !== 'off' && config.trustedDocuments.origins.length > 0),
      }),
      errorLoggingPlugin(logger),
      nulVariablesPlugin(),
      observabilityPlugin(logger, metrics),
      ...tracingPlugins(),
      usagePlugin(usage),
      limitsPlugin(limits),
      ...(responseCacheOn && sharedCache
        ? [
            responseCachePlugin({
              cache: sharedCache,
              fieldOwners: () => fieldOwners,
              maxAgeSeconds: config.responseCache.maxAgeSeconds,
              typeMaxAge: config.responseCache.typeMaxAge,
              metrics,
            }),
          ]
        : []),
      {
        async serverWillStart() {
          return {
            async serverWillStop() {
              ownRedis?.disconnect();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  let draining = false;
  const proxies = trustedProxies(config.trustedProxies);
  const opsToken = config.metrics.token;
  const opsOnMainPort = config.metrics.onMainPort;
  const metricsRoute: Route = async (req, res) => {
    if (!opsAllowed(req, opsToken)) {
      res.setHeader('www-authenticate', 'Bearer');
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'The metrics token is missing or wrong.');
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(body);
  };
  /**
   * Readiness for load balancers: the status code and `status` for anyone (they need no more);
   * which subgraphs are unreachable and which circuits are open map the internal topology, so
   * that detail is shown only where `/metrics` would be (its port, its token).
   */
  const ready = async (req: IncomingMessage, res: ServerResponse, opsHere: boolean) => {
    const services = source.services();
    const checks = await Promise.all(
      services.map(async (s) => ({
        name: s.name,
        reachable: await isReachable(urlOf(s.name, s.url), 2000),
        circuit: dataSources.get(s.name)?.breaker.state ?? 'closed',
      })),
    );
    const unhealthy = checks.filter((c) => !c.reachable).map((c) => c.name);
    const ok = !draining && unhealthy.length === 0 && services.length > 0;
    const status = draining ? 'draining' : unhealthy.length === 0 ? 'ready' : 'degraded';
    const detail = opsHere && opsAllowed(req, opsToken);
    sendJson(
      res,
      ok ? 200 : 503,
      detail
        ? { status, supergraphLoaded: services.length > 0, subgraphs: checks, unhealthy }
        : { status },
    );
  };
  logger.info({ corsOrigins: config.corsOrigins }, corsSummary(config.corsOrigins));
  const explorer = explorerPage();
  const listener = graphqlHttpListener<GatewayContext>({
    apollo,
    maxBodyBytes: runtime.maxBodyBytes,
    safePersistedGets: true,
    onContextError: (error, requestId) => {
      if (!knownError(error)) {
        logger.error({ requestId, err: error }, 'context creation failed');
      }
    },
    context: async (req: IncomingMessage, requestId, request) => {
      const clientAddress = clientAddressOf(req, proxies);
      const viewer = await viewerFromRequest(req, verifyBearer);
      const ctx: GatewayContext = {
        requestId,
        ...(request.clientRequestId ? { clientRequestId: request.clientRequestId } : {}),
        viewer,
        ...(clientAddress ? { clientAddress } : {}),
      };
      // Every request pays the floor before anything is parsed, refused ones included.
      await chargeFloor(limits, ctx);
      checkTrustedDocument(
        config.trustedDocuments,
        trusted,
        { req, role: viewer.role, body: request.body, search: request.search, requestId },
        logger,
      );
      // Size and tokens before Apollo parses: a hostile document costs only a lexer pass.
      const query = rawQuery(request.body, request.search);
      if (query !== undefined) {
        try {
          checkSource(query, tiers[limitTierOf(viewer.role)]);
        } catch (error) {
          metrics.limitRejections.inc({ limit: limitOf(error) });
          throw error;
        }
      }
      return ctx;
    },
    prefixRoutes: {
      '/dashboard': staticPage({
        root: join(WEB_BUILD_DIR, 'dashboard'),
        mount: '/dashboard',
        fallbackToIndex: true,
      }),
      '/assets': assetsRoute(),
    },
    routes: {
      '/': explorer,
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      // The report to the Commission, asked of this gateway's own /graphql with the viewer's rights.
      [COMMISSION_REPORT_PATH]: commissionReportRoute({ graphqlPath: '/graphql', logger }),
      '/ready': (req, res) => ready(req, res, opsOnMainPort),
      '/usage': usageRoute(usage.store, opsToken, opsOnMainPort),
      '/metrics': (req, res) => {
        if (!opsOnMainPort) {
          sendGraphQLError(
            res,
            404,
            'NOT_FOUND',
            'No route /metrics; GraphQL is served at /graphql.',
          );
          return;
        }
        return metricsRoute(req, res);
      },
    },
  });
  // The operational endpoints on their own port (METRICS_PORT), for a network the public never
  // reaches; the token, when set, is required there too.
  const opsListener = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/metrics') {
        await metricsRoute(req, res);
      } else if (path === '/ready') {
        await ready(req, res, true);
      } else if (path === '/usage') {
        await usageRoute(usage.store, opsToken, true)(req, res);
      } else {
        sendGraphQLError(res, 404, 'NOT_FOUND', `No route ${path}; this port serves /metrics.`);
      }
    } catch (error) {
      logger.error({ err: error }, 'metrics endpoint failed');
      if (!res.headersSent) {
        sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
    }
  };
  return {
    apollo,
    listener: withHttpSecurity(
      withExplorer(
        withExport(tracedListener('gateway', listener), {
          onError: (error) => logger.error({ err: error }, 'export stream failed'),
        }),
        explorer,
      ),
      {
        corsOrigins: config.corsOrigins,
        securityHeaders: config.securityHeaders,
      },
    ),
    /** Serves `/metrics` and `/ready` alone; listen on `metricsPort` when it is set. */
    opsListener,
    metricsPort: config.metrics.port,
    reloadSupergraph: source.reload,
    /** Field usage: `usage.flush()` writes the counts now; `usage.store` answers `/usage`. */
    usage,
    metrics,
    /** `/ready` answers 503 from now on, so load balancers stop sending new requests. */
    beginDrain: () => {
      draining = true;
    },
    shutdownGraceMs: config.shutdownGraceMs,
  };
}
