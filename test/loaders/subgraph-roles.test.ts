import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../loaders/database.js';
import { subgraphRoleName } from '../../loaders/db-roles.js';
import { migrateSchema } from '../../loaders/migrate.js';
import { lawsSubgraph } from '../../subgraphs/laws/index.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { databaseTargets } from '../support/services.js';

// Each subgraph serves requests as its own PostgreSQL role, with rights on its own schema only.
// Embedded PostgreSQL (PGlite) is a real PostgreSQL: roles, grants and SET ROLE behave the same,
// so both legs run the same assertions.

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error.message,
  );

describe.each(databaseTargets())('subgraph roles on $name', ({ target }) => {
  let database: Database;

  beforeAll(async () => {
    database = await openDatabase(target);
    // Migrations only: the roles are made there; seeding would only cost time.
    await migrateSchema(database.db, 'member_states', memberStatesSubgraph.migrations);
    await migrateSchema(database.db, 'laws', lawsSubgraph.migrations);
  }, 120_000);

  afterAll(async () => {
    await database?.destroy();
  });

  it('laws cannot read member_states.needs_finding', async () => {
    const laws = await database.forSubgraph('laws');
    expect(await errorOf(sql`select count(*) from member_states.needs_finding`.execute(laws))).toBe(
      'permission denied for schema member_states',
    );
    // Nor can it write there, nor take a schema's tables by another path.
    expect(await errorOf(sql`delete from member_states.needs_finding`.execute(laws))).toBe(
      'permission denied for schema member_states',
    );
  });

  it('runs as the subgraph role named after the database, and reads its own schema', async () => {
    const laws = await database.forSubgraph('laws');
    const { rows } = await sql<{
      role: string;
      db: string;
      n: string;
    }>`select current_user as role, current_database() as db, (select count(*) from laws.legislation) as n`.execute(
      laws,
    );
    expect(rows[0]?.role).toBe(subgraphRoleName(rows[0]!.db, 'laws'));
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(0);
  });

  it('member-states reads its own findings; the root handle is back to the login user', async () => {
    const memberStates = await database.forSubgraph('member_states');
    const { rows } = await sql<{
      n: string;
    }>`select count(*) as n from member_states.needs_finding`.execute(memberStates);
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(0);
    const root = await sql<{ role: string }>`select current_user as role`.execute(database.db);
    expect(root.rows[0]?.role).not.toMatch(/_member_states$|_laws$/);
  });

  it('gives the role no DDL, no TRUNCATE, and an append-only audit log', async () => {
    const laws = await database.forSubgraph('laws');
    expect(await errorOf(sql`create table laws.sneaky (x int)`.execute(laws))).toBe(
      'permission denied for schema laws',
    );
    expect(await errorOf(sql`truncate laws.legislation`.execute(laws))).toBe(
      'permission denied for table legislation',
    );
    expect(await errorOf(sql`delete from laws.audit_log`.execute(laws))).toBe(
      'permission denied for table audit_log',
    );
    expect(await errorOf(sql`delete from laws.kysely_migration`.execute(laws))).toBe(
      'permission denied for table kysely_migration',
    );
  });
});
