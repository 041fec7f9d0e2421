import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

/** What the kernel knows of the HTTP request being served. */
interface RequestState {
  /** Aborts when the request is gone. */
  readonly signal: AbortSignal;
  /** The request has written (or opened a transaction): its reads go to the primary from now on. */
  wrote: boolean;
}

/**
 * The HTTP request being served, carried through async calls: its signal, so that work started
 * for a request (its SQL) stops when the request is gone (the gateway timed out and closed the
 * connection, or a client went away); and whether it has written, so that its later reads see
 * its own writes (`loaders/read-routing.ts`).
 */
const scope = new AsyncLocalStorage<RequestState>();

/** Runs `fn` (and everything it starts) on behalf of a request whose end aborts `signal`. */
export function runInRequestScope<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run({ signal, wrote: false }, fn);
}

/** The signal of the request being served, if any. */
export function requestSignal(): AbortSignal | undefined {
  return scope.getStore()?.signal;
}

/**
 * Whether a read may go to a read replica: only inside a request that has not written. Outside
 * any request (migrations, seeds, importers, scripts) every statement goes to the primary, since
 * nothing there tracks what it wrote.
 */
export function replicaReadAllowed(): boolean {
  const state = scope.getStore();
  return state !== undefined && !state.wrote;
}

/** Records that the request being served has written: its later reads go to the primary. */
export function markRequestWrote(): void {
  const state = scope.getStore();
  if (state) {
    state.wrote = true;
  }
}

/**
 * A pg pool whose clients, checked out for a request, cancel their running statement when that
 * request's signal aborts. The cancel is `pg_cancel_backend(pid)` over a separate small pool (a
 * statement cannot be stopped over its own busy connection), and the client goes back to the pool
 * only after the cancel was delivered, so it can never cancel a later request's statement.
 * Without a request scope (migrations, scripts) nothing is cancelled.
 */
/** The state of one checkout of a pooled client. */
interface Checkout {
  readonly signal: AbortSignal | undefined;
  running: number;
  cancelling: Promise<void> | undefined;
  readonly onError: () => void;
  readonly onAbort: () => void;
}

export function cancellingPool(
  pool: pg.Pool,
  cancelConfig: pg.PoolConfig,
  onCancel: (pid: number) => void = () => undefined,
): PostgresPool {
  let cancelPool: pg.Pool | undefined;
  const cancelBackend = async (pid: number): Promise<void> => {
    cancelPool ??= new pg.Pool({ ...cancelConfig, max: 2, idleTimeoutMillis: 5_000 });
    cancelPool.on('error', () => undefined);
    try {
      await cancelPool.query('select pg_cancel_backend($1)', [pid]);
      onCancel(pid);
    } catch {
      // The server is gone or busy: statement_timeout still bounds the statement.
    }
  };
  // One wrapper per pg client, kept for the client's life: Kysely (and the role-scoped dialect
  // above it) remember each connection by identity, so a client must come back as the same
  // object each time it is checked out. Only the checkout's state changes.
  const wrappers = new WeakMap<pg.PoolClient, Wrapper>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const signal = requestSignal();
      const client = await pool.connect();
      const checkout = checkoutOf(client, signal, cancelBackend);
      client.on('error', checkout.onError);
      signal?.addEventListener('abort', checkout.onAbort, { once: true });
      const known = wrappers.get(client);
      if (known) {
        known.state.current = checkout;
        return known.client;
      }
      const wrapper = wrap(client, checkout);
      wrappers.set(client, wrapper);
      return wrapper.client;
    },
    async end(): Promise<void> {
      await pool.end();
      await cancelPool?.end();
    },
  };
}

/** One pg client as Kysely sees it, and the state of its current checkout. */
interface Wrapper {
  readonly state: { current: Checkout };
  readonly client: PostgresPoolClient;
}

function checkoutOf(
  client: pg.PoolClient,
  signal: AbortSignal | undefined,
  cancelBackend: (pid: number) => Promise<void>,
): Checkout {
  const checkout: Checkout = {
    signal,
    running: 0,
    cancelling: undefined,
    // A checked-out client whose server ends the session (a restart, an idle-in-transaction
    // timeout) emits 'error'; pg-pool listens only on idle clients, and an unheard 'error'
    // would end the process. The next statement on it fails instead, and it is discarded.
    onError: () => undefined,
    onAbort: () => {
      // pg sets `processID` (the backend's pid) on connect; its types do not declare it.
      const pid: unknown = Reflect.get(client, 'processID');
      if (checkout.running > 0 && typeof pid === 'number' && !checkout.cancelling) {
        checkout.cancelling = cancelBackend(pid);
      }
    },
  };
  return checkout;
}

/** The wrapper counting running statements and holding a cancelled client back from the pool. */
function wrap(client: pg.PoolClient, first: Checkout): Wrapper {
  const state = { current: first };
  // Kysely's two forms of `query` (PostgresPoolClient), passed on to pg's, which types the cursor
  // and the result its own way: the arguments go through as they came.
  function query<R>(
    sql: string,
    parameters: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query(...args: unknown[]): unknown {
    const c = state.current;
    const result: unknown = Reflect.apply(client.query, client, args);
    if (!(result instanceof Promise)) {
      return result; // A cursor: read in steps, each a short statement.
    }
    c.running += 1;
    if (c.signal?.aborted) {
      c.onAbort();
    }
    return result.finally(() => {
      c.running -= 1;
    });
  }
  const wrapped: PostgresPoolClient = {
    query,
    release(destroy?: boolean) {
      const c = state.current;
      c.signal?.removeEventListener('abort', c.onAbort);
      const done = () => {
        client.off('error', c.onError);
        client.release(destroy);
      };
      if (c.cancelling) {
        // A cancelled connection may hold a cancel in flight: do not hand it to anyone else.
        destroy = true;
        void c.cancelling.finally(done);
        return;
      }
      done();
    },
  };
  return { state, client: wrapped };
}
