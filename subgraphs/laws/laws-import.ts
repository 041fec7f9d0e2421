import { parse } from 'csv-parse/sync';
import { sql, type Kysely, type Transaction } from 'kysely';
import { appendAudit, type AuditRecord, type AuditTables } from '../../loaders/audit.js';
import type { KeyValueCache } from '../../loaders/cache.js';
import { invalidate } from '../../loaders/invalidation.js';
import { CodeList } from './code-list.entity.js';
import { LegislationStatus, LegislationType } from './legislation.entity.js';
import { LAWS_CACHE } from './laws.loaders.js';
import type { LawsTables } from './laws.table.js';

/**
 * `npm run import:laws -- file [--dry-run]`: laws, provisions, cases and lessons learned from a
 * CSV file or a JSON Lines file (format: docs/import-laws.md). Every record is checked first and
 * every problem reported with its line; one bad record and nothing is written. Then each record is
 * created, updated where a value differs, or left unchanged, in one transaction with its audit
 * entries: a second run of the same file changes nothing, and says so.
 */

export const RECORD_KINDS = ['legislation', 'provision', 'case', 'lesson'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface ImportRecord {
  readonly kind: RecordKind;
  /** The line the record starts on (1 = the CSV header or the first JSON line). */
  readonly line: number;
  readonly values: Readonly<Record<string, string | null>>;
}

export interface ImportProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export interface ImportChange {
  readonly kind: RecordKind;
  readonly id: string;
  readonly line: number;
  readonly action: 'CREATE' | 'UPDATE';
  /** The columns that differ (UPDATE) or are set (CREATE). */
  readonly fields: readonly string[];
}

export interface LawsImportReport {
  readonly dryRun: boolean;
  readonly records: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly changes: readonly ImportChange[];
  readonly problems: readonly ImportProblem[];
}

export class LawsImportFileError extends Error {}

const IMPORT_VIEWER = { role: 'admin', subject: 'import:laws' } as const;
const MAX_RECORDS = 50_000;
const MAX_TEXT = 5000;

// ---------------------------------------------------------------------------------------------
// Reading

export type ImportFormat = 'csv' | 'jsonl';

export function formatOf(file: string): ImportFormat {
  if (/\.csv$/i.test(file)) {
    return 'csv';
  }
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    return 'jsonl';
  }
  throw new LawsImportFileError(`${file}: the name must end in .csv or .jsonl`);
}

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

/** The records of a file, each with its kind and line; structural problems throw. */
export function readImportFile(text: string, format: ImportFormat): ImportRecord[] {
  const records: ImportRecord[] = [];
  if (format === 'csv') {
    let rows: { record: Record<string, string>; info: { lines: number } }[];
    try {
      rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, info: true }) as {
        record: Record<string, string>;
        info: { lines: number };
      }[];
    } catch (error) {
      throw new LawsImportFileError(`not a valid CSV file: ${(error as Error).message}`);
    }
    for (const { record, info } of rows) {
      const values = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, cell(v)]));
      records.push({ kind: values['record'] as RecordKind, line: info.lines, values });
    }
  } else {
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
      const values = Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, cell(v)]),
      );
      records.push({ kind: values['record'] as RecordKind, line: i + 1, values });
    });
  }
  if (records.length > MAX_RECORDS) {
    throw new LawsImportFileError(`holds ${records.length} records; at most ${MAX_RECORDS}`);
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Checking

type Row = Record<string, unknown>;
interface Checked {
  readonly record: ImportRecord;
  readonly table: 'legislation' | 'legal_provision' | 'case_law' | 'lesson_learned';
  readonly id: string;
  readonly row: Row;
}

const list = (value: string | null | undefined): string[] =>
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

interface Known {
  readonly states: ReadonlySet<string>;
  readonly codes: ReadonlySet<string>;
  readonly instruments: ReadonlySet<string>;
  readonly legislation: ReadonlyMap<string, { country: string; kind: string; synthetic: boolean }>;
}

class RecordChecker {
  readonly problems: ImportProblem[] = [];
  constructor(private readonly record: ImportRecord) {}

  private problem(field: string, message: string) {
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

  confidence(): string {
    return this.oneOf('confidence', ['verified', 'to verify'], true) ?? 'to verify';
  }

  id(pattern: RegExp, hint: string): string {
    const value = this.text('id', true, 100) ?? '';
    if (value && !pattern.test(value)) {
      this.problem('id', `must be ${hint}; got "${value}"`);
    }
    return value;
  }

  states(field: string, known: Known, required: boolean): string[] {
    const values = list(this.text(field, required, 2000));
    for (const v of values) {
      if (!known.states.has(v)) {
        this.problem(field, `"${v}" is not the ISO alpha-3 code of one of the 195 States`);
      }
    }
    return values;
  }

  codes(field: string, codeList: CodeList, known: Known): string[] {
    const values = list(this.text(field, false, 2000));
    for (const v of values) {
      if (!known.codes.has(`${codeList}:${v}`)) {
        this.problem(field, `"${v}" is not in the ${codeList} list`);
      }
    }
    return values;
  }

  laws(field: string, known: Known): string[] {
    const values = list(this.text(field, false, 2000));
    for (const v of values) {
      if (!known.legislation.has(v)) {
        this.problem(field, `"${v}" is not a law in the repository or in this file`);
      }
    }
    return values;
  }
}

const LEGISLATION_ID = /^[A-Z]{3}-[A-Za-z0-9._-]{1,80}$/;
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

function checkRecord(record: ImportRecord, known: Known): Checked | ImportProblem[] {
  const c = new RecordChecker(record);
  const common = () => ({
    source: c.text('source', true, 2000),
    confidence: c.confidence(),
    notes: c.text('notes', false),
  });
  let checked: Checked | undefined;
  switch (record.kind) {
    case 'legislation': {
      const id = c.id(
        LEGISLATION_ID,
        'the country code, a hyphen and a slug, such as "KEN-CMCA-2018"',
      );
      const country = c.states('country_iso3', known, true)[0] ?? '';
      if (id && country && !id.startsWith(`${country}-`)) {
        c.problems.push({
          line: record.line,
          field: 'id',
          message: `must start with "${country}-"`,
        });
      }
      const existing = known.legislation.get(id);
      if (existing && (existing.kind !== 'CURATED' || existing.synthetic)) {
        c.problems.push({
          line: record.line,
          field: 'id',
          message: existing.synthetic
            ? `"${id}" is a synthetic record; an import writes real records only`
            : `"${id}" is a catalogue entry: promote it with promoteCatalogueEntry`,
        });
      }
      const language = c.text('original_language', false, 2);
      if (language && !/^[a-z]{2}$/.test(language)) {
        c.problems.push({
          line: record.line,
          field: 'original_language',
          message: 'must be ISO 639-1, such as "fr"',
        });
      }
      const adopted = c.date('adopted_on');
      const inForce = c.date('in_force_on');
      if (adopted && inForce && inForce < adopted) {
        c.problems.push({
          line: record.line,
          field: 'in_force_on',
          message: 'is before adopted_on',
        });
      }
      checked = {
        record,
        table: 'legislation',
        id,
        row: {
          id,
          country_iso3: country,
          title: c.text('title', true, 500),
          original_title: c.text('original_title', false, 500),
          original_language: language,
          type: c.oneOf('type', Object.values(LegislationType), true),
          kind: 'CURATED',
          year: c.year('year'),
          adopted_on: adopted,
          in_force_on: inForce,
          status: c.oneOf('status', Object.values(LegislationStatus), true),
          amends: c.laws('amends', known),
          document_url: c.url('document_url'),
          ...common(),
          synthetic: false,
          review_status: 'PUBLISHED',
        },
      };
      break;
    }
    case 'provision': {
      const id = c.id(RECORD_ID, 'a stable id of letters, digits and . _ : -');
      const lawId = c.text('legislation_id', true, 100) ?? '';
      const law = known.legislation.get(lawId);
      if (lawId && !law) {
        c.problems.push({
          line: record.line,
          field: 'legislation_id',
          message: `"${lawId}" is not a law in the repository or in this file`,
        });
      }
      const articles = list(c.text('instrument_articles', false, 2000));
      for (const a of articles) {
        const [code, article] = a.split(':');
        if (!code || !article || !known.instruments.has(code)) {
          c.problems.push({
            line: record.line,
            field: 'instrument_articles',
            message: `"${a}" must be "<instrument code>:<article>" of a known instrument`,
          });
        }
      }
      checked = {
        record,
        table: 'legal_provision',
        id,
        row: {
          id,
          legislation_id: lawId,
          country_iso3: law?.country ?? '',
          label: c.text('label', true, 100),
          summary: c.text('summary', true, 1000),
          sort_order: c.int('sort_order', 0),
          offence_categories: c.codes('offence_categories', CodeList.OFFENCE_CATEGORY, known),
          procedural_powers: c.codes('procedural_powers', CodeList.PROCEDURAL_POWER, known),
          cooperation_mechanisms: c.codes(
            'cooperation_mechanisms',
            CodeList.COOPERATION_MECHANISM,
            known,
          ),
          cross_cutting_issues: c.codes(
            'cross_cutting_issues',
            CodeList.CROSS_CUTTING_ISSUE,
            known,
          ),
          instrument_articles: articles,
          ...common(),
          synthetic: false,
          review_status: 'PUBLISHED',
        },
      };
      break;
    }
    case 'case': {
      const id = c.id(RECORD_ID, 'a stable id of letters, digits and . _ : -');
      checked = {
        record,
        table: 'case_law',
        id,
        row: {
          id,
          country_iso3s: c.states('country_iso3', known, true),
          court: c.text('court', true, 500),
          jurisdiction_level: c.oneOf('jurisdiction_level', ['NATIONAL', 'REGIONAL'], true),
          case_name: c.text('case_name', true, 500),
          case_number: c.text('case_number', false, 200),
          decision_date: c.date('decision_date'),
          year: c.year('year'),
          crime_types: c.codes('crime_types', CodeList.CRIME_TYPE, known),
          offence_categories: c.codes('offence_categories', CodeList.OFFENCE_CATEGORY, known),
          cross_cutting_issues: c.codes(
            'cross_cutting_issues',
            CodeList.CROSS_CUTTING_ISSUE,
            known,
          ),
          legislation_ids: c.laws('legislation_ids', known),
          fact_summary: c.text('fact_summary', true),
          ...common(),
          licence: c.text('licence', false, 500),
          review_status: 'PUBLISHED',
        },
      };
      break;
    }
    case 'lesson': {
      const id = c.id(RECORD_ID, 'a stable id of letters, digits and . _ : -');
      checked = {
        record,
        table: 'lesson_learned',
        id,
        row: {
          id,
          country_iso3: c.states('country_iso3', known, false)[0] ?? null,
          title: c.text('title', true, 500),
          document_type: c.oneOf(
            'document_type',
            ['CYBERCRIME_PLAN', 'CYBERSECURITY_STRATEGY', 'REPORT', 'OTHER'],
            true,
          ),
          year: c.year('year'),
          published_on: c.date('published_on'),
          issuing_body: c.text('issuing_body', false, 500),
          categories: list(c.text('categories', false, 2000)),
          crime_types: c.codes('crime_types', CodeList.CRIME_TYPE, known),
          offence_categories: c.codes('offence_categories', CodeList.OFFENCE_CATEGORY, known),
          summary: c.text('summary', true),
          ...common(),
          licence: c.text('licence', false, 500),
          review_status: 'PUBLISHED',
        },
      };
      break;
    }
    default:
      return [
        {
          line: record.line,
          field: 'record',
          message: `must be one of ${RECORD_KINDS.join(', ')}; got "${record.kind ?? ''}"`,
        },
      ];
  }
  return c.problems.length > 0 ? c.problems : checked;
}

async function knownValues(
  db: Kysely<LawsTables>,
  records: readonly ImportRecord[],
): Promise<Known> {
  const [states, codes, instruments, laws] = await Promise.all([
    db.selectFrom('state_area').select('iso3').execute(),
    db.selectFrom('code_entry').select(['list', 'code']).execute(),
    db.selectFrom('instrument').select('code').execute(),
    db.selectFrom('legislation').select(['id', 'country_iso3', 'kind', 'synthetic']).execute(),
  ]);
  const legislation = new Map(
    laws.map((l) => [l.id, { country: l.country_iso3, kind: l.kind, synthetic: l.synthetic }]),
  );
  for (const r of records) {
    const id = r.values['id'];
    const country = r.values['country_iso3'];
    if (r.kind === 'legislation' && id && country && !legislation.has(id)) {
      legislation.set(id, { country, kind: 'CURATED', synthetic: false });
    }
  }
  return {
    states: new Set(states.map((s) => s.iso3)),
    codes: new Set(codes.map((e) => `${e.list}:${e.code}`)),
    instruments: new Set(instruments.map((i) => i.code)),
    legislation,
  };
}

// ---------------------------------------------------------------------------------------------
// Applying

const ORDER: Record<Checked['table'], number> = {
  legislation: 0,
  legal_provision: 1,
  case_law: 2,
  lesson_learned: 3,
};

const ENTITY: Record<Checked['table'], string> = {
  legislation: 'Legislation',
  legal_provision: 'LegalProvision',
  case_law: 'CaseLaw',
  lesson_learned: 'LessonLearned',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface ImportOptions {
  readonly format: ImportFormat;
  readonly dryRun: boolean;
  readonly cache?: KeyValueCache | undefined;
  readonly progress?: (done: number, total: number) => void;
}

/** Checks every record, then (unless a dry run or a problem) writes the changes in one transaction. */
export async function importLaws(
  db: Kysely<LawsTables>,
  text: string,
  options: ImportOptions,
): Promise<LawsImportReport> {
  const records = readImportFile(text, options.format);
  const known = await knownValues(db, records);
  const problems: ImportProblem[] = [];
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const result = checkRecord(record, known);
    if (Array.isArray(result)) {
      problems.push(...result);
      continue;
    }
    const key = `${result.table}:${result.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line: record.line,
        field: 'id',
        message: `"${result.id}" is also on line ${first}`,
      });
      continue;
    }
    seen.set(key, record.line);
    checked.push(result);
  }
  const empty = { created: 0, updated: 0, unchanged: 0, changes: [] };
  if (problems.length > 0) {
    return { dryRun: options.dryRun, records: records.length, ...empty, problems };
  }
  checked.sort((a, b) => ORDER[a.table] - ORDER[b.table] || a.record.line - b.record.line);
  const requestId = `import-laws-${new Date().toISOString()}`;
  const changes: ImportChange[] = [];
  let unchanged = 0;
  const work = async (trx: Transaction<LawsTables>) => {
    const audit: AuditRecord[] = [];
    let done = 0;
    for (const item of checked) {
      const anyTrx = trx as unknown as Kysely<Record<string, Row>>;
      const before = await anyTrx
        .selectFrom(item.table)
        .selectAll()
        .where('id', '=', item.id)
        .$if(!options.dryRun, (q) => q.forUpdate())
        .executeTakeFirst();
      const fields = Object.keys(item.row).filter((k) => !before || !same(before[k], item.row[k]));
      if (before && fields.length === 0) {
        unchanged += 1;
      } else {
        const action = before ? 'UPDATE' : 'CREATE';
        changes.push({
          kind: item.record.kind,
          id: item.id,
          line: item.record.line,
          action,
          fields,
        });
        if (!options.dryRun) {
          const written = before
            ? await anyTrx
                .updateTable(item.table)
                .set(Object.fromEntries(fields.map((f) => [f, item.row[f]])))
                .set({ updated_at: sql`now()` })
                .where('id', '=', item.id)
                .returningAll()
                .executeTakeFirstOrThrow()
            : await anyTrx
                .insertInto(item.table)
                .values(item.row)
                .returningAll()
                .executeTakeFirstOrThrow();
          audit.push({
            entityType: ENTITY[item.table],
            entityId: item.id,
            action,
            before: before ?? null,
            after: { ...written, search: undefined },
          });
        }
      }
      done += 1;
      options.progress?.(done, checked.length);
    }
    if (!options.dryRun) {
      await appendAudit(
        trx as unknown as Transaction<AuditTables>,
        { viewer: IMPORT_VIEWER, requestId },
        audit,
      );
    }
  };
  if (options.dryRun) {
    // Reads only; the transaction gives one consistent snapshot.
    await db.transaction().execute(work);
  } else {
    await db.transaction().execute(work);
    if (changes.length > 0) {
      await invalidate(options.cache, {
        keys: changes.flatMap((ch) => {
          const row = checked.find((c) => c.record.line === ch.line)!.row;
          switch (ch.kind) {
            case 'legislation':
              return [
                LAWS_CACHE.legislationById.key(ch.id),
                LAWS_CACHE.legislationByCountry.key(String(row['country_iso3'])),
              ];
            case 'provision':
              return [
                LAWS_CACHE.provisionById.key(ch.id),
                LAWS_CACHE.provisionsByLegislation.key(String(row['legislation_id'])),
                LAWS_CACHE.provisionsByCountry.key(String(row['country_iso3'])),
              ];
            case 'case':
              return [
                LAWS_CACHE.caseById.key(ch.id),
                ...(row['country_iso3s'] as string[]).map((c) => LAWS_CACHE.casesByCountry.key(c)),
              ];
            default:
              return [
                LAWS_CACHE.lessonById.key(ch.id),
                ...(row['country_iso3']
                  ? [LAWS_CACHE.lessonsByCountry.key(String(row['country_iso3']))]
                  : []),
              ];
          }
        }),
        tags: ['Legislation', 'LegalProvision', 'CaseLaw', 'LessonLearned', 'subgraph:laws'],
      });
    }
  }
  return {
    dryRun: options.dryRun,
    records: records.length,
    created: changes.filter((c) => c.action === 'CREATE').length,
    updated: changes.filter((c) => c.action === 'UPDATE').length,
    unchanged,
    changes,
    problems: [],
  };
}
