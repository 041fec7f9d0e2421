import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. UNCTAD's per-country status of five areas of law, and
// the former and other names practitioners search countries by.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cyberlaw_status')
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull().references('country.iso3'))
    .addColumn('area', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`area in ('CYBERCRIME', 'E_TRANSACTIONS', 'DATA_PROTECTION', 'CONSUMER_PROTECTION', 'INDIRECT_TAXATION')`,
        ),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('LEGISLATION', 'DRAFT_LEGISLATION', 'NO_LEGISLATION', 'NO_DATA')`),
    )
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('unctad_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addPrimaryKeyConstraint('cyberlaw_status_pk', ['country_iso3', 'area'])
    .execute();
  await db.schema
    .createIndex('cyberlaw_status_area_idx')
    .on('cyberlaw_status')
    .columns(['area', 'status'])
    .execute();

  await db.schema
    .createTable('country_alias')
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull().references('country.iso3'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('FORMER_NAME', 'OTHER_NAME')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('country_alias_pk', ['country_iso3', 'alias'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('country_alias').execute();
  await db.schema.dropTable('cyberlaw_status').execute();
}
