import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/** Reads a seed CSV (RFC 4180, header row) as records of strings; empty cells become `null`. */
export async function readCsv(path: string): Promise<Record<string, string | null>[]> {
  const text = await readFile(path, 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === '' ? null : v])),
  );
}

/** A cell a seed row must have; the error names the file, the column and the row. */
export function required(row: Record<string, string | null>, column: string, file: string): string {
  const value = row[column];
  if (!value) {
    throw new Error(`${file}: column ${column} is empty in row ${JSON.stringify(row)}`);
  }
  return value;
}

/** A State of a subgraph's copy of member_states.csv and observer_states.csv. */
export interface StateSeed {
  readonly iso3: string;
  readonly iso2: string;
  readonly regionM49: string;
  /** A UN Member State; false for the two observer States. */
  readonly member: boolean;
}

/**
 * The 195 States with their M49 region, from the copy of the shared data pack's State files that
 * a subgraph keeps in its own seed folder (`seedFile` resolves a file name there).
 */
export async function readStates(seedFile: (file: string) => string): Promise<StateSeed[]> {
  const states: StateSeed[] = [];
  for (const file of ['member_states.csv', 'observer_states.csv']) {
    for (const row of await readCsv(seedFile(file))) {
      states.push({
        iso3: required(row, 'iso3', file),
        iso2: required(row, 'iso2', file),
        regionM49: required(row, 'region_m49', file),
        member: file === 'member_states.csv',
      });
    }
  }
  return states;
}
