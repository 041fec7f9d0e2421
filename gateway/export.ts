import { once } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import ExcelJS from 'exceljs';
import { requestTarget, sendGraphQLError } from '../schema/server/http.js';
import { columnsOf, csvField, flattenRows, MAX_EXPORT_ROWS, paced } from './export-rows.js';

/** The formats a query's result can be exported in, and their media types. */
export const EXPORT_MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type ExportFormat = keyof typeof EXPORT_MEDIA_TYPES;

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
 * The data of a captured JSON answer, when it can be exported whole; otherwise the client is sent
 * why not (an unreadable answer, or errors: EXPORT_INCOMPLETE first) and `undefined` returned.
 */
function exportableData(
  res: ServerResponse,
  captured: { readonly status: number; readonly body: Buffer },
  format: ExportFormat,
): unknown {
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
    return undefined;
  }
  if ((answer.errors?.length ?? 0) > 0 || answer.data === null || answer.data === undefined) {
    sendError(res, captured.status >= 400 ? captured.status : 422, [
      {
        message: `The result has errors, so no ${format.toUpperCase()} file was made: a file missing part of the answer would pass for the whole. The errors follow.`,
        extensions: { code: 'EXPORT_INCOMPLETE' },
      },
      ...(answer.errors ?? []),
    ]);
    return undefined;
  }
  return answer.data;
}

/** Writes the file: headers first, then rows; a stream that fails once started is cut off. */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  format: ExportFormat,
  file: { readonly data: unknown; readonly columns: string[]; readonly rows: number },
  onError: ((error: unknown) => void) | undefined,
): Promise<void> {
  for (const header of ['content-length', 'etag']) {
    res.removeHeader(header);
  }
  res.writeHead(200, {
    'content-type':
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : EXPORT_MEDIA_TYPES.xlsx,
    'content-disposition': `attachment; filename="${fileName(req, format)}"`,
    'cache-control': 'no-store',
    'x-export-rows': String(file.rows),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    if (format === 'csv') {
      await writeCsv(res, file.data, file.columns);
    } else {
      await writeXlsx(res, file.data, file.columns);
    }
  } catch (error) {
    onError?.(error);
    // Cut off: the client sees an aborted transfer, never a clean end of a half file.
    res.destroy();
  }
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
    const data = exportableData(res, captured, format);
    if (data === undefined) {
      return;
    }
    const shape = columnsOf(data);
    if (!shape) {
      sendError(res, 413, [
        {
          message: `The result flattens into more than ${MAX_EXPORT_ROWS} rows (sibling lists multiply): export fewer lists at once, or page through them.`,
          extensions: { code: 'EXPORT_TOO_LARGE', maximum: MAX_EXPORT_ROWS },
        },
      ]);
      return;
    }
    await sendFile(req, res, format, { data, ...shape }, options.onError);
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
