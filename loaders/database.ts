import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { currentDatabase, RoleScopedDialect, SharedDriver, subgraphRoleName } from './db-roles.js';
import { PGliteDialect } from './pglite-dialect.js';
import {
  ReadRoutingDialect,
  replicaServer,
  type ReadRoutingStats,
  type ReplicaServer,
} from './read-routing.js';
import { cancellingPool } from './request-scope.js';
import { recordSqlSpan, tracingEnabled } from './tracing.js';

/** Where the data lives: real PostgreSQL, embedded PostgreSQL on disk, or in memory. */
export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      timeouts?: DatabaseTimeouts;
      /** Read replicas of `url` (`DATABASE_REPLICA_URLS`), each with a pool of `poolSize`. */
      replicaUrls?: readonly string[];
    }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' };

/**
 * PostgreSQL's bounds on one connection (see docs/operations.md). The embedded database has one
 * in-process connection and none of them.
 */
export interface DatabaseTimeouts {
  /** `statement_timeout`: the server cancels a statement running longer. */
  readonly statementMs: number;
  /** `idle_in_transaction_session_timeout`: the server ends a session idle inside a transaction. */
  readonly idleInTransactionMs: number;
  /** Opening a connection, and waiting for a free one in the pool (pg-pool's one setting). */
  readonly connectMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
  connectMs: 5_000,
};

export interface Database {
  /** The root handle; subgraphs take `db.withSchema(dbSchema)`. */
  readonly db: Kysely<unknown>;
  readonly kind: DatabaseTarget['kind'];
  /**
   * A handle on the same pool that runs every statement as the subgraph's own role, with rights
   * on its schema only (`loaders/db-roles.ts`); the role is created by the subgraph's migrations.
   * Subgraphs serve requests through this handle, never the root one.
   */
  forSubgraph(dbSchema: string): Promise<Kysely<unknown>>;
  /**
   * Where the subgraph handles' reads went (`loaders/read-routing.ts`); zeros without replicas.
   * The root handle always works on the primary: migrations, seeds, importers.
   */
  readonly routing: Readonly<ReadRoutingStats>;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** Called after each statement: counts SQL in tests and the benchmark. */
  onQuery?: (event: LogEvent) => void;
  /** Hears a read replica become unreachable (`down`) and answer again; once per change. */
  onReplicaChange?: (replica: string, down: boolean) => void;
}

/**
 * Values both drivers return the same way: `date` as 'YYYY-MM-DD' (pg would make a local-midnight
 * `Date`), `int8` and `numeric` as strings (no float ever touches money).
 */
const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const OID_DATE = 1082;
const asText = (value: string): string => value;

export function targetFromConfig(config: {
  databaseUrl?: string | undefined;
  databaseReplicaUrls?: readonly string[];
  databasePoolSize?: number;
  databaseTimeouts?: DatabaseTimeouts;
  pgliteDir: string;
  memory?: boolean;
}): DatabaseTarget {
  if (config.databaseUrl) {
    return {
      kind: 'postgres',
      url: config.databaseUrl,
      poolSize: config.databasePoolSize ?? 10,
      timeouts: config.databaseTimeouts ?? DEFAULT_DATABASE_TIMEOUTS,
      replicaUrls: config.databaseReplicaUrls ?? [],
    };
  }
  return config.memory ? { kind: 'pglite-memory' } : { kind: 'pglite', dataDir: config.pgliteDir };
}

/** Opens the database. Embedded PostgreSQL takes a few seconds: open it once per process. */
export async function openDatabase(
  target: DatabaseTarget,
  options: DatabaseOptions = {},
): Promise<Database> {
  const log =
    options.onQuery || tracingEnabled()
      ? (event: LogEvent) => {
          recordSqlSpan(event);
          options.onQuery?.(event);
        }
      : undefined;
  if (target.kind === 'postgres') {
    const onChange = options.onReplicaChange ?? (() => undefined);
    const replicas = (target.replicaUrls ?? []).map((url) => ({
      server: replicaServer(url, onChange),
      dialect: postgresDialect(url, target),
    }));
    return withRoles(postgresDialect(target.url, target), 'postgres', log, replicas);
  }
  if (target.kind === 'pglite') {
    await mkdir(target.dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(target.kind === 'pglite' ? target.dataDir : undefined, {
    parsers: {
      [pgliteTypes.DATE]: asText,
      [pgliteTypes.INT8]: asText,
      [pgliteTypes.NUMERIC]: asText,
    },
  });
  return withRoles(new PGliteDialect(pglite), target.kind, log);
}

/** A pg pool on one server, with the timeouts, type parsers and request cancelling of all. */
function postgresDialect(
  url: string,
  target: { poolSize?: number; timeouts?: DatabaseTimeouts },
): Dialect {
  const timeouts = target.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  const connection = { connectionString: url, connectionTimeoutMillis: timeouts.connectMs };
  const pool = new pg.Pool({
    ...connection,
    max: target.poolSize ?? 10,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === OID_DATE || oid === OID_INT8 || oid === OID_NUMERIC
          ? asText
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  // A statement run for a request that is gone (the gateway timed out) is cancelled.
  return new PostgresDialect({ pool: cancellingPool(pool, connection) });
}

/**
 * The root handle and the role-scoped handles, all over one driver (one pool) per server. With
 * replicas, a role-scoped handle routes its reads (`loaders/read-routing.ts`); the root handle
 * stays on the primary.
 */
function withRoles(
  dialect: Dialect,
  kind: DatabaseTarget['kind'],
  log: ((event: LogEvent) => void) | undefined,
  replicaDialects: readonly { server: ReplicaServer; dialect: Dialect }[] = [],
): Database {
  const shared = new SharedDriver(dialect.createDriver());
  const replicas = replicaDialects.map((r) => ({
    server: r.server,
    dialect: r.dialect,
    shared: new SharedDriver(r.dialect.createDriver()),
  }));
  const routing: ReadRoutingStats = { replicaStatements: 0, replicaFallbacks: 0 };
  const scoped = (role: string | null): Dialect => {
    const primary = new RoleScopedDialect(dialect, shared, role);
    if (role === null || replicas.length === 0) {
      return primary;
    }
    return new ReadRoutingDialect(
      dialect,
      () => primary.createDriver(),
      () =>
        replicas.map((r) => ({
          server: r.server,
          driver: new RoleScopedDialect(r.dialect, r.shared, role).createDriver(),
        })),
      routing,
    );
  };
  const open = (role: string | null) =>
    new Kysely<unknown>({ dialect: scoped(role), ...(log ? { log } : {}) });
  const db = open(null);
  let database: Promise<string> | undefined;
  return {
    db,
    kind,
    // The role is named after the primary's database; roles replicate with it.
    forSubgraph: async (dbSchema) => {
      database ??= currentDatabase(db);
      return open(subgraphRoleName(await database, dbSchema));
    },
    routing,
    destroy: async () => {
      await db.destroy();
      await Promise.all(replicas.map((r) => r.shared.driver.destroy()));
    },
  };
}
