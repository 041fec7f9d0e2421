import type { KeyValueCache } from '../../loaders/cache.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import {
  openDatabase,
  type Database,
  type DatabaseOptions,
  type DatabaseTarget,
} from '../../loaders/database.js';
import { createLogger } from '../../loaders/logger.js';
import {
  prepareSubgraphDatabase,
  startSubgraph,
  type RunningSubgraph,
} from '../../schema/server/serve-subgraph.js';
import type { AnySubgraph, SeedReport } from '../../schema/subgraph.js';
import { primaryDatabaseTarget } from './services.js';
import { withSignedViewer } from './viewer.js';

export const silentLogger = createLogger({ level: 'silent', service: 'test' });

/**
 * Waits, if need be, for the next calendar minute, so that `needMs` of the current one remain:
 * cost budgets are per calendar minute, and a test that spends one must not cross into the next
 * (a fresh budget) halfway through.
 */
export async function budgetMinuteWithRoom(needMs: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) {
    await new Promise((resolve) => setTimeout(resolve, left + 100));
  }
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** POSTs a GraphQL request and returns the status with the parsed body. */
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

export interface TestSubgraph {
  readonly url: string;
  readonly database: Database;
  /** SQL statements run since the last `resetSql()`. */
  readonly sql: string[];
  resetSql(): void;
  /** `headers` from `asViewer(viewer)` (test/support/viewer.ts) send a freshly signed viewer. */
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  reseed(): Promise<SeedReport>;
  close(): Promise<void>;
}

/**
 * One subgraph over real HTTP on a free port, on the test database (PostgreSQL when configured,
 * else embedded), migrated and seeded, with every SQL statement recorded from Kysely's log.
 */
export async function startTestSubgraph(
  subgraph: AnySubgraph,
  options: {
    target?: DatabaseTarget;
    cache?: KeyValueCache;
    env?: Record<string, string>;
    /** Hears read replicas go down and come back (`DatabaseOptions.onReplicaChange`). */
    onReplicaChange?: DatabaseOptions['onReplicaChange'];
  } = {},
): Promise<TestSubgraph> {
  const sql: string[] = [];
  const database = await openDatabase(options.target ?? primaryDatabaseTarget(), {
    onQuery: (event) => sql.push(event.query.sql),
    ...(options.onReplicaChange ? { onReplicaChange: options.onReplicaChange } : {}),
  });
  const config = readRuntimeConfig({ LOG_LEVEL: 'silent', ...options.env });
  const seed = { synthetic: config.seedSynthetic };
  await prepareSubgraphDatabase(subgraph, database.db, silentLogger, seed);
  let running: RunningSubgraph;
  try {
    running = await startSubgraph(subgraph, {
      database,
      cache: options.cache,
      config,
      logger: silentLogger,
      host: '127.0.0.1',
      port: 0,
    });
  } catch (error) {
    await database.destroy();
    throw error;
  }
  sql.length = 0;
  return {
    url: running.url,
    database,
    sql,
    resetSql: () => {
      sql.length = 0;
    },
    query: async (query, variables, headers) =>
      postGraphQL(
        running.url,
        query,
        variables,
        await withSignedViewer(headers ?? {}, subgraph.name, query, variables),
      ),
    reseed: async () =>
      (await prepareSubgraphDatabase(subgraph, database.db, silentLogger, seed)).seeded,
    close: async () => {
      await running.close();
      await database.destroy();
    },
  };
}
