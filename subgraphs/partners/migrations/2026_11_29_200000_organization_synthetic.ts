import type { Kysely } from 'kysely';

// Frozen in time: no application imports. Illustrative organisations (the benchmark's scale-up)
// are flagged like every other synthetic row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organization')
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organization').dropColumn('synthetic').execute();
}
