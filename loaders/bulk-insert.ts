/**
 * Writes many rows in statements of `chunkSize` rows (PostgreSQL caps a statement at 65,535 bind
 * parameters): `write` inserts one chunk, `progress` hears the rows written so far. For seeds and
 * the benchmark's synthetic scale-up; the caller owns the transaction, if any.
 *
 *   await insertInChunks(rows, (chunk) => trx.insertInto('legislation').values(chunk).execute());
 */
export async function insertInChunks<Row>(
  rows: readonly Row[],
  write: (chunk: Row[]) => Promise<unknown>,
  progress?: (written: number) => void,
  chunkSize = 500,
): Promise<number> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await write(chunk);
    progress?.(start + chunk.length);
  }
  return rows.length;
}
