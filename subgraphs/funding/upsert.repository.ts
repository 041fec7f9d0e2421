import { sql, type Kysely } from 'kysely';

/**
 * Inserts rows, or rewrites one only when a value differs, and counts both: a second run with the
 * same data reports zero inserted and zero updated.
 */
export async function upsert(
  // The helper serves every table; the row types are checked where the rows are built.
  trx: Kysely<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  table: string,
  rows: readonly Record<string, unknown>[],
  keys: readonly string[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) {
    return { inserted: 0, updated: 0 };
  }
  const columns = Object.keys(rows[0]!).filter((c) => !keys.includes(c));
  const result = await trx
    .insertInto(table)
    .values([...rows])
    .onConflict((oc) => {
      const target = oc.columns(keys);
      if (columns.length === 0) {
        return target.doNothing();
      }
      return target
        .doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])))
        .where(
          sql<boolean>`(${sql.join(columns.map((c) => sql.ref(`${table}.${c}`)))}) is distinct from (${sql.join(columns.map((c) => sql.ref(`excluded.${c}`)))})`,
        );
    })
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = result.filter((r) => (r as { inserted: boolean }).inserted).length;
  return { inserted, updated: result.length - inserted };
}
