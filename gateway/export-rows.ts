/** A GraphQL answer's `data` as rows and columns, for CSV and XLSX exports. */

/**
 * At most this many rows in one file. Sibling lists multiply (every combination is a row), so a
 * small answer can flatten into a huge file; past this the request is refused before any byte is
 * written, with `EXPORT_TOO_LARGE`.
 */
export const MAX_EXPORT_ROWS = 200_000;

/** Rows handled between two yields to the event loop, so a large file never blocks it. */
const ROWS_PER_TURN = 500;

type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

const isScalar = (value: unknown): value is Cell =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * The rows of a GraphQL result's `data`, one per combination of list items, with dotted column
 * names (`countries.region.name`). A connection's `edges` and `node` add no segment, so
 * `countries.edges.node.iso3` is the column `countries.iso3`; its `totalCount` and `pageInfo`
 * repeat on each row. A list of scalars is one cell, its items joined by `; `. An empty list keeps
 * its parent's row, with its columns empty. Generated lazily: memory stays at the depth of the
 * answer, whatever the number of rows.
 */
export function* flattenRows(value: unknown, prefix = '', inEdge = false): Generator<Row> {
  if (isScalar(value) || value === undefined) {
    yield prefix === '' ? {} : { [prefix]: value ?? null };
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isScalar)) {
      yield {
        [prefix]: value.map((item) => String(item ?? '')).join('; '),
      };
      return;
    }
    if (value.length === 0) {
      yield {};
      return;
    }
    for (const item of value) {
      yield* flattenRows(item, prefix, inEdge);
    }
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(([key, child]) => {
    const connectionSegment =
      (key === 'edges' && Array.isArray(child)) || (inEdge && key === 'node');
    return {
      child,
      prefix: connectionSegment ? prefix : prefix === '' ? key : `${prefix}.${key}`,
      inEdge: key === 'edges' && Array.isArray(child),
    };
  });
  function* product(index: number, row: Row): Generator<Row> {
    const entry = entries[index];
    if (!entry) {
      yield row;
      return;
    }
    for (const part of flattenRows(entry.child, entry.prefix, entry.inEdge)) {
      yield* product(index + 1, { ...row, ...part });
    }
  }
  yield* product(0, {});
}

/** Yields to the event loop every `ROWS_PER_TURN` rows. */
export async function* paced(rows: Iterable<Row>): AsyncGenerator<Row> {
  let n = 0;
  for (const row of rows) {
    yield row;
    n += 1;
    if (n % ROWS_PER_TURN === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * The columns (in the order the answer names them) and the number of rows of `flattenRows(data)`,
 * worked out from the answer's shape in one walk, without making the rows: a result that would
 * flatten into millions of rows is refused at once. `undefined` past `maxRows`.
 */
export function columnsOf(
  data: unknown,
  maxRows: number = MAX_EXPORT_ROWS,
): { columns: string[]; rows: number } | undefined {
  const columns = new Set<string>();
  const walk = (value: unknown, prefix: string, inEdge: boolean): number => {
    if (isScalar(value) || value === undefined) {
      if (prefix !== '') {
        columns.add(prefix);
      }
      return 1;
    }
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isScalar)) {
        columns.add(prefix);
        return 1;
      }
      if (value.length === 0) {
        return 1;
      }
      return value.reduce<number>((sum, item) => sum + walk(item, prefix, inEdge), 0);
    }
    let rows = 1;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const edges = key === 'edges' && Array.isArray(child);
      const segment = edges || (inEdge && key === 'node');
      rows *= walk(child, segment ? prefix : prefix === '' ? key : `${prefix}.${key}`, edges);
    }
    return rows;
  };
  const rows = walk(data, '', false);
  return rows > maxRows ? undefined : { columns: [...columns], rows };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (`=`, `+`, `@`, a tab, or `-` not starting a number) is
 * prefixed with `'`, so opening an export never runs what a record's text says (CSV injection).
 */
export function csvField(value: Cell | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^([=+@\t\r]|-(?![\d.]))/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
