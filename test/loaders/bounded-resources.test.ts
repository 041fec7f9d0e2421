import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisCache } from '../../loaders/cache.js';
import { databaseFault } from '../../loaders/database-faults.js';
import { openDatabase, type Database, type DatabaseTimeouts } from '../../loaders/database.js';
import { createRedis, redisBreaker, redisReady } from '../../loaders/redis.js';
import { runInRequestScope } from '../../loaders/request-scope.js';
import { silentLogger } from '../support/harness.js';
import {
  PORT_BASE,
  privateServicesAvailable,
  startPrivateRedis,
  type PrivateRedis,
} from '../support/private-services.js';
import { databaseUrl } from '../support/services.js';

// Issue 12, "Bounded resources": PostgreSQL timeouts, SQL cancelled with its request, and the
// breaker in front of Redis. Each test failed on main before these bounds existed.

const timeouts: DatabaseTimeouts = { statementMs: 300, idleInTransactionMs: 400, connectMs: 400 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.runIf(databaseUrl)('PostgreSQL timeouts (real PostgreSQL)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({
      kind: 'postgres',
      url: databaseUrl as string,
      poolSize: 1,
      timeouts,
    });
  });
  afterAll(() => database?.destroy());

  it('statement_timeout cancels a long statement with 57014, a DATABASE_UNAVAILABLE timeout', async () => {
    const error = await rejection(sql`select pg_sleep(10)`.execute(database.db));
    expect(error).toMatchObject({ code: '57014' });
    expect(databaseFault(error)).toBe('timeout');
    // The connection is usable again at once.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('a request waiting for a pooled connection gives up after the connect timeout', async () => {
    const one = await openDatabase({
      kind: 'postgres',
      url: databaseUrl as string,
      poolSize: 1,
      timeouts: { ...timeouts, idleInTransactionMs: 60_000 },
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holding = one.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await held;
    });
    try {
      const error = await rejection(sql`select 2`.execute(one.db));
      expect(String((error as Error).message)).toMatch(/timeout exceeded when trying to connect/);
      expect(databaseFault(error)).toBe('unavailable');
    } finally {
      release();
      await holding;
      await one.destroy();
    }
  });

  it('idle_in_transaction_session_timeout ends a transaction left open', async () => {
    const error = await rejection(
      database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await new Promise((r) => setTimeout(r, 1_500));
        await sql`select 2`.execute(trx);
      }),
    );
    expect(databaseFault(error)).toBe('unavailable');
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("cancels a request's running statement when the request's signal aborts", async () => {
    const generous = await openDatabase({
      kind: 'postgres',
      url: databaseUrl as string,
      poolSize: 2,
      timeouts: { statementMs: 60_000, idleInTransactionMs: 60_000, connectMs: 5_000 },
    });
    try {
      const closed = new AbortController();
      const running = runInRequestScope(closed.signal, () =>
        sql`select pg_sleep(30)`.execute(generous.db),
      );
      await new Promise((r) => setTimeout(r, 300));
      closed.abort();
      const error = await rejection(running);
      expect(error).toMatchObject({ code: '57014' });
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(generous.db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await generous.destroy();
    }
  });
});

describe.runIf(privateServicesAvailable())('the breaker in front of a stalled Redis', () => {
  let server: PrivateRedis;
  beforeAll(async () => {
    server = await startPrivateRedis(PORT_BASE + 1);
  });
  afterAll(() => server?.stop());

  it('skips Redis after repeated timeouts, answers "miss" from then on, and probes it back', async () => {
    const redis = createRedis(server.url, {
      commandTimeoutMs: 250,
      breaker: { failureThreshold: 3, resetMs: 1_000 },
      logger: silentLogger,
    });
    try {
      expect(await redisReady(redis, 5_000)).toBe(true);
      const cache = new RedisCache(redis);
      await cache.setMany([['bounded:k', 'v']], 60);
      expect(await cache.getMany(['bounded:k'])).toEqual(['v']);
      const sent = vi.spyOn(redis, 'mget');
      server.pause();
      // SIGSTOP is delivered asynchronously: let it take hold before the first read.
      await new Promise((r) => setTimeout(r, 200));
      try {
        // Twenty reads against a stalled Redis: three time out, the other seventeen skip it.
        for (let i = 0; i < 20; i += 1) {
          expect(await cache.getMany(['bounded:k'])).toEqual([null]);
        }
        expect(sent).toHaveBeenCalledTimes(3);
        expect(redisBreaker(redis).state).toBe('open');
      } finally {
        server.resume();
      }
      await new Promise((r) => setTimeout(r, 1_100));
      expect(redisBreaker(redis).state).toBe('half-open');
      // The probe succeeds and closes the breaker; the value is served from Redis again.
      expect(await cache.getMany(['bounded:k'])).toEqual(['v']);
      expect(redisBreaker(redis).state).toBe('closed');
      sent.mockRestore();
    } finally {
      redis.disconnect();
    }
  });
});
