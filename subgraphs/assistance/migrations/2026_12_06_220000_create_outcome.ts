import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. What changed after assistance: one outcome, linked to
// the activity and/or request it followed (same schema: foreign keys) and by plain key to the
// needs assessment, finding (member-states) and law (laws) it refers to.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outcome')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('LEGISLATION_ADOPTED', 'LEGISLATION_AMENDED', 'INSTITUTION_ESTABLISHED', 'PRACTITIONERS_CERTIFIED', 'CASES_HANDLED', 'POLICY_ADOPTED', 'OTHER')`,
        ),
    )
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.check(sql`count >= 0`))
    .addColumn('activity_id', 'text', (c) => c.references('activity.id'))
    .addColumn('request_id', 'text', (c) => c.references('assistance_request.id'))
    .addColumn('needs_assessment_id', 'text')
    .addColumn('finding_id', 'text')
    .addColumn('legislation_id', 'text')
    .addColumn('evidence_source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('outcome_link', sql`activity_id is not null or request_id is not null`)
    .execute();
  await db.schema.createIndex('outcome_activity_idx').on('outcome').column('activity_id').execute();
  await db.schema.createIndex('outcome_request_idx').on('outcome').column('request_id').execute();
  await db.schema.createIndex('outcome_country_idx').on('outcome').column('country_iso3').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outcome').execute();
}
