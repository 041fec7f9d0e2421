import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. What real IATI publisher files contain (issue 22,
// item 6): negative transaction values (reversals and corrections, netted in totals), regions as
// recipients, planned disbursements, and organisations known only by a reference or a name,
// recorded here as unverified (the partners subgraph owns the organisation itself).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('known_organization')
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .alterTable('known_organization')
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // A reversal or correction is a negative transaction.
  await db.schema
    .alterTable('funding_transaction')
    .dropConstraint('funding_transaction_amount_check')
    .ifExists()
    .execute();

  await db.schema
    .createTable('project_recipient_region')
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('vocabulary', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('percentage', sql`numeric(5,2)`, (c) =>
      c.check(sql`percentage > 0 and percentage <= 100`),
    )
    .addPrimaryKeyConstraint('project_recipient_region_pkey', ['project_id', 'vocabulary', 'code'])
    .execute();

  await db.schema
    .createTable('planned_disbursement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('project.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('ORIGINAL', 'REVISED')`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date')
    .addColumn('amount', 'numeric', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('value_date', 'date', (c) => c.notNull())
    .addColumn('provider_org_id', 'text')
    .addColumn('receiver_org_id', 'text')
    .addColumn('synthetic', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('archived', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex('planned_disbursement_project_idx')
    .on('planned_disbursement')
    .column('project_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('planned_disbursement').execute();
  await db.schema.dropTable('project_recipient_region').execute();
  await db.schema
    .alterTable('funding_transaction')
    .addCheckConstraint('funding_transaction_amount_check', sql`amount >= 0`)
    .execute();
  await db.schema.alterTable('known_organization').dropColumn('synthetic').execute();
  await db.schema.alterTable('known_organization').dropColumn('verified').execute();
}
