import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. Links to other subgraphs are plain key columns (and
// arrays of keys), never cross-schema foreign keys.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('known_country')
    .addColumn('iso3', 'char(3)', (c) => c.primaryKey())
    .addColumn('region_m49', 'char(3)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('known_organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('known_project')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('known_offence_category')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reported_result')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('value', 'numeric')
    .addColumn('unit', 'text')
    .addColumn('value_note', 'text')
    .addColumn('country_iso3', 'char(3)')
    .addColumn('gpc_pillar', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();

  await db.schema
    .createTable('assistance_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull())
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('gpc_areas', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('RECEIVED', 'ASSESSED', 'IN_DELIVERY', 'MET', 'DECLINED')`),
    )
    .addColumn('needs_assessment_id', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('assistance_request_country_idx')
    .on('assistance_request')
    .columns(['country_iso3', 'received_on'])
    .execute();

  await db.schema
    .createTable('request_status_change')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('assistance_request.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('request_status_change_request_idx')
    .on('request_status_change')
    .columns(['request_id', 'changed_on'])
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`type in ('TRAINING', 'LEGISLATIVE_ADVICE', 'MENTORING', 'EQUIPMENT', 'ASSESSMENT_MISSION', 'CONFERENCE')`,
        ),
    )
    .addColumn('modality', 'text', (c) =>
      c.check(sql`modality in ('IN_PERSON', 'ONLINE', 'HYBRID')`),
    )
    .addColumn('start_date', 'date')
    .addColumn('end_date', 'date')
    .addColumn('location_iso3', 'char(3)')
    .addColumn('location_city', 'text')
    .addColumn('beneficiary_iso3s', sql`text[]`, (c) => c.notNull())
    .addColumn('beneficiary_institutions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('implementer_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('gpc_pillar', 'text', (c) => c.notNull())
    .addColumn('gpc_areas', sql`text[]`, (c) => c.notNull())
    .addColumn('offence_category_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('participants_total', 'integer')
    .addColumn('participants_female', 'integer')
    .addColumn('participants_male', 'integer')
    .addColumn('participants_other', 'integer')
    .addColumn('participants_by_role', 'jsonb')
    .addColumn('needs_assessment_id', 'text')
    .addColumn('request_id', 'text', (c) => c.references('assistance_request.id'))
    .addColumn('legislation_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('provision_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('submitted_by_org_id', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('activity_dates_check', sql`end_date >= start_date`)
    .execute();
  for (const column of ['beneficiary_iso3s', 'implementer_ids', 'provision_ids']) {
    await db.schema
      .createIndex(`activity_${column}_idx`)
      .on('activity')
      .using('gin')
      .column(column)
      .execute();
  }
  await db.schema.createIndex('activity_project_idx').on('activity').column('project_id').execute();
  await db.schema
    .createIndex('activity_assessment_idx')
    .on('activity')
    .column('needs_assessment_id')
    .execute();
  await db.schema.createIndex('activity_request_idx').on('activity').column('request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'activity',
    'request_status_change',
    'assistance_request',
    'reported_result',
    'known_offence_category',
    'known_project',
    'known_organization',
    'known_country',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
