import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../loaders/database.js';

// The setup's reuse of closed clusters (pglite-template.ts): whatever a test left in its cluster,
// the next test's cluster has none of it.
describe('an embedded cluster a test closed, opened again', () => {
  it('holds nothing the earlier test made: no schema, table, role or session setting', async () => {
    const first = await openDatabase({ kind: 'pglite-memory' });
    await sql`create schema leftover`.execute(first.db);
    await sql`create table leftover.rows (id int)`.execute(first.db);
    await sql`create table public.stray (id int)`.execute(first.db);
    await sql`create role leftover_role nologin`.execute(first.db);
    await sql`grant usage on schema leftover to leftover_role`.execute(first.db);
    await sql`set application_name = 'leftover'`.execute(first.db);
    await first.destroy();

    const second = await openDatabase({ kind: 'pglite-memory' });
    try {
      const schemas = await sql<{ nspname: string }>`
        select nspname from pg_namespace where nspname !~ '^pg_' order by nspname`.execute(
        second.db,
      );
      expect(schemas.rows.map((r) => r.nspname)).toEqual(['information_schema', 'public']);
      const tables = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(second.db);
      expect(tables.rows[0]?.n).toBe(0);
      const roles = await sql<{ n: number }>`
        select count(*)::int as n from pg_roles where rolname = 'leftover_role'`.execute(second.db);
      expect(roles.rows[0]?.n).toBe(0);
      const name = await sql<{
        v: string;
      }>`select current_setting('application_name') as v`.execute(second.db);
      expect(name.rows[0]?.v).not.toBe('leftover');
    } finally {
      await second.destroy();
    }
  });
});
