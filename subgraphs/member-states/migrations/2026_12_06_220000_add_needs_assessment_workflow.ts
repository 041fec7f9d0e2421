import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. Needs assessments become a workflow (requested →
// recorded → accepted) with the assessed State's consent to share; findings can be closed or
// re-rated by a later assessment of the same State, the history kept; capability indicators can
// be corrected and withdrawn. Rows from before (the seed's) stay ACCEPTED, with consent NONE:
// nothing recorded a State's consent for them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('needs_assessment')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ACCEPTED')
        .check(sql`status in ('REQUESTED', 'RECORDED', 'ACCEPTED')`),
    )
    .addColumn('consent', 'text', (c) =>
      c
        .notNull()
        .defaultTo('NONE')
        .check(sql`consent in ('NONE', 'AGGREGATE', 'FULL')`),
    )
    .addColumn('requested_on', 'date')
    .addColumn('accepted_on', 'date')
    .execute();
  await db.schema
    .alterTable('needs_finding')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('OPEN')
        .check(sql`status in ('OPEN', 'CLOSED')`),
    )
    .addColumn('closed_by_assessment_id', 'text', (c) => c.references('needs_assessment.id'))
    .execute();
  await db.schema
    .createTable('needs_finding_change')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('needs_finding.id'))
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('needs_assessment.id'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('CLOSED', 'RERATED')`))
    .addColumn('severity_before', 'text', (c) => c.notNull())
    .addColumn('severity_after', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('needs_finding_change_finding_idx')
    .on('needs_finding_change')
    .columns(['finding_id', 'id'])
    .execute();
  await db.schema
    .alterTable('capability_indicator')
    .addColumn('corrected_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawal_reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('capability_indicator')
    .dropColumn('withdrawal_reason')
    .dropColumn('withdrawn_at')
    .dropColumn('corrected_at')
    .execute();
  await db.schema.dropTable('needs_finding_change').execute();
  await db.schema
    .alterTable('needs_finding')
    .dropColumn('closed_by_assessment_id')
    .dropColumn('status')
    .execute();
  await db.schema
    .alterTable('needs_assessment')
    .dropColumn('accepted_on')
    .dropColumn('requested_on')
    .dropColumn('consent')
    .dropColumn('status')
    .execute();
}
