import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. Money is `numeric`, never a float.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('known_organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('iati_org_id', 'text', (c) => c.unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('known_country')
    .addColumn('iso3', 'char(3)', (c) => c.primaryKey())
    .addColumn('iso2', 'char(2)', (c) => c.notNull().unique())
    .addColumn('region_m49', 'char(3)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exchange_rate')
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}(-[0-9]{2})?$'`))
    .addColumn('units_per_usd', 'numeric', (c) => c.notNull().check(sql`units_per_usd > 0`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_rate_pkey', ['currency', 'period'])
    .execute();

  await db.schema
    .createTable('project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('iati_identifier', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'date')
    .addColumn('planned_end', 'date')
    .addColumn('actual_start', 'date')
    .addColumn('actual_end', 'date')
    .addColumn('parent_id', 'text', (c) => c.references('project.id'))
    .addColumn('gpc_pillars', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('gpc_areas', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sectors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('project_parent_idx').on('project').column('parent_id').execute();

  await db.schema
    .createTable('project_participant')
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('FUNDING', 'ACCOUNTABLE', 'EXTENDING', 'IMPLEMENTING')`),
    )
    .addPrimaryKeyConstraint('project_participant_pkey', ['project_id', 'organization_id', 'role'])
    .execute();

  await db.schema
    .createTable('project_recipient_country')
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull())
    .addColumn('percentage', sql`numeric(5,2)`, (c) =>
      c.check(sql`percentage > 0 and percentage <= 100`),
    )
    .addColumn('region_m49', 'char(3)', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_recipient_country_pkey', ['project_id', 'country_iso3'])
    .execute();

  await db.schema
    .createTable('funding_transaction')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('transaction_date', 'date', (c) => c.notNull())
    .addColumn('amount', 'numeric', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('value_date', 'date', (c) => c.notNull())
    .addColumn('provider_org_id', 'text')
    .addColumn('receiver_org_id', 'text')
    .addColumn('provider_activity_id', 'text')
    .addColumn('earmarking', 'text')
    .addColumn('description', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('submitted_by_org_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('funding_transaction_project_idx')
    .on('funding_transaction')
    .column('project_id')
    .execute();
  await db.schema
    .createIndex('funding_transaction_provider_idx')
    .on('funding_transaction')
    .column('provider_org_id')
    .execute();

  await db.schema
    .createTable('budget')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('ORIGINAL', 'REVISED')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('INDICATIVE', 'COMMITTED')`),
    )
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('amount', 'numeric', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('value_date', 'date', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('archived', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('budget_project_idx').on('budget').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'budget',
    'funding_transaction',
    'project_recipient_country',
    'project_participant',
    'project',
    'exchange_rate',
    'known_country',
    'known_organization',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
