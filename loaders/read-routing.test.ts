import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  isPlainRead,
  ReadRoutingDialect,
  replicaServer,
  serverName,
  type ReadRoutingStats,
} from './read-routing.js';
import { runInRequestScope } from './request-scope.js';

/** PostgreSQL's SQL over `driver`. */
const dialectOver = (driver: () => Driver): Dialect => ({
  createAdapter: () => new PostgresAdapter(),
  createDriver: driver,
  createIntrospector: (db) => new PostgresIntrospector(db),
  createQueryCompiler: () => new PostgresQueryCompiler(),
});

/** Compiles queries only: Kysely without a database. */
const compiler = new Kysely<{ t: { id: string } }>({
  dialect: dialectOver(() => new DummyDriver()),
});

/** A server that answers every statement with its own name, or refuses connections when down. */
class FakeServer extends DummyDriver {
  down = false;
  constructor(readonly name: string) {
    super();
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.down) {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    }
    const name = this.name;
    return {
      executeQuery: async <R>() => ({ rows: [{ server: name }] as R[] }),
      streamQuery: async function* () {
        throw new Error('not used');
      },
    };
  }
}

/** A handle over a primary and two replicas, with what it reported. */
function routedHandle() {
  const primary = new FakeServer('primary');
  const replicas = [new FakeServer('a'), new FakeServer('b')];
  const changes: string[] = [];
  const servers = replicas.map((r) =>
    replicaServer(`postgres://u:pw@${r.name}/db`, (name, down) =>
      changes.push(`${name} ${down ? 'down' : 'up'}`),
    ),
  );
  const stats: ReadRoutingStats = { replicaStatements: 0, replicaFallbacks: 0 };
  const inner = dialectOver(() => primary);
  const db = new Kysely<unknown>({
    dialect: new ReadRoutingDialect(
      inner,
      () => primary,
      () => replicas.map((driver, i) => ({ server: servers[i]!, driver })),
      stats,
    ),
  });
  const read = async () => (await sql<{ server: string }>`select 1`.execute(db)).rows[0]?.server;
  return { db, replicas, changes, stats, read };
}

const inRequest = <T>(fn: () => Promise<T>) => runInRequestScope(new AbortController().signal, fn);

describe('isPlainRead', () => {
  it('lets a replica run plain selects, raw selects included', () => {
    expect(isPlainRead(compiler.selectFrom('t').select('id').compile())).toBe(true);
    expect(
      isPlainRead(
        compiler
          .with('x', (db) => db.selectFrom('t').select('id'))
          .selectFrom('x')
          .select('id')
          .compile(),
      ),
    ).toBe(true);
    expect(isPlainRead(sql`  select 1`.compile(compiler))).toBe(true);
  });

  it('keeps writes, locks, data-modifying with parts and other raw SQL on the primary', () => {
    expect(isPlainRead(compiler.insertInto('t').values({ id: 'a' }).compile())).toBe(false);
    expect(isPlainRead(compiler.updateTable('t').set({ id: 'b' }).compile())).toBe(false);
    expect(isPlainRead(compiler.deleteFrom('t').compile())).toBe(false);
    expect(isPlainRead(compiler.selectFrom('t').select('id').forUpdate().compile())).toBe(false);
    expect(
      isPlainRead(
        compiler
          .with('x', (db) => db.deleteFrom('t').returning('id'))
          .selectFrom('x')
          .select('id')
          .compile(),
      ),
    ).toBe(false);
    expect(
      isPlainRead(sql`with x as (delete from t returning id) select id from x`.compile(compiler)),
    ).toBe(false);
    expect(isPlainRead(sql`set role "x"`.compile(compiler))).toBe(false);
  });
});

describe('serverName', () => {
  it('names a replica by host, port and database, never by its credentials', () => {
    expect(serverName('postgres://app:s3cret@replica-a/crg')).toBe('replica-a:5432/crg');
    expect(serverName('postgres://app@10.0.0.2:5433/crg')).toBe('10.0.0.2:5433/crg');
  });
});

describe('ReadRoutingDialect', () => {
  it("spreads a request's reads over the replicas in turn; outside a request, the primary", async () => {
    const { read } = routedHandle();
    expect(await inRequest(async () => [await read(), await read(), await read()])).toEqual([
      'a',
      'b',
      'a',
    ]);
    expect(await read()).toBe('primary');
  });

  it('sends a transaction and every later statement of the request to the primary', async () => {
    const { db, read } = routedHandle();
    const servers = await inRequest(async () => {
      const before = await read();
      await db.transaction().execute(async (trx) => {
        await sql`insert into t values (1)`.execute(trx);
      });
      return [before, await read(), await read()];
    });
    expect(servers).toEqual(['a', 'primary', 'primary']);
    expect(await inRequest(read)).toBe('b');
  });

  it('skips a replica that is down, falls back to the primary when none answers, logs once', async () => {
    const { read, replicas, changes, stats } = routedHandle();
    replicas[0]!.down = true;
    expect(await inRequest(async () => [await read(), await read()])).toEqual(['b', 'b']);
    expect(stats.replicaFallbacks).toBe(0);
    replicas[1]!.down = true;
    expect(await inRequest(async () => [await read(), await read()])).toEqual([
      'primary',
      'primary',
    ]);
    expect(stats.replicaFallbacks).toBe(2);
    expect(changes).toEqual(['a:5432/db down', 'b:5432/db down']);
  });
});
