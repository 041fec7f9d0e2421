/** Rows with the statement that writes a chunk of them (made by `rowsFor`). */
export interface ChunkedWrite {
  readonly count: number;
  run(chunkSize: number, progress: (written: number) => void): Promise<void>;
}

/** Pairs rows with the statement writing one chunk of them, keeping the row type checked. */
export function rowsFor<Row>(
  rows: readonly Row[],
  write: (chunk: Row[]) => Promise<unknown>,
): ChunkedWrite {
  return {
    count: rows.length,
    async run(chunkSize, progress) {
      for (let start = 0; start < rows.length; start += chunkSize) {
        const chunk = rows.slice(start, start + chunkSize);
        await write(chunk);
        progress(start + chunk.length);
      }
    },
  };
}

/**
 * Writes several tables' rows in order, in statements of `chunkSize` rows (PostgreSQL caps a
 * statement at 65,535 bind parameters), reporting rows written of all tables so far. For seeds
 * and the benchmark's synthetic scale-up; the caller owns the transaction.
 *
 *   await insertInChunks([rowsFor(laws, (c) => trx.insertInto('legislation').values(c).execute())], progress);
 */
export async function insertInChunks(
  writes: readonly ChunkedWrite[],
  progress: (done: number, total: number) => void = () => undefined,
  chunkSize = 500,
): Promise<number> {
  const total = writes.reduce((n, w) => n + w.count, 0);
  let before = 0;
  for (const write of writes) {
    await write.run(chunkSize, (written) => progress(before + written, total));
    before += write.count;
  }
  progress(total, total);
  return total;
}
