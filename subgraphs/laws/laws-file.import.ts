import { parse } from 'csv-parse/sync';

// Reading an import file (format: docs/import-laws.md): CSV with a header, or JSON Lines, one
// record a row or line, each with its kind (`record`) and the line it starts on.

export const RECORD_KINDS = ['legislation', 'provision', 'case', 'lesson'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface ImportRecord {
  /** As the file gives it; `checkRecord` reports one that is not a RecordKind. */
  readonly kind: string | null | undefined;
  /** The line the record starts on (1 = the CSV header or the first JSON line). */
  readonly line: number;
  readonly values: Readonly<Record<string, string | null>>;
}

export class LawsImportFileError extends Error {}

export type ImportFormat = 'csv' | 'jsonl';

const MAX_RECORDS = 50_000;

export function formatOf(file: string): ImportFormat {
  if (/\.csv$/i.test(file)) {
    return 'csv';
  }
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    return 'jsonl';
  }
  throw new LawsImportFileError(`${file}: the name must end in .csv or .jsonl`);
}

/** A cell as text: trimmed, empty as null, a JSON list joined with ";". */
const cell = (value: unknown): string | null => {
  if (value === null || value === undefined) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? null : value.map(String).join(';');
  }
  const text = String(value).trim();
  return text === '' ? null : text;
};

function recordOf(line: number, fields: Record<string, unknown>): ImportRecord {
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, cell(v)]));
  return { kind: values['record'], line, values };
}

function readCsv(text: string): ImportRecord[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, info: true });
  } catch (error) {
    throw new LawsImportFileError(`not a valid CSV file: ${(error as Error).message}`);
  }
  return rows.map(({ record, info }) => recordOf(info.lines, record));
}

function readJsonLines(text: string): ImportRecord[] {
  const records: ImportRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) {
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new LawsImportFileError(`line ${i + 1}: not a JSON object`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new LawsImportFileError(`line ${i + 1}: not a JSON object`);
    }
    records.push(recordOf(i + 1, { ...parsed }));
  });
  return records;
}

/** The records of a file, each with its kind and line; structural problems throw. */
export function readImportFile(text: string, format: ImportFormat): ImportRecord[] {
  const records = format === 'csv' ? readCsv(text) : readJsonLines(text);
  if (records.length > MAX_RECORDS) {
    throw new LawsImportFileError(`holds ${records.length} records; at most ${MAX_RECORDS}`);
  }
  return records;
}
