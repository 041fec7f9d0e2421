import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { sql, type Kysely } from 'kysely';
import type { KeyValueCache } from '../../loaders/cache.js';
import type { LoaderDeps } from '../../loaders/cached-loader.js';
import type { RuntimeConfig } from '../../loaders/config.js';
import type { Database } from '../../loaders/database.js';
import {
  createViewerVerifier,
  IdentityError,
  PUBLIC_VIEWER,
  ReplayCache,
  requestBinding,
  VIEWER_HEADER,
  type Viewer,
  type ViewerVerifier,
} from '../../loaders/identity.js';
import type { Logger } from '../../loaders/logger.js';
import { migrateSchema } from '../../loaders/migrate.js';
import { runInRequestScope } from '../../loaders/request-scope.js';
import { tracedListener } from '../../loaders/tracing.js';
import { buildFederatedSchema } from '../build-subgraph-schema.js';
import type { SubgraphContext } from '../context.js';
import { unauthenticated } from '../errors.js';
import type { AnySubgraph, SeedOptions, SeedReport } from '../subgraph.js';
import { traceResolvers } from '../tracing.js';
import { errorLoggingPlugin, formatError, knownError } from './format-error.js';
import { graphqlHttpListener, sendJson, type Route } from './http.js';
import { namedInputRule, nulVariablesPlugin } from './input-rule.js';
import { listen, type Listening } from './listen.js';
import { createSubgraphMetrics, subgraphMetricsRoute } from './metrics.js';

export interface SubgraphDeps {
  /**
   * The database: the subgraph works in `forSubgraph(dbSchema)`, as its own role with rights on
   * its schema only; the root handle only answers `/ready`.
   */
  readonly database: Pick<Database, 'db' | 'forSubgraph'> & Partial<Pick<Database, 'routing'>>;
  readonly cache: KeyValueCache | undefined;
  readonly config: RuntimeConfig;
  readonly logger: Logger;
  /** Hears each DataLoader batch, for metrics and the benchmark. */
  readonly onBatch?: LoaderDeps['onBatch'];
  /** Process counters for `GET /stats` (when `EXPOSE_STATS=true`): the benchmark reads them. */
  readonly stats?: { sqlStatements: number };
  /**
   * The subgraph is alone in its process (`runSubgraphMain`): `/metrics` adds Node's process
   * metrics and the entity cache's hit counts, which are the process's own.
   */
  readonly ownProcess?: boolean;
}

/**
 * Migrates the subgraph's own Postgres schema and runs its idempotent seed: real data always, the
 * synthetic demo set only when `seed.synthetic` (from `RuntimeConfig.seedSynthetic`).
 */
export async function prepareSubgraphDatabase(
  subgraph: AnySubgraph,
  root: Kysely<unknown>,
  logger: Logger,
  seed: SeedOptions,
): Promise<{ migrated: string[]; seeded: SeedReport }> {
  const migrated = await migrateSchema(root, subgraph.dbSchema, subgraph.migrations);
  const seeded = subgraph.seed ? await subgraph.seed(root.withSchema(subgraph.dbSchema), seed) : {};
  logger.info(
    { subgraph: subgraph.name, migrated, seeded, synthetic: seed.synthetic },
    'database ready',
  );
  return { migrated, seeded };
}

/** Where a subgraph's accepted header ids live in the shared store: under its own prefix. */
function viewerJtiKey(subgraph: string, jti: string): string {
  return `${subgraph}:viewer-jti:${jti}`;
}

/**
 * The subgraph's verifier of the viewer header: its own audience, keys and replay cache; with a
 * shared (Redis) cache, a header accepted by one replica is refused by the others. When Redis
 * fails, or its breaker is open, the per-process cache decides alone, and the failure is logged.
 */
export function viewerVerifierOf(
  name: string,
  config: RuntimeConfig,
  cache?: KeyValueCache,
  logger?: Logger,
): ViewerVerifier {
  const shared = cache?.kind === 'redis' ? cache.setIfAbsent?.bind(cache) : undefined;
  return createViewerVerifier({
    audience: name,
    keys: config.identityPublicKeys,
    ttlSeconds: config.identityHeaderTtlSeconds,
    clockSkewSeconds: config.identityClockSkewSeconds,
    replay: new ReplayCache(config.identityReplayCacheEntries),
    ...(shared
      ? {
          shared: {
            claim: async (jti: string, ttlSeconds: number) => {
              const set = await shared(viewerJtiKey(name, jti), '1', ttlSeconds);
              if (set === undefined) {
                logger?.debug(
                  { subgraph: name },
                  'replay check across replicas unavailable (Redis); this process checked alone',
                );
              }
              return set;
            },
          },
        }
      : {}),
  });
}

/** The query and variables a request carries (POST body, else GET query string). */
function operationOf(request: { readonly body: unknown; readonly search: string }): {
  query: string | undefined;
  variables: unknown;
} {
  if (request.body && typeof request.body === 'object') {
    const { query, variables } = request.body as { query?: unknown; variables?: unknown };
    return { query: typeof query === 'string' ? query : undefined, variables };
  }
  const params = new URLSearchParams(request.search);
  let variables: unknown;
  try {
    variables = JSON.parse(params.get('variables') ?? 'null');
  } catch {
    variables = undefined;
  }
  return { query: params.get('query') ?? undefined, variables };
}

async function viewerFrom(
  req: IncomingMessage,
  request: { readonly body: unknown; readonly search: string },
  verify: ViewerVerifier,
  logger: Logger,
): Promise<Viewer> {
  const header = req.headers[VIEWER_HEADER];
  if (header === undefined) {
    return PUBLIC_VIEWER;
  }
  const { query, variables } = operationOf(request);
  try {
    return await verify(String(header), requestBinding(query, variables));
  } catch (error) {
    if (error instanceof IdentityError) {
      logger.warn({ reason: error.reason }, 'viewer header refused');
      throw unauthenticated(
        `the ${VIEWER_HEADER} header is ${error.reason}; it must come from the gateway, once, for this request.`,
      );
    }
    throw error;
  }
}

/** The loaders' settings, with each DataLoader batch counted in the subgraph's `/metrics`. */
function loadersWithMetrics(name: string, deps: SubgraphDeps) {
  const cache = deps.config.entityCache === 'on' ? deps.cache : undefined;
  const routing = deps.database.routing;
  const metrics = createSubgraphMetrics(name, {
    process: deps.ownProcess ?? false,
    ...(deps.ownProcess && cache ? { cacheStats: () => cache.stats } : {}),
    ...(deps.ownProcess && routing ? { readRouting: () => routing } : {}),
  });
  const loaderDeps: LoaderDeps = {
    cache,
    ttlSeconds: deps.config.entityCacheTtlSeconds,
    batch: deps.config.loaders === 'batched',
    onBatch: (loader, size) => {
      metrics.onBatch(loader, size);
      deps.onBatch?.(loader, size);
    },
  };
  return { loaderDeps, metrics };
}

/** The Apollo Server and HTTP listener of one subgraph, not yet listening. */
async function createSubgraphService(subgraph: AnySubgraph, deps: SubgraphDeps) {
  const schema = traceResolvers(await buildFederatedSchema(subgraph));
  const logger = deps.logger.child({ subgraph: subgraph.name });
  const apollo = new ApolloServer<SubgraphContext<unknown, unknown>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [namedInputRule],
    // Subgraphs are reached through the gateway; their own CSRF check would refuse its POSTs only
    // if they lacked a JSON content type, which the gateway always sends.
    plugins: [
      errorLoggingPlugin(logger),
      nulVariablesPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo's hosted service, which this graph does not use.
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();
  const db = (await deps.database.forSubgraph(subgraph.dbSchema)).withSchema(subgraph.dbSchema);
  const { loaderDeps, metrics } = loadersWithMetrics(subgraph.name, deps);
  const verifyViewer = viewerVerifierOf(subgraph.name, deps.config, deps.cache, logger);
  // Reads may go to replicas that lag: a write's purge runs again after their lag (writes.ts).
  const repurgeAfterMs =
    deps.config.databaseReplicaUrls.length > 0 ? deps.config.databaseReplicaRepurgeMs : undefined;
  const http = graphqlHttpListener({
    apollo,
    maxBodyBytes: deps.config.maxBodyBytes,
    onContextError: (error, requestId) => {
      if (!knownError(error)) {
        logger.error({ requestId, err: error }, 'context creation failed');
      }
    },
    context: async (req, requestId, request) => {
      const { clientRequestId } = request;
      const requestLogger = logger.child({
        requestId,
        ...(clientRequestId ? { clientRequestId } : {}),
      });
      return {
        subgraph: subgraph.name,
        requestId,
        clientRequestId,
        viewer: await viewerFrom(req, request, verifyViewer, requestLogger),
        logger: requestLogger,
        db,
        loaders: subgraph.createLoaders(db, loaderDeps),
        cache: deps.cache,
        repurgeAfterMs,
      };
    },
    routes: {
      ...opsRoutes(subgraph, deps),
      '/metrics': subgraphMetricsRoute(metrics, {
        token: deps.config.metricsToken,
        production: deps.config.nodeEnv === 'production',
      }),
    },
  });
  // A request whose connection closes before its answer is sent (the gateway's deadline passed,
  // the client left) aborts its signal, and the SQL it is running is cancelled (request-scope.ts).
  const listener: typeof http = (req, res) => {
    const closed = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) {
        closed.abort();
      }
    });
    return runInRequestScope(closed.signal, () => http(req, res));
  };
  return { apollo, listener: tracedListener(`subgraph ${subgraph.name}`, listener), schema };
}

/**
 * `/health`, `/ready` (the primary database answers: with read replicas, a subgraph whose
 * primary is gone could still read but not write) and, when exposed, `/stats`; `/metrics` aside.
 */
function opsRoutes(subgraph: AnySubgraph, deps: SubgraphDeps): Record<string, Route> {
  return {
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: subgraph.name }),
    ...(deps.config.exposeStats
      ? {
          '/stats': (_req, res) =>
            sendJson(res, 200, {
              subgraph: subgraph.name,
              sqlStatements: deps.stats?.sqlStatements ?? null,
              entityCache: deps.cache ? { kind: deps.cache.kind, ...deps.cache.stats } : null,
              readRouting: deps.database.routing ?? null,
              memory: process.memoryUsage(),
            }),
        }
      : {}),
    '/ready': async (_req, res) => {
      try {
        await sql`select 1`.execute(deps.database.db);
        sendJson(res, 200, { status: 'ready', subgraph: subgraph.name });
      } catch {
        sendJson(res, 503, {
          status: 'unavailable',
          subgraph: subgraph.name,
          reason: 'database unreachable',
        });
      }
    },
  };
}

export interface RunningSubgraph extends Listening {
  readonly name: string;
}

/** Builds, listens and returns the URL; `close` stops the HTTP server and Apollo Server. */
export async function startSubgraph(
  subgraph: AnySubgraph,
  deps: SubgraphDeps & { host: string; port: number },
): Promise<RunningSubgraph> {
  const { apollo, listener } = await createSubgraphService(subgraph, deps);
  const listening = await listen(listener, { host: deps.host, port: deps.port });
  deps.logger.info({ subgraph: subgraph.name, url: listening.url }, 'subgraph listening');
  return {
    ...listening,
    name: subgraph.name,
    close: async () => {
      await listening.close();
      await apollo.stop();
    },
  };
}
