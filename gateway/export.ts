import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { requestTarget, sendGraphQLError } from '../schema/server/http.js';

/** The formats a query's result can be exported in, and their media types. */
export const EXPORT_MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ExportFormat = keyof typeof EXPORT_MEDIA_TYPES;

/**
 * At most this many rows in one file. Sibling lists multiply (every combination is a row), so a
 * small answer can flatten into a huge file; past this the request is refused before any byte is
 * written, with `EXPORT_TOO_LARGE`.
 */
export const MAX_EXPORT_ROWS = 200_000;

/** Rows handled between two yields to the event loop, so a large file never blocks it. */
const ROWS_PER_TURN = 500;

export type Cell = string | number | boolean | null;
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
async function* paced(rows: Iterable<Row>): AsyncGenerator<Row> {
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

function formatParam(search: string): string | null {
  return new URLSearchParams(search).get('format');
}

/**
 * The export a request asks for: `?format=csv|xlsx`, or an `accept` header whose first type is
 * `text/csv` or the XLSX media type. `undefined`: a plain GraphQL request. `invalid`: a `format`
 * this gateway does not make.
 */
export function exportFormatOf(req: IncomingMessage): ExportFormat | 'invalid' | undefined {
  const format = formatParam(requestTarget(req.url).search);
  if (format !== null) {
    return format === 'csv' || format === 'xlsx' ? format : 'invalid';
  }
  const first = (req.headers.accept ?? '').split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  if (first === EXPORT_MEDIA_TYPES.csv) {
    return 'csv';
  }
  if (first === EXPORT_MEDIA_TYPES.xlsx) {
    return 'xlsx';
  }
  return undefined;
}

interface Captured {
  status: number;
  body: Buffer;
}

/**
 * Runs the GraphQL listener with the response held back: its status, headers (set on `res`, not
 * yet sent) and body are kept, so the export can look at the whole answer before it writes a byte.
 */
async function capture(
  listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Captured> {
  const chunks: Buffer[] = [];
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const toBuffer = (chunk: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk ?? ''), 'utf8');
  let status: number | undefined;
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const headers = rest.find((r) => r !== null && typeof r === 'object') as
      OutgoingHttpHeaders | undefined;
    for (const [key, value] of Object.entries(headers ?? {})) {
      if (value !== undefined) {
        res.setHeader(key, value);
      }
    }
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    chunks.push(toBuffer(chunk));
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') {
      chunks.push(toBuffer(chunk));
    }
    return res;
  }) as ServerResponse['end'];
  try {
    await listener(req, res);
  } finally {
    res.writeHead = original.writeHead;
    res.write = original.write;
    res.end = original.end;
  }
  return { status: status ?? res.statusCode, body: Buffer.concat(chunks) };
}

/** Writes and waits for the socket to drain when its buffer is full (backpressure). */
async function writeChunk(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) {
    await once(res, 'drain');
  }
}

/** `<operationName>.csv` from a GET's `operationName` or `x-apollo-operation-name`, else `result`. */
function fileName(req: IncomingMessage, format: ExportFormat): string {
  const header = req.headers['x-apollo-operation-name'];
  const name =
    new URLSearchParams(requestTarget(req.url).search).get('operationName') ??
    (typeof header === 'string' ? header : undefined);
  const safe = (name ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 100);
  return `${safe || 'result'}.${format}`;
}

/** A JSON error answer written after capture (the captured headers are replaced). */
function sendError(
  res: ServerResponse,
  status: number,
  errors: readonly unknown[],
  extra: Record<string, unknown> = {},
): void {
  for (const header of ['content-length', 'etag', 'content-type', 'cache-control']) {
    res.removeHeader(header);
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify({ errors, ...extra }));
}

/**
 * Wraps the GraphQL listener with exports: a request asking for CSV or XLSX runs as a JSON
 * request, and its answer is written as a file, row by row. A result with errors is never
 * exported (a file missing part of the answer would pass for the whole): the client gets the
 * errors, with `EXPORT_INCOMPLETE` first. A stream that fails once started is cut off (the
 * connection is destroyed, never ended cleanly), so a client never sees a truncated file as whole.
 */
export function withExport(
  listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: { readonly graphqlPath?: string; readonly onError?: (error: unknown) => void } = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  return async (req, res) => {
    const target = requestTarget(req.url);
    if (target.pathname !== graphqlPath) {
      await listener(req, res);
      return;
    }
    const format = exportFormatOf(req);
    if (format === undefined) {
      await listener(req, res);
      return;
    }
    if (format === 'invalid') {
      sendGraphQLError(
        res,
        400,
        'BAD_REQUEST',
        `format=${JSON.stringify(formatParam(target.search)?.slice(0, 40))} is not an export format: use format=csv or format=xlsx (or accept: text/csv, or ${EXPORT_MEDIA_TYPES.xlsx}).`,
      );
      return;
    }
    // The query itself runs as JSON; the file is made from its answer.
    const params = new URLSearchParams(target.search);
    params.delete('format');
    const search = params.toString();
    req.url = `${target.pathname}${search ? `?${search}` : ''}`;
    req.headers.accept = 'application/json';
    const captured = await capture(listener, req, res);
    let answer: { data?: unknown; errors?: unknown[] } | undefined;
    try {
      answer = JSON.parse(captured.body.toString('utf8')) as typeof answer;
    } catch {
      answer = undefined;
    }
    if (!answer || typeof answer !== 'object') {
      sendError(res, 502, [
        {
          message: 'The answer could not be read as JSON, so no file was made.',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      return;
    }
    if ((answer.errors?.length ?? 0) > 0 || answer.data === null || answer.data === undefined) {
      sendError(res, captured.status >= 400 ? captured.status : 422, [
        {
          message: `The result has errors, so no ${format.toUpperCase()} file was made: a file missing part of the answer would pass for the whole. The errors follow.`,
          extensions: { code: 'EXPORT_INCOMPLETE' },
        },
        ...(answer.errors ?? []),
      ]);
      return;
    }
    const shape = columnsOf(answer.data);
    if (!shape) {
      sendError(res, 413, [
        {
          message: `The result flattens into more than ${MAX_EXPORT_ROWS} rows (sibling lists multiply): export fewer lists at once, or page through them.`,
          extensions: { code: 'EXPORT_TOO_LARGE', maximum: MAX_EXPORT_ROWS },
        },
      ]);
      return;
    }
    for (const header of ['content-length', 'etag']) {
      res.removeHeader(header);
    }
    res.writeHead(200, {
      'content-type':
        format === 'csv' ? 'text/csv; charset=utf-8; header=present' : EXPORT_MEDIA_TYPES.xlsx,
      'content-disposition': `attachment; filename="${fileName(req, format)}"`,
      'cache-control': 'no-store',
      'x-export-rows': String(shape.rows),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      if (format === 'csv') {
        await writeCsv(res, answer.data, shape.columns);
      } else {
        await writeXlsx(res, answer.data, shape.columns);
      }
    } catch (error) {
      options.onError?.(error);
      // Cut off: the client sees an aborted transfer, never a clean end of a half file.
      res.destroy();
    }
  };
}

async function writeCsv(res: ServerResponse, data: unknown, columns: string[]): Promise<void> {
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  await writeChunk(res, `\uFEFF${columns.map(csvField).join(',')}\r\n`);
  let batch = '';
  for await (const row of paced(flattenRows(data))) {
    batch += `${columns.map((column) => csvField(row[column])).join(',')}\r\n`;
    if (batch.length > 64 * 1024) {
      await writeChunk(res, batch);
      batch = '';
    }
  }
  res.end(batch);
  await once(res, 'finish');
}

/**
 * XLSX through exceljs's streaming writer: each row is committed to the zip stream as it is made,
 * so the workbook is never held in memory whole (its in-memory `Workbook` would hold every cell).
 */
async function writeXlsx(res: ServerResponse, data: unknown, columns: string[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('result');
  sheet.columns = columns.map((column) => ({ header: column, key: column }));
  for await (const row of paced(flattenRows(data))) {
    sheet.addRow(columns.map((column) => row[column] ?? null)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
