import { sql, type Kysely } from 'kysely';
import type { Migrations } from './migrate.js';

// Migrations every subgraph schema gets, beside its own. Frozen in time like any migration: never
// edit one once merged; add a new one. Names start with "0000_kernel" so they sort first.

async function createAuditLog(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('actor_subject', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_country_iso3', 'text')
    .addColumn('actor_organization_id', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id', 'id'])
    .execute();
}

/** Append-only: UPDATE and DELETE on the audit log raise an error, whoever asks. */
async function protectAuditLog(db: Kysely<any>, schema: string): Promise<void> {
  const table = sql.table(`${schema}.audit_log`);
  const fn = sql.raw(`"${schema}".audit_log_append_only`);
  await sql`create function ${fn}() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_append_only before update or delete on ${table}
    for each statement execute function ${fn}()`.execute(db);
}

/**
 * TRUNCATE skips row and statement triggers on DELETE, so the log is also guarded against it: a
 * `before truncate` trigger runs the same function and refuses.
 */
async function refuseAuditTruncate(db: Kysely<any>, schema: string): Promise<void> {
  const table = sql.table(`${schema}.audit_log`);
  const fn = sql.raw(`"${schema}".audit_log_append_only`);
  await sql`create trigger audit_log_no_truncate before truncate on ${table}
    for each statement execute function ${fn}()`.execute(db);
}

/**
 * The request id the server made is `request_id`; the one the caller sent (for a subgraph, the
 * gateway's id) is kept apart in `client_request_id`, never trusted as the record's own.
 */
async function addClientRequestId(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('client_request_id', 'text').execute();
}

/** The kernel's migrations for one subgraph schema. */
export function kernelMigrations(schema: string): Migrations {
  return {
    '0000_kernel_01_create_audit_log': {
      up: async (db) => {
        await createAuditLog(db);
        await protectAuditLog(db, schema);
      },
    },
    '0000_kernel_02_audit_log_truncate_and_client_request_id': {
      up: async (db) => {
        await refuseAuditTruncate(db, schema);
        await addClientRequestId(db);
      },
    },
  };
}
