import { sql, type Kysely } from 'kysely';

// Frozen in time: no application imports (the accent folding below repeats loaders/text-fold.ts
// on purpose: a migration never changes).
//
// 1. The law catalogue: a law is a CURATED record or a CATALOGUE_ENTRY (title and link as a
//    catalogue such as UNCTAD's lists it, no type or dates invented); a curated record keeps the
//    catalogue's link as a second source. Status UNKNOWN where the source does not say.
// 2. Treaty actions as dated history, and WITHDRAWN as a participation status.
// 3. Search: accent-folded text vectors, a synonym and spelling-variant table, and the States'
//    M49 areas for region filters.
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśşšșťţțùúûüūůűųýÿźżž';
const PLAIN = 'aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorrsssstttuuuuuuuuyyzzz';
const folded = (expression: string) =>
  sql.raw(`translate(lower(${expression}), '${ACCENTED}', '${PLAIN}')`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('legislation')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('CURATED')
        .check(sql`kind in ('CURATED', 'CATALOGUE_ENTRY')`),
    )
    .execute();
  await db.schema.alterTable('legislation').addColumn('licence', 'text').execute();
  await db.schema.alterTable('legislation').addColumn('catalogue_ref', 'text').execute();
  await db.schema.alterTable('legislation').addColumn('catalogue_title', 'text').execute();
  await db.schema.alterTable('legislation').addColumn('catalogue_url', 'text').execute();
  await db.schema.alterTable('legislation').addColumn('catalogue_source', 'text').execute();
  await db.schema.alterTable('legislation').addColumn('catalogue_licence', 'text').execute();
  await db.schema
    .alterTable('legislation')
    .alterColumn('type', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .createIndex('legislation_catalogue_ref_key')
    .on('legislation')
    .column('catalogue_ref')
    .unique()
    .execute();
  await db.schema
    .alterTable('legislation')
    .dropConstraint('legislation_status_check')
    .ifExists()
    .execute();
  await db.schema
    .alterTable('legislation')
    .addCheckConstraint(
      'legislation_status_check',
      sql`status in ('IN_FORCE', 'AMENDED', 'REPEALED', 'DRAFT', 'UNKNOWN')`,
    )
    .execute();

  // Search vectors over accent-folded text: "delitos informaticos" finds "Delitos Informáticos".
  await db.schema.alterTable('legislation').dropColumn('search').execute();
  await db.schema
    .alterTable('legislation')
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`to_tsvector('english'::regconfig, ${folded(`coalesce(title, '') || ' ' || coalesce(original_title, '') || ' ' || coalesce(catalogue_title, '') || ' ' || coalesce(notes, '')`)})`,
        )
        .stored(),
    )
    .execute();
  await db.schema
    .createIndex('legislation_search_idx')
    .on('legislation')
    .using('gin')
    .column('search')
    .execute();
  await db.schema.alterTable('legal_provision').dropColumn('search').execute();
  await db.schema
    .alterTable('legal_provision')
    .addColumn('search', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`to_tsvector('english'::regconfig, ${folded(`coalesce(label, '') || ' ' || coalesce(summary, '')`)})`,
        )
        .stored(),
    )
    .execute();
  await db.schema
    .createIndex('legal_provision_search_idx')
    .on('legal_provision')
    .using('gin')
    .column('search')
    .execute();

  await db.schema
    .createTable('search_synonym')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('alternative', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('SPELLING_VARIANT', 'SYNONYM')`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_synonym_pk', ['term', 'alternative'])
    .execute();

  await db.schema
    .createTable('state_area')
    .addColumn('iso3', 'char(3)', (c) => c.primaryKey())
    .addColumn('region_m49', 'text', (c) => c.notNull())
    .addColumn('subregion_m49', 'text', (c) => c.notNull())
    .addColumn('intermediate_region_m49', 'text')
    // UNCTAD Global Cyberlaw Tracker, cybercrime area (coverage: "law exists, provisions not yet
    // recorded"); null where the tracker has no row.
    .addColumn('unctad_cybercrime_status', 'text')
    .execute();

  await db.schema
    .alterTable('instrument_participation')
    .dropConstraint('instrument_participation_status_check')
    .ifExists()
    .execute();
  await db.schema
    .alterTable('instrument_participation')
    .addCheckConstraint(
      'instrument_participation_status_check',
      sql`status in ('PARTY', 'SIGNED', 'WITHDRAWN')`,
    )
    .execute();

  await db.schema
    .createTable('treaty_action')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instrument_code', 'text', (c) => c.notNull().references('instrument.code'))
    .addColumn('participant', 'text', (c) => c.notNull())
    .addColumn('participant_type', 'text', (c) =>
      c.notNull().check(sql`participant_type in ('STATE', 'OBSERVER_STATE', 'ORGANIZATION')`),
    )
    .addColumn('action', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`action in ('SIGNATURE', 'RATIFICATION', 'ACCEPTANCE', 'APPROVAL', 'ACCESSION', 'SUCCESSION', 'RESERVATION_OR_DECLARATION', 'WITHDRAWAL', 'STATUS_CONFIRMED')`,
        ),
    )
    .addColumn('action_on', 'date', (c) => c.notNull())
    .addColumn('confirmed_status', 'text', (c) =>
      c.check(sql`confirmed_status in ('PARTY', 'SIGNED')`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('SEED', 'EDITOR')`))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'treaty_action_confirmed_status',
      sql`(action = 'STATUS_CONFIRMED') = (confirmed_status is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('treaty_action_instrument_idx')
    .on('treaty_action')
    .columns(['instrument_code', 'action_on'])
    .execute();
  await db.schema
    .createIndex('treaty_action_participant_idx')
    .on('treaty_action')
    .columns(['participant', 'action_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('treaty_action').execute();
  await db.schema.dropTable('state_area').execute();
  await db.schema.dropTable('search_synonym').execute();
}
