import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('needs_assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull().references('country.iso3'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('conducted_by_organization_ids', sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{}'`),
    )
    .addColumn('methodology', 'text', (c) => c.notNull())
    .addColumn('started_on', 'date')
    .addColumn('completed_on', 'date')
    .addColumn('areas', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('recommendations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('public_summary', 'text', (c) => c.notNull())
    .addColumn('confidentiality', 'text', (c) =>
      c
        .notNull()
        .defaultTo('RESTRICTED')
        .check(sql`confidentiality in ('PUBLIC', 'RESTRICTED', 'CONFIDENTIAL')`),
    )
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'needs_assessment_dates',
      sql`completed_on is null or started_on is null or completed_on >= started_on`,
    )
    .execute();
  await db.schema
    .createIndex('needs_assessment_country_idx')
    .on('needs_assessment')
    .column('country_iso3')
    .execute();

  await db.schema
    .createTable('needs_finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('needs_assessment.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('gap', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('HIGH', 'MEDIUM', 'LOW')`),
    )
    .execute();
  await db.schema
    .createIndex('needs_finding_assessment_idx')
    .on('needs_finding')
    .columns(['assessment_id', 'ordinal'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('needs_finding').execute();
  await db.schema.dropTable('needs_assessment').execute();
}
