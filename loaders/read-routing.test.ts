import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Dialect,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { isPlainRead, serverName } from './read-routing.js';

/** Compiles queries only: Kysely without a database. */
const compiler = new Kysely<{ t: { id: string } }>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  } satisfies Dialect,
});

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
