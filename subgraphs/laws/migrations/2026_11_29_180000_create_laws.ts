import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('code_entry')
    .addColumn('list', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`list in ('OFFENCE_CATEGORY', 'PROCEDURAL_POWER', 'COOPERATION_MECHANISM', 'CROSS_CUTTING_ISSUE', 'CRIME_TYPE')`,
        ),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text')
    .addColumn('article', 'text')
    .addColumn('concepts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addPrimaryKeyConstraint('code_entry_pk', ['list', 'code'])
    .execute();
  await db.schema.createIndex('code_entry_scheme_idx').on('code_entry').column('scheme').execute();

  await db.schema
    .createTable('instrument')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('short_title', 'text', (c) => c.notNull())
    .addColumn('series_number', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('depositary', 'text')
    .addColumn('parent_code', 'text', (c) => c.references('instrument.code'))
    .addColumn('adopted_on', 'date')
    .addColumn('opened_for_signature_on', 'date')
    .addColumn('opened_for_signature_at', 'text')
    .addColumn('signature_closes_on', 'date')
    .addColumn('entry_into_force_on', 'date')
    .addColumn('entry_into_force_rule', 'text')
    .addColumn('consents_needed', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();

  await db.schema
    .createTable('instrument_participation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instrument_code', 'text', (c) => c.notNull().references('instrument.code'))
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('participant_type', 'text', (c) =>
      c.notNull().check(sql`participant_type in ('STATE', 'OBSERVER_STATE', 'ORGANIZATION')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('PARTY', 'SIGNED')`))
    .addColumn('signed_on', 'date')
    .addColumn('consent_type', 'text')
    .addColumn('consent_on', 'date')
    .addColumn('entry_into_force_on', 'date')
    .addColumn('as_of', 'date')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addUniqueConstraint('instrument_participation_unique', ['instrument_code', 'participant'])
    .execute();
  await db.schema
    .createIndex('instrument_participation_participant_idx')
    .on('instrument_participation')
    .column('participant')
    .execute();

  await db.schema
    .createTable('legislation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('original_title', 'text')
    .addColumn('original_language', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('adopted_on', 'date')
    .addColumn('in_force_on', 'date')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('IN_FORCE', 'AMENDED', 'REPEALED', 'DRAFT')`),
    )
    .addColumn('amends', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('document_url', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('last_verified_on', 'date')
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('review_status', 'text', (c) =>
      c
        .notNull()
        .check(sql`review_status in ('PENDING_REVIEW', 'PUBLISHED', 'REJECTED', 'ARCHIVED')`),
    )
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(original_title, '') || ' ' || coalesce(notes, ''))`,
        )
        .stored(),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('legislation_country_idx')
    .on('legislation')
    .columns(['country_iso3', 'id'])
    .execute();
  await db.schema
    .createIndex('legislation_search_idx')
    .on('legislation')
    .using('gin')
    .column('search')
    .execute();

  await db.schema
    .createTable('legal_provision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('legislation_id', 'text', (c) => c.notNull().references('legislation.id'))
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('offence_categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('procedural_powers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cooperation_mechanisms', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cross_cutting_issues', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('instrument_articles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('review_status', 'text', (c) =>
      c
        .notNull()
        .check(sql`review_status in ('PENDING_REVIEW', 'PUBLISHED', 'REJECTED', 'ARCHIVED')`),
    )
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`to_tsvector('english'::regconfig, coalesce(label, '') || ' ' || coalesce(summary, ''))`,
        )
        .stored(),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('legal_provision_legislation_idx')
    .on('legal_provision')
    .columns(['legislation_id', 'sort_order'])
    .execute();
  await db.schema
    .createIndex('legal_provision_country_idx')
    .on('legal_provision')
    .columns(['country_iso3', 'id'])
    .execute();
  await db.schema
    .createIndex('legal_provision_search_idx')
    .on('legal_provision')
    .using('gin')
    .column('search')
    .execute();
  await db.schema
    .createIndex('legal_provision_offences_idx')
    .on('legal_provision')
    .using('gin')
    .column('offence_categories')
    .execute();
  await db.schema
    .createIndex('legal_provision_powers_idx')
    .on('legal_provision')
    .using('gin')
    .column('procedural_powers')
    .execute();

  await db.schema
    .createTable('case_law')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_iso3s', sql`text[]`, (c) => c.notNull())
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_level', 'text', (c) => c.notNull())
    .addColumn('case_name', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text')
    .addColumn('decision_date', 'date')
    .addColumn('year', 'integer')
    .addColumn('crime_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('offence_categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cross_cutting_issues', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('legislation_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('fact_summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createIndex('case_law_countries_idx')
    .on('case_law')
    .using('gin')
    .column('country_iso3s')
    .execute();

  await db.schema
    .createTable('lesson_learned')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_iso3', 'char(3)')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('published_on', 'date')
    .addColumn('issuing_body', 'text')
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createIndex('lesson_learned_country_idx')
    .on('lesson_learned')
    .column('country_iso3')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'lesson_learned',
    'case_law',
    'legal_provision',
    'legislation',
    'instrument_participation',
    'instrument',
    'code_entry',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
