import type { Kysely } from 'kysely';

// Frozen in time: no application imports. An organisation another subgraph's import met only by
// a reference or a name (an IATI participating organisation) is recorded as unverified until an
// editor checks who it is; every organisation before this migration was curated, so verified.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organization')
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organization').dropColumn('verified').execute();
}
