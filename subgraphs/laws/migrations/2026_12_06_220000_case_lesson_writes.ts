import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports (the accent folding repeats loaders/text-fold.ts on
// purpose: a migration never changes).
//
// Case law and lessons learned become writable: a review status (focal points propose, editors
// review), a licence beside the source, write times, accent-folded search vectors (the same
// PostgreSQL full-text search as laws, on the server and on PGlite), and crime-type and
// offence-category tags on lessons so both lists filter alike.
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśşšșťţțùúûüūůűųýÿźżž';
const PLAIN = 'aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrsssstttuuuuuuuuyyzzz';
const folded = (expression: string) =>
  sql.raw(`translate(lower(${expression}), '${ACCENTED}', '${PLAIN}')`);
const REVIEW_STATUSES = sql`review_status in ('PENDING_REVIEW', 'PUBLISHED', 'REJECTED', 'ARCHIVED')`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['case_law', 'lesson_learned']) {
    await db.schema.alterTable(table).addColumn('licence', 'text').execute();
    await db.schema
      .alterTable(table)
      .addColumn('review_status', 'text', (c) =>
        c.notNull().defaultTo('PUBLISHED').check(REVIEW_STATUSES),
      )
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  }
  await db.schema
    .alterTable('lesson_learned')
    .addColumn('crime_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema
    .alterTable('lesson_learned')
    .addColumn('offence_categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .alterTable('case_law')
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`to_tsvector('english'::regconfig, ${folded(`coalesce(case_name, '') || ' ' || coalesce(case_number, '') || ' ' || coalesce(court, '') || ' ' || coalesce(fact_summary, '') || ' ' || coalesce(notes, '')`)})`,
        )
        .stored(),
    )
    .execute();
  await db.schema
    .alterTable('lesson_learned')
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`to_tsvector('english'::regconfig, ${folded(`coalesce(title, '') || ' ' || coalesce(issuing_body, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(notes, '')`)})`,
        )
        .stored(),
    )
    .execute();
  for (const [table, column] of [
    ['case_law', 'search'],
    ['case_law', 'crime_types'],
    ['case_law', 'offence_categories'],
    ['lesson_learned', 'search'],
    ['lesson_learned', 'crime_types'],
    ['lesson_learned', 'offence_categories'],
  ] as const) {
    await db.schema
      .createIndex(`${table}_${column}_idx`)
      .on(table)
      .using('gin')
      .column(column)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_law', 'lesson_learned']) {
    for (const column of ['search', 'updated_at', 'created_at', 'review_status', 'licence']) {
      await db.schema.alterTable(table).dropColumn(column).execute();
    }
  }
  await db.schema.alterTable('lesson_learned').dropColumn('offence_categories').execute();
  await db.schema.alterTable('lesson_learned').dropColumn('crime_types').execute();
}
