import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Inserts the rows; on a key conflict rewrites a row only where a value differs, so a second run
 * of a seed updates nothing. `db` is a subgraph's handle (or transaction) on its own schema.
 * Returns [inserted, updated].
 */
export async function upsertChanged(
  // Any subgraph's tables: the rows are checked by their table types at the call site.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  table: string,
  keys: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<[number, number]> {
  if (rows.length === 0) {
    return [0, 0];
  }
  const columns = Object.keys(rows[0] ?? {}).filter((c) => !keys.includes(c));
  const t = sql.table(table);
  const cols = sql.join(columns.map((c) => sql`${t}.${sql.ref(c)}`));
  const excluded = sql.join(columns.map((c) => sql.ref(`excluded.${c}`)));
  const result = await (db as AnyDb)
    .insertInto(table)
    .values(rows as Record<string, unknown>[])
    .onConflict((oc) =>
      oc
        .columns(keys as string[])
        .doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])))
        .where(sql<boolean>`(${cols}) is distinct from (${excluded})`),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = result.filter((r) => (r as { inserted: boolean }).inserted).length;
  return [inserted, result.length - inserted];
}

/** Inserts rows whose key is new; leaves existing rows alone (editors curate them in place). */
export async function insertNew(
  // Any subgraph's tables: the rows are checked by their table types at the call site.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  table: string,
  keys: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const result = await (db as AnyDb)
    .insertInto(table)
    .values(rows as Record<string, unknown>[])
    .onConflict((oc) => oc.columns(keys as string[]).doNothing())
    .returning(sql<number>`1`.as('one'))
    .execute();
  return result.length;
}
