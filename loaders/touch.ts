import { sql, type ColumnType, type RawBuilder } from 'kysely';

/**
 * The `updated_at` column of every table: read as a Date, never inserted (the column's default
 * sets it), and set on update only by `touch()`, the database's clock.
 */
export type UpdatedAt = ColumnType<Date, never, RawBuilder<Date>>;

/** `.set({ ...changes, updated_at: touch() })`: the database's `now()`, typed for `UpdatedAt`. */
export function touch(): RawBuilder<Date> {
  return sql<Date>`now()`;
}
