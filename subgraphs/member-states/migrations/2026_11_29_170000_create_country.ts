import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('m49_region')
    .addColumn('m49', 'char(3)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('REGION', 'SUBREGION', 'INTERMEDIATE_REGION')`),
    )
    .addColumn('parent_m49', 'char(3)')
    .addColumn('member_state_count', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('country')
    .addColumn('iso3', 'char(3)', (c) => c.primaryKey())
    .addColumn('iso2', 'char(2)', (c) => c.notNull().unique())
    .addColumn('m49', 'char(3)', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_common', 'text')
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('names_source', 'text', (c) => c.notNull())
    .addColumn('region_m49', 'char(3)', (c) => c.notNull().references('m49_region.m49'))
    .addColumn('subregion_m49', 'char(3)', (c) => c.notNull().references('m49_region.m49'))
    .addColumn('intermediate_region_m49', 'char(3)', (c) => c.references('m49_region.m49'))
    .addColumn('un_regional_group', 'text')
    .addColumn('member_status', 'text', (c) =>
      c.notNull().check(sql`member_status in ('MEMBER', 'OBSERVER')`),
    )
    .addColumn('observer_status_basis', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.createIndex('country_region_idx').on('country').column('region_m49').execute();
  await db.schema
    .createIndex('country_subregion_idx')
    .on('country')
    .column('subregion_m49')
    .execute();
  await db.schema.createIndex('country_name_idx').on('country').columns(['name', 'iso3']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('country').execute();
  await db.schema.dropTable('m49_region').execute();
}
