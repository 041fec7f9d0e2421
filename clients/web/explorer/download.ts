import { GRAPHQL_URL, requestHeaders } from './session.js';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

interface DownloadRequest {
  readonly format: ExportFormat;
  readonly query: string;
  readonly variables: string;
  readonly headers: string;
  readonly operationName?: string;
}

function parseObject(text: string, what: string): Record<string, unknown> {
  if (text.trim() === '') {
    return {};
  }
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`The ${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/**
 * Asks the gateway for the query's result in `format` (the same request as a run, with an
 * `accept` of the file's media type) and saves it. Answers with a line for the status bar: what
 * was saved, or the error the gateway gave (then nothing is saved: no half file).
 */
export async function downloadResult(request: DownloadRequest): Promise<string> {
  let variables: Record<string, unknown>;
  let headers: Record<string, string>;
  try {
    variables = parseObject(request.variables, 'variables');
    headers = Object.fromEntries(
      Object.entries(parseObject(request.headers, 'headers')).map(([k, v]) => [k, String(v)]),
    );
  } catch (error) {
    return `Not downloaded: ${(error as Error).message}`;
  }
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: requestHeaders({
      ...headers,
      accept: EXPORT_MEDIA_TYPES[request.format],
      ...(request.operationName ? { 'x-apollo-operation-name': request.operationName } : {}),
    }),
    body: JSON.stringify({
      query: request.query,
      variables,
      ...(request.operationName ? { operationName: request.operationName } : {}),
    }),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.startsWith(EXPORT_MEDIA_TYPES[request.format])) {
    const text = await response.text();
    try {
      const body = JSON.parse(text) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const first = body.errors?.[0];
      return `Not downloaded: ${first?.extensions?.code ?? response.status} ${first?.message ?? ''}`.trim();
    } catch {
      return `Not downloaded: HTTP ${response.status}.`;
    }
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename =
    /filename="([^"]+)"/.exec(disposition)?.[1] ??
    `${request.operationName ?? 'result'}.${request.format}`;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `Downloaded ${filename} (${blob.size} bytes).`;
}
