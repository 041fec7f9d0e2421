import type { Kysely } from 'kysely';

// Frozen in time: no application imports. Real activities of the data pack (issue 22) name the
// programme they ran under, as the source gives it, and carry their licence and attribution.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activity')
    .addColumn('programme', 'text')
    .addColumn('licence', 'text')
    .addColumn('attribution', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activity')
    .dropColumn('programme')
    .dropColumn('licence')
    .dropColumn('attribution')
    .execute();
}
