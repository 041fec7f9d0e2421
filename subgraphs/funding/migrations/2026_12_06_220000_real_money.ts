import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. Real projects and money of the data pack (issue 22):
// projects and transactions carry their licence and attribution, and the contributions public
// sources name (with or without an amount) are kept as dated records, apart from transactions.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('project')
    .addColumn('licence', 'text')
    .addColumn('attribution', 'text')
    .execute();
  await db.schema
    .alterTable('funding_transaction')
    .addColumn('licence', 'text')
    .addColumn('attribution', 'text')
    .execute();
  await db.schema
    .createTable('contribution_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('donor_org_id', 'text', (c) => c.notNull())
    .addColumn('co_donor_org_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // As the source gives it: YYYY, YYYY-MM or YYYY-MM-DD; null when it gives none.
    .addColumn('date_as_given', 'text')
    .addColumn('value_date', 'date')
    .addColumn('amount', 'numeric', (c) => c.check(sql`amount >= 0`))
    .addColumn('currency', 'char(3)')
    .addColumn('type_as_given', 'text', (c) => c.notNull())
    .addColumn('recipient_or_project', 'text')
    .addColumn('purpose', 'text')
    .addColumn('gpc_link', 'text', (c) => c.notNull())
    .addColumn('attributed_to_gpc', 'boolean', (c) => c.notNull())
    .addColumn('counts_as_contribution', 'boolean', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('project.id'))
    .addColumn('transaction_id', 'text', (c) => c.references('funding_transaction.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'contribution_record_money',
      sql`(amount is null) = (currency is null) and (amount is null or value_date is not null)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contribution_record').execute();
  await db.schema
    .alterTable('funding_transaction')
    .dropColumn('licence')
    .dropColumn('attribution')
    .execute();
  await db.schema.alterTable('project').dropColumn('licence').dropColumn('attribution').execute();
}
