import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports.
export async function up(db: Kysely<any>): Promise<void> {
  // The M49 region of each country, copied from the member-states seed: member-states owns
  // countries and regions; this table only lets partners validate keys and group by region.
  await db.schema
    .createTable('country_region')
    .addColumn('iso3', 'char(3)', (c) => c.primaryKey())
    .addColumn('region_m49', 'char(3)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('acronym', 'text')
    .addColumn('partner_category', 'text', (c) => c.notNull())
    .addColumn('iati_org_type', 'text')
    .addColumn('crs_channel_code', 'text')
    .addColumn('iati_org_id', 'text')
    .addColumn('hq_country_iso3', 'char(3)', (c) => c.references('country_region.iso3'))
    .addColumn('website', 'text')
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('PUBLISHED'))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('organization_name_idx')
    .on('organization')
    .columns(['name', 'id'])
    .execute();

  await db.schema
    .createTable('organization_country')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull().references('country_region.iso3'))
    .addPrimaryKeyConstraint('organization_country_pk', ['organization_id', 'country_iso3'])
    .execute();
  await db.schema
    .createIndex('organization_country_iso3_idx')
    .on('organization_country')
    .column('country_iso3')
    .execute();

  await db.schema
    .createTable('partnership')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text')
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('partnership_dates_check', sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema
    .createIndex('partnership_start_idx')
    .on('partnership')
    .columns(['start_date', 'id'])
    .execute();

  await db.schema
    .createTable('partnership_member')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_member_pk', ['partnership_id', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('partnership_member_org_idx')
    .on('partnership_member')
    .column('organization_id')
    .execute();

  await db.schema
    .createTable('partnership_theme')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_theme_pk', ['partnership_id', 'theme'])
    .execute();

  await db.schema
    .createTable('partnership_country')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnership.id'))
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull().references('country_region.iso3'))
    .addColumn('region_m49', 'char(3)', (c) => c.notNull())
    .addPrimaryKeyConstraint('partnership_country_pk', ['partnership_id', 'country_iso3'])
    .execute();
  await db.schema
    .createIndex('partnership_country_iso3_idx')
    .on('partnership_country')
    .column('country_iso3')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'partnership_country',
    'partnership_theme',
    'partnership_member',
    'partnership',
    'organization_country',
    'organization',
    'country_region',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
