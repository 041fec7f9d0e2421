import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports. One published value of a capability index for one
// country: a score, a tier, or both, always with its source.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('capability_indicator')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_iso3', 'char(3)', (c) => c.notNull().references('country.iso3'))
    .addColumn('index_name', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('pillar', 'text', (c) => c.notNull())
    .addColumn('score', 'numeric', (c) => c.check(sql`score >= 0`))
    .addColumn('score_max', 'numeric', (c) => c.check(sql`score_max > 0`))
    .addColumn('tier', 'text')
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('capability_indicator_value', sql`score is not null or tier is not null`)
    .addCheckConstraint(
      'capability_indicator_score_range',
      sql`score is null or (score_max is not null and score <= score_max)`,
    )
    .addUniqueConstraint('capability_indicator_edition_key', [
      'country_iso3',
      'index_name',
      'edition',
      'pillar',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('capability_indicator').execute();
}
