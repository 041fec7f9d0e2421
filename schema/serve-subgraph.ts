import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { sql, type Kysely } from 'kysely';
import type { KeyValueCache } from '../loaders/cache.js';
import type { LoaderDeps } from '../loaders/cached-loader.js';
import type { RuntimeConfig } from '../loaders/config.js';
import {
  IdentityError,
  PUBLIC_VIEWER,
  VIEWER_HEADER,
  verifyViewer,
  type Viewer,
} from '../loaders/identity.js';
import type { Database } from '../loaders/database.js';
import type { Logger } from '../loaders/logger.js';
import { migrateSchema } from '../loaders/migrate.js';
import { buildFederatedSchema } from './build-subgraph-schema.js';
import type { SubgraphContext } from './context.js';
import { unauthenticated } from './errors.js';
import { errorLoggingPlugin, formatError, knownError } from './format-error.js';
import { graphqlHttpListener, listen, sendJson, type Listening } from './http.js';
import type { AnySubgraph, SeedReport } from './subgraph.js';

export interface SubgraphDeps {
  /**
   * The database: the subgraph works in `forSubgraph(dbSchema)`, as its own role with rights on
   * its schema only; the root handle only answers `/ready`.
   */
  readonly database: Pick<Database, 'db' | 'forSubgraph'>;
  readonly cache: KeyValueCache | undefined;
  readonly config: RuntimeConfig;
  readonly logger: Logger;
  /** Hears each DataLoader batch, for metrics and the benchmark. */
  readonly onBatch?: LoaderDeps['onBatch'];
  /** Process counters for `GET /stats` (when `EXPOSE_STATS=true`): the benchmark reads them. */
  readonly stats?: { sqlStatements: number };
}

/** Migrates the subgraph's own Postgres schema and runs its idempotent seed. */
export async function prepareSubgraphDatabase(
  subgraph: AnySubgraph,
  root: Kysely<unknown>,
  logger: Logger,
): Promise<{ migrated: string[]; seeded: SeedReport }> {
  const migrated = await migrateSchema(root, subgraph.dbSchema, subgraph.migrations);
  const seeded = subgraph.seed ? await subgraph.seed(root.withSchema(subgraph.dbSchema)) : {};
  logger.info({ subgraph: subgraph.name, migrated, seeded }, 'database ready');
  return { migrated, seeded };
}

function viewerFrom(req: IncomingMessage, config: RuntimeConfig): Viewer {
  const header = req.headers[VIEWER_HEADER];
  if (header === undefined) {
    return PUBLIC_VIEWER;
  }
  try {
    return verifyViewer(String(header), config.identitySecret, config.identityMaxAgeSeconds);
  } catch (error) {
    if (error instanceof IdentityError) {
      throw unauthenticated(
        `the ${VIEWER_HEADER} header is ${error.reason}; it must come from the gateway.`,
      );
    }
    throw error;
  }
}

/** The Apollo Server and HTTP listener of one subgraph, not yet listening. */
export async function createSubgraphService(subgraph: AnySubgraph, deps: SubgraphDeps) {
  const schema = await buildFederatedSchema(subgraph);
  const logger = deps.logger.child({ subgraph: subgraph.name });
  const apollo = new ApolloServer<SubgraphContext<unknown, unknown>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Subgraphs are reached through the gateway; their own CSRF check would refuse its POSTs only
    // if they lacked a JSON content type, which the gateway always sends.
    plugins: [
      errorLoggingPlugin(logger),
      ApolloServerPluginLandingPageDisabled(),
      // Traces are for Apollo's hosted service, which this graph does not use.
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();
  const db = (await deps.database.forSubgraph(subgraph.dbSchema)).withSchema(subgraph.dbSchema);
  const loaderDeps: LoaderDeps = {
    cache: deps.config.entityCache === 'on' ? deps.cache : undefined,
    ttlSeconds: deps.config.entityCacheTtlSeconds,
    batch: deps.config.loaders === 'batched',
    ...(deps.onBatch ? { onBatch: deps.onBatch } : {}),
  };
  const listener = graphqlHttpListener({
    apollo,
    maxBodyBytes: deps.config.maxBodyBytes,
    onContextError: (error, requestId) => {
      if (!knownError(error)) {
        logger.error({ requestId, err: error }, 'context creation failed');
      }
    },
    context: async (req, requestId) => ({
      subgraph: subgraph.name,
      requestId,
      viewer: viewerFrom(req, deps.config),
      logger: logger.child({ requestId }),
      db,
      loaders: subgraph.createLoaders(db, loaderDeps),
      cache: deps.cache,
    }),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', subgraph: subgraph.name }),
      ...(deps.config.exposeStats
        ? {
            '/stats': (_req, res) =>
              sendJson(res, 200, {
                subgraph: subgraph.name,
                sqlStatements: deps.stats?.sqlStatements ?? null,
                entityCache: deps.cache ? { kind: deps.cache.kind, ...deps.cache.stats } : null,
                memory: process.memoryUsage(),
              }),
          }
        : {}),
      '/ready': async (_req, res) => {
        try {
          await sql`select 1`.execute(db);
          sendJson(res, 200, { status: 'ready', subgraph: subgraph.name });
        } catch {
          sendJson(res, 503, {
            status: 'unavailable',
            subgraph: subgraph.name,
            reason: 'database unreachable',
          });
        }
      },
    },
  });
  return { apollo, listener, schema };
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
