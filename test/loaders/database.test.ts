import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../loaders/database.js';
import { dropSubgraphRole } from '../../loaders/db-roles.js';
import { migrateSchema } from '../../loaders/migrate.js';
import { databaseTargets } from '../support/services.js';

interface Tables {
  item: { id: string; amount: string; on_date: string };
}

const dbSchema = `test_db_${process.pid}`;
const migrations = {
  '0001_create_item': {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('item')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('amount', 'numeric(20, 2)', (c) => c.notNull())
        .addColumn('on_date', 'date', (c) => c.notNull())
        .execute();
    },
  },
};

describe.each(databaseTargets())('database on $name', ({ target }) => {
  let database: Database;
  let db: Kysely<Tables>;

  beforeAll(async () => {
    database = await openDatabase(target);
    await sql`drop schema if exists ${sql.id(dbSchema)} cascade`.execute(database.db);
    await migrateSchema(database.db, dbSchema, migrations);
    db = database.db.withSchema(dbSchema) as Kysely<Tables>;
  });

  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(dbSchema)} cascade`.execute(database.db);
    await dropSubgraphRole(database.db, dbSchema);
    await database.destroy();
  });

  it('keeps each subgraph history in its own schema, and migrates once', async () => {
    expect(await migrateSchema(database.db, dbSchema, migrations)).toEqual([]);
    const { rows } = await sql<{
      name: string;
    }>`select name from ${sql.table(`${dbSchema}.kysely_migration`)}`.execute(database.db);
    expect(rows.map((r) => r.name).sort()).toEqual([
      '0000_kernel_01_create_audit_log',
      '0000_kernel_02_audit_log_truncate_and_client_request_id',
      '0001_create_item',
    ]);
  });

  it('returns numeric and date values as exact strings', async () => {
    await db
      .insertInto('item')
      .values({ id: 'n1', amount: '0.10', on_date: '2018-05-14' })
      .execute();
    await db
      .insertInto('item')
      .values({ id: 'n2', amount: '0.20', on_date: '2018-05-14' })
      .execute();
    const row = await db
      .selectFrom('item')
      .select((eb) => [eb.fn.sum<string>('amount').as('total'), eb.fn.max('on_date').as('last')])
      .where('id', 'in', ['n1', 'n2'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ total: '0.30', last: '2018-05-14' });
  });

  it('keeps a committed transaction when a concurrent one rolls back', async () => {
    const committing = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('item')
        .values({ id: 'kept', amount: '1', on_date: '2020-01-01' })
        .execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const rollingBack = db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('item')
          .values({ id: 'dropped', amount: '1', on_date: '2020-01-01' })
          .execute();
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    expect(await Promise.all([committing, rollingBack])).toEqual([undefined, 'roll back']);
    const ids = await db
      .selectFrom('item')
      .select('id')
      .where('id', 'in', ['kept', 'dropped'])
      .execute();
    expect(ids.map((r) => r.id)).toEqual(['kept']);
  });
});
