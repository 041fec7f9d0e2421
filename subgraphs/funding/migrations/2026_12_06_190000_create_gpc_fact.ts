import type { Kysely } from 'kysely';

// Frozen in time: no application imports. The Global Programme facts of the data pack, each with
// its source and confidence, as the pack gives them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gpc_fact')
    .addColumn('fact_type', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('unit', 'text')
    .addColumn('value_note', 'text')
    .addColumn('date', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    // A code is unique within its type only (OCSEA is both an AREA and a FRAMING).
    .addPrimaryKeyConstraint('gpc_fact_pkey', ['fact_type', 'code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gpc_fact').execute();
}
