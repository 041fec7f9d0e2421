import type { CodeList } from './code-list.entity.js';
import type { ImportRecord, RecordKind } from './laws-file.import.js';

// The checks of one import record's fields (format: docs/import-laws.md). Each problem names the
// record's line and the field, so a curator fixes a file in one pass.

export interface ImportProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** A record that passed every check, with the row it writes. */
export interface CheckedRecord<K extends RecordKind, Row> {
  readonly kind: K;
  readonly line: number;
  readonly id: string;
  readonly row: Row;
}

/** What records may refer to: the repository's, plus the laws of the same file. */
export interface Known {
  readonly states: ReadonlySet<string>;
  readonly codes: ReadonlySet<string>;
  readonly instruments: ReadonlySet<string>;
  readonly legislation: ReadonlyMap<string, { country: string; kind: string; synthetic: boolean }>;
}

const MAX_TEXT = 5000;
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** A ";"-separated list cell. */
export const list = (value: string | null | undefined): string[] =>
  value
    ? value
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) =>
  DATE.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Reads one record's fields, collecting a problem for each invalid one. */
export class RecordChecker {
  readonly problems: ImportProblem[] = [];
  constructor(
    readonly record: ImportRecord,
    readonly known: Known,
  ) {}

  problem(field: string, message: string) {
    this.problems.push({ line: this.record.line, field, message });
  }

  text(field: string, required: boolean, max = MAX_TEXT): string | null {
    const value = this.record.values[field] ?? null;
    if (value === null) {
      if (required) {
        this.problem(field, 'is required');
      }
      return null;
    }
    if (value.length > max) {
      this.problem(field, `must be at most ${max} characters`);
    }
    return value;
  }

  /** A text that must be given ('' when it is not, with the problem reported). */
  required(field: string, max = MAX_TEXT): string {
    return this.text(field, true, max) ?? '';
  }

  oneOf(field: string, allowed: readonly string[], required: boolean): string | null {
    const value = this.text(field, required, 100);
    if (value !== null && !allowed.includes(value)) {
      this.problem(field, `must be one of ${allowed.join(', ')}; got "${value}"`);
    }
    return value;
  }

  year(field: string): number | null {
    const value = this.text(field, false, 4);
    if (value === null) {
      return null;
    }
    const n = Number(value);
    if (!/^\d{4}$/.test(value) || n < 1900 || n > 2100) {
      this.problem(field, `must be a year between 1900 and 2100; got "${value}"`);
      return null;
    }
    return n;
  }

  date(field: string): string | null {
    const value = this.text(field, false, 10);
    if (value !== null && !isDate(value)) {
      this.problem(field, `must be a date YYYY-MM-DD; got "${value}"`);
      return null;
    }
    return value;
  }

  int(field: string, fallback: number): number {
    const value = this.text(field, false, 9);
    if (value === null) {
      return fallback;
    }
    if (!/^-?\d+$/.test(value)) {
      this.problem(field, `must be a whole number; got "${value}"`);
      return fallback;
    }
    return Number(value);
  }

  url(field: string): string | null {
    const value = this.text(field, false, 2000);
    if (value === null) {
      return null;
    }
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        return value;
      }
    } catch {
      // reported below
    }
    this.problem(field, `must be an http or https URL; got "${value}"`);
    return null;
  }

  /** The fields every record has: its source, confidence and notes. */
  sourced() {
    return {
      source: this.required('source', 2000),
      confidence: this.oneOf('confidence', ['verified', 'to verify'], true) ?? 'to verify',
      notes: this.text('notes', false),
    };
  }

  id(pattern: RegExp, hint: string): string {
    const value = this.required('id', 100);
    if (value && !pattern.test(value)) {
      this.problem('id', `must be ${hint}; got "${value}"`);
    }
    return value;
  }

  states(field: string, required: boolean): string[] {
    const values = list(this.text(field, required, 2000));
    for (const v of values) {
      if (!this.known.states.has(v)) {
        this.problem(field, `"${v}" is not the ISO alpha-3 code of one of the 195 States`);
      }
    }
    return values;
  }

  codes(field: string, codeList: CodeList): string[] {
    const values = list(this.text(field, false, 2000));
    for (const v of values) {
      if (!this.known.codes.has(`${codeList}:${v}`)) {
        this.problem(field, `"${v}" is not in the ${codeList} list`);
      }
    }
    return values;
  }

  laws(field: string): string[] {
    const values = list(this.text(field, false, 2000));
    for (const v of values) {
      if (!this.known.legislation.has(v)) {
        this.problem(field, `"${v}" is not a law in the repository or in this file`);
      }
    }
    return values;
  }

  /** The record checked, or its problems. */
  result<K extends RecordKind, Row>(
    kind: K,
    id: string,
    row: Row,
  ): CheckedRecord<K, Row> | ImportProblem[] {
    return this.problems.length > 0 ? this.problems : { kind, line: this.record.line, id, row };
  }
}
