import type { Kysely } from 'kysely';

// Frozen in time: no application imports. Real partnerships from the data pack (issue 22): a
// source may give no start date, and each real record carries its confidence, link, notes, the
// period as the source gives it, and its licence and attribution; organisations carry theirs.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('partnership')
    .alterColumn('start_date', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('partnership')
    .addColumn('confidence', 'text')
    .addColumn('url', 'text')
    .addColumn('notes', 'text')
    .addColumn('dates_as_given', 'text')
    .addColumn('licence', 'text')
    .addColumn('attribution', 'text')
    .execute();
  await db.schema
    .alterTable('organization')
    .addColumn('licence', 'text')
    .addColumn('attribution', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organization')
    .dropColumn('licence')
    .dropColumn('attribution')
    .execute();
  await db.schema
    .alterTable('partnership')
    .dropColumn('confidence')
    .dropColumn('url')
    .dropColumn('notes')
    .dropColumn('dates_as_given')
    .dropColumn('licence')
    .dropColumn('attribution')
    .execute();
}
