import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { CircuitBreaker } from './circuit-breaker.js';
import { databaseFault } from './database-faults.js';
import { markRequestWrote, replicaReadAllowed } from './request-scope.js';

/**
 * Read replicas (`DATABASE_REPLICA_URLS`): the kernel, not subgraph code, decides where each
 * statement runs. A subgraph's handle sends a read to a replica while the request being served
 * has not written; a transaction, a statement that is not a plain `select`, and every statement
 * after them in the same request go to the primary (read-your-writes). Outside a request
 * (migrations, seeds, importers) everything goes to the primary.
 *
 * A replica that cannot be reached does not fail reads: they go to another replica or to the
 * primary, the fallback is counted, and the outage is logged once (a breaker per replica, probed
 * again after `REPLICA_RETRY_MS`).
 */

/** How long a replica that failed is left aside before one read probes it again. */
export const REPLICA_RETRY_MS = 5_000;

/** Counters since start, per process (`/stats`, the replica tests). */
export interface ReadRoutingStats {
  /** Statements run on a replica. */
  replicaStatements: number;
  /** Reads that a replica should have served and the primary served instead (replica down). */
  replicaFallbacks: number;
}

/** One replica's server: its shared driver, and the breaker that sets it aside when down. */
export interface ReplicaServer {
  /** For logs, without credentials: `host:port/database`. */
  readonly name: string;
  readonly breaker: CircuitBreaker;
}

/** A replica's server as the router sees it, through a role-scoped driver. */
export interface ReplicaDriver {
  readonly server: ReplicaServer;
  readonly driver: Driver;
}

/** `host:port/database` of a connection string, for logs (never its password). */
export function serverName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** A replica's breaker: one failure sets it aside, `onChange` hears it go down and come back. */
export function replicaServer(url: string, onChange: (name: string, down: boolean) => void) {
  const name = serverName(url);
  return {
    name,
    breaker: new CircuitBreaker({ failureThreshold: 1, resetMs: REPLICA_RETRY_MS }, (open) =>
      onChange(name, open),
    ),
  };
}

/**
 * Whether a statement only reads, so a replica may run it: a `select` without locking clauses
 * and without data-modifying `with` parts, or raw SQL that starts with `select`. Anything else
 * (and raw SQL that writes through a function) goes to the primary; a replica refusing a
 * statement as a write sends it there too.
 */
export function isPlainRead(query: CompiledQuery): boolean {
  const node = query.query;
  if (node.kind === 'RawNode') {
    return /^\s*select\b/i.test(query.sql);
  }
  if (node.kind !== 'SelectQueryNode') {
    return false;
  }
  const lockFree = (node.endModifiers ?? []).length === 0;
  const readOnlyWith = (node.with?.expressions ?? []).every(
    (cte) => cte.expression.kind === 'SelectQueryNode',
  );
  return lockFree && readOnlyWith;
}

/** SQLSTATE 25006: the replica refused a statement that writes. */
const READ_ONLY = '25006';

/**
 * Whether a failed read on a replica is the replica's fault, so the primary may run it instead:
 * the replica is unreachable or shutting down (`databaseFault`), the statement conflicted with
 * recovery (40001 outside a transaction), or it writes (25006). A cancelled or timed-out
 * statement (57014) and a bad query are not retried.
 */
function replicaFault(error: unknown): 'down' | 'conflict' | 'write' | undefined {
  const code: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  if (code === READ_ONLY) {
    return 'write';
  }
  if (code === '40001') {
    return 'conflict';
  }
  return databaseFault(error) === 'unavailable' ? 'down' : undefined;
}

interface Bound {
  readonly driver: Driver;
  readonly connection: DatabaseConnection;
  readonly replica?: ReplicaServer;
}

/** Chooses, per statement, the server of one role-scoped handle. */
class ReadRouter {
  #next = 0;

  constructor(
    readonly primary: Driver,
    private readonly replicas: readonly ReplicaDriver[],
    readonly stats: ReadRoutingStats,
  ) {}

  replicaDrivers(): Promise<void>[] {
    return this.replicas.map((replica) => replica.driver.init());
  }

  async onPrimary(): Promise<Bound> {
    return { driver: this.primary, connection: await this.primary.acquireConnection() };
  }

  /** A replica's connection, round-robin over the ones not set aside; else the primary's. */
  async forRead(): Promise<Bound> {
    if (this.replicas.length === 0 || !replicaReadAllowed()) {
      return this.onPrimary();
    }
    for (let tried = 0; tried < this.replicas.length; tried += 1) {
      const replica = this.replicas[this.#next++ % this.replicas.length];
      if (!replica?.server.breaker.tryAcquire()) {
        continue;
      }
      try {
        const connection = await replica.driver.acquireConnection();
        replica.server.breaker.success();
        return { driver: replica.driver, connection, replica: replica.server };
      } catch {
        replica.server.breaker.failure();
      }
    }
    this.stats.replicaFallbacks += 1;
    return this.onPrimary();
  }
}

/**
 * What Kysely holds as a connection: nothing until its first statement, which picks the server
 * (a transaction: the primary). It stays on that server until released.
 */
class RoutedConnection implements DatabaseConnection {
  #bound: Bound | undefined;

  constructor(private readonly router: ReadRouter) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#bound) {
      return this.#bound.connection.executeQuery<R>(query);
    }
    if (!isPlainRead(query)) {
      markRequestWrote();
      this.#bound = await this.router.onPrimary();
      return this.#bound.connection.executeQuery<R>(query);
    }
    const bound = await this.router.forRead();
    this.#bound = bound;
    const replica = bound.replica;
    if (!replica) {
      return bound.connection.executeQuery<R>(query);
    }
    try {
      const result = await bound.connection.executeQuery<R>(query);
      this.router.stats.replicaStatements += 1;
      return result;
    } catch (error) {
      const fault = replicaFault(error);
      if (fault === undefined) {
        throw error;
      }
      return this.#retryOnPrimary<R>(query, bound, replica, fault);
    }
  }

  /** A read the replica could not serve, run again on the primary. */
  async #retryOnPrimary<R>(
    query: CompiledQuery,
    failed: Bound,
    replica: ReplicaServer,
    fault: 'down' | 'conflict' | 'write',
  ): Promise<QueryResult<R>> {
    this.#bound = undefined;
    await failed.driver.releaseConnection(failed.connection).catch(() => undefined);
    if (fault === 'down') {
      replica.breaker.failure();
      this.router.stats.replicaFallbacks += 1;
    } else if (fault === 'write') {
      markRequestWrote();
    }
    this.#bound = await this.router.onPrimary();
    return this.#bound.connection.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    if (!this.#bound) {
      this.#bound = isPlainRead(query)
        ? await this.router.forRead()
        : await this.router.onPrimary();
    }
    yield* this.#bound.connection.streamQuery<R>(query, chunkSize);
  }

  async begin(settings: TransactionSettings): Promise<void> {
    markRequestWrote();
    if (this.#bound?.replica) {
      await this.release();
    }
    this.#bound ??= await this.router.onPrimary();
    await this.#bound.driver.beginTransaction(this.#bound.connection, settings);
  }

  bound(): Bound {
    if (!this.#bound) {
      throw new Error('no statement ran on this connection');
    }
    return this.#bound;
  }

  async release(): Promise<void> {
    const bound = this.#bound;
    this.#bound = undefined;
    if (bound) {
      await bound.driver.releaseConnection(bound.connection);
    }
  }
}

const routed = (connection: DatabaseConnection): RoutedConnection => {
  if (!(connection instanceof RoutedConnection)) {
    throw new Error('a connection of another driver was handed to the read router');
  }
  return connection;
};

/** The driver of a handle with replicas: one `RoutedConnection` per checkout. */
class ReadRoutingDriver implements Driver {
  readonly #router: ReadRouter;

  constructor(primary: Driver, replicas: readonly ReplicaDriver[], stats: ReadRoutingStats) {
    this.#router = new ReadRouter(primary, replicas, stats);
  }

  async init(): Promise<void> {
    // A pg driver's init makes its pool and connects nothing: a replica that is down fails
    // its first read, not the start.
    await Promise.all([this.#router.primary.init(), ...this.#router.replicaDrivers()]);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.#router);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return routed(connection).begin(settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    const bound = routed(connection).bound();
    return bound.driver.commitTransaction(bound.connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const bound = routed(connection).bound();
    return bound.driver.rollbackTransaction(bound.connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return routed(connection).release();
  }

  async destroy(): Promise<void> {
    // The primary's and the replicas' shared drivers are destroyed by `Database.destroy`.
  }
}

/** A dialect whose driver routes each statement to the primary or a replica. */
export class ReadRoutingDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly primary: () => Driver,
    private readonly replicas: () => readonly ReplicaDriver[],
    private readonly stats: ReadRoutingStats,
  ) {}

  createAdapter() {
    return this.inner.createAdapter();
  }

  createDriver(): Driver {
    return new ReadRoutingDriver(this.primary(), this.replicas(), this.stats);
  }

  createIntrospector(db: Kysely<unknown>) {
    return this.inner.createIntrospector(db);
  }

  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
}
