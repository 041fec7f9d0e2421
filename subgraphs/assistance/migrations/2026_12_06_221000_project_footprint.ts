import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports.
export async function up(db: Kysely<any>): Promise<void> {
  // Where and when each real project runs and who implements it (the data pack's partnership
  // projects), so coordination finds projects of different implementers in one country.
  await db.schema
    .createTable('project_footprint')
    .addColumn('project_id', 'text', (c) => c.primaryKey())
    .addColumn('implementer_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('country_iso3s', sql`text[]`, (c) => c.notNull())
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('dates_as_given', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text')
    .addColumn('attribution', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_footprint').execute();
}
