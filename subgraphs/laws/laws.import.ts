import type { Kysely, Transaction } from 'kysely';
import type { AuditRecord } from '../../loaders/audit.js';
import type { KeyValueCache } from '../../loaders/cache.js';
import type { Invalidation } from '../../loaders/invalidation.js';
import type { Logger } from '../../loaders/logger.js';
import { runWrite } from '../../schema/writes.js';
import { checkCaseRecord, checkLessonRecord } from './laws-cases.import.js';
import {
  RecordChecker,
  type CheckedRecord,
  type ImportProblem,
  type Known,
} from './laws-check.import.js';
import {
  readImportFile,
  RECORD_KINDS,
  type ImportFormat,
  type ImportRecord,
  type RecordKind,
} from './laws-file.import.js';
import {
  caseTable,
  findImportReferences,
  legislationTable,
  lessonTable,
  provisionTable,
  type ImportTable,
} from './laws-import.repository.js';
import { checkLegislationRecord, checkProvisionRecord } from './laws-legislation.import.js';
import { casePurge, legislationPurge, lessonPurge, provisionPurge } from './laws.loaders.js';
import type { LawsTables } from './laws.table.js';

/**
 * `npm run import:laws -- file [--dry-run]`: laws, provisions, cases and lessons learned from a
 * CSV file or a JSON Lines file (format: docs/import-laws.md). Every record is checked first and
 * every problem reported with its line; one bad record and nothing is written. Then each record is
 * created, updated where a value differs, or left unchanged, in one transaction with its audit
 * entries: a second run of the same file changes nothing, and says so.
 */

export { formatOf, LawsImportFileError } from './laws-file.import.js';

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

export interface ImportOptions {
  readonly format: ImportFormat;
  readonly dryRun: boolean;
  readonly cache?: KeyValueCache | undefined;
  readonly logger: Logger;
  readonly progress?: (done: number, total: number) => void;
}

const IMPORT_VIEWER = { role: 'admin', subject: 'import:laws' } as const;

type Checked = ReturnType<typeof checkRecord> extends infer R ? Exclude<R, ImportProblem[]> : never;

function checkRecord(record: ImportRecord, known: Known) {
  const c = new RecordChecker(record, known);
  switch (record.kind) {
    case 'legislation':
      return checkLegislationRecord(c);
    case 'provision':
      return checkProvisionRecord(c);
    case 'case':
      return checkCaseRecord(c);
    case 'lesson':
      return checkLessonRecord(c);
    default: {
      const got = record.kind ?? '';
      const message = `must be one of ${RECORD_KINDS.join(', ')}; got "${got}"`;
      return [{ line: record.line, field: 'record', message }];
    }
  }
}

/** What records may refer to: the repository's, plus the laws this file adds. */
async function knownValues(
  db: Kysely<LawsTables>,
  records: readonly ImportRecord[],
): Promise<Known> {
  const { states, codes, instruments, laws } = await findImportReferences(db);
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

/** Every record checked; each id once per kind. */
function checkAll(records: readonly ImportRecord[], known: Known) {
  const problems: ImportProblem[] = [];
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const result = checkRecord(record, known);
    if (Array.isArray(result)) {
      problems.push(...result);
      continue;
    }
    const key = `${result.kind}:${result.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `"${result.id}" is also on line ${first}`;
      problems.push({ line: record.line, field: 'id', message });
      continue;
    }
    seen.set(key, record.line);
    checked.push(result);
  }
  return { problems, checked };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What one record did: its change (none when unchanged), audit entry and purge. */
interface Applied {
  readonly change?: ImportChange;
  readonly audit?: AuditRecord;
  readonly purge?: Invalidation;
}

/** One record: read (locked unless a dry run), then created or rewritten where it differs. */
async function applyRecord<Row extends { id: string }, Stored extends object, Entity>(
  trx: Transaction<LawsTables>,
  table: ImportTable<Row, Stored, Entity>,
  purge: (entity: Entity) => Invalidation,
  item: CheckedRecord<RecordKind, Row>,
  dryRun: boolean,
): Promise<Applied> {
  const before = await table.find(trx, item.id, !dryRun);
  const stored = new Map(Object.entries(before ?? {}));
  const fields = Object.entries(item.row)
    .filter(([column, value]) => !before || !same(stored.get(column), value))
    .map(([column]) => column);
  if (before && fields.length === 0) {
    return {};
  }
  const action = before ? 'UPDATE' : 'CREATE';
  const change = { kind: item.kind, id: item.id, line: item.line, action, fields } as const;
  if (dryRun) {
    return { change };
  }
  const written = before ? await table.update(trx, item.row) : await table.insert(trx, item.row);
  const audit = {
    entityType: table.entityType,
    entityId: item.id,
    action,
    before: before ?? null,
    after: { ...written, search: undefined },
  };
  return { change, audit, purge: purge(table.toEntity(written)) };
}

function applyChecked(trx: Transaction<LawsTables>, item: Checked, dryRun: boolean) {
  switch (item.kind) {
    case 'legislation':
      return applyRecord(trx, legislationTable, legislationPurge, item, dryRun);
    case 'provision':
      return applyRecord(trx, provisionTable, provisionPurge, item, dryRun);
    case 'case':
      return applyRecord(trx, caseTable, casePurge, item, dryRun);
    case 'lesson':
      return applyRecord(trx, lessonTable, lessonPurge, item, dryRun);
  }
}

const ORDER: Record<RecordKind, number> = { legislation: 0, provision: 1, case: 2, lesson: 3 };

async function applyAll(
  trx: Transaction<LawsTables>,
  checked: readonly Checked[],
  options: ImportOptions,
): Promise<Applied[]> {
  const done: Applied[] = [];
  for (const item of checked) {
    done.push(await applyChecked(trx, item, options.dryRun));
    options.progress?.(done.length, checked.length);
  }
  return done;
}

/**
 * The checked records in one transaction: a dry run only reads (one consistent snapshot); an
 * import writes through `runWrite`, as the API does: audited in the same transaction, purged after.
 */
function applyImport(
  db: Kysely<LawsTables>,
  checked: readonly Checked[],
  options: ImportOptions,
): Promise<Applied[]> {
  if (options.dryRun) {
    return db.transaction().execute((trx) => applyAll(trx, checked, options));
  }
  const ctx = {
    subgraph: 'laws',
    requestId: `import-laws-${new Date().toISOString()}`,
    viewer: IMPORT_VIEWER,
    logger: options.logger,
    db,
    loaders: undefined,
    cache: options.cache,
  };
  return runWrite(ctx, async (trx) => {
    const applied = await applyAll(trx, checked, options);
    const purges = applied.flatMap((a) => (a.purge ? [a.purge] : []));
    return {
      result: applied,
      audit: applied.flatMap((a) => (a.audit ? [a.audit] : [])),
      invalidate: { keys: purges.flatMap((p) => p.keys), tags: purges.flatMap((p) => p.tags) },
    };
  });
}

/** Checks every record, then (unless a dry run or a problem) writes the changes in one transaction. */
export async function importLaws(
  db: Kysely<LawsTables>,
  text: string,
  options: ImportOptions,
): Promise<LawsImportReport> {
  const records = readImportFile(text, options.format);
  const { problems, checked } = checkAll(records, await knownValues(db, records));
  const report = { dryRun: options.dryRun, records: records.length };
  if (problems.length > 0) {
    return { ...report, created: 0, updated: 0, unchanged: 0, changes: [], problems };
  }
  checked.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.line - b.line);
  const applied = await applyImport(db, checked, options);
  const changes = applied.flatMap((a) => (a.change ? [a.change] : []));
  return {
    ...report,
    created: changes.filter((c) => c.action === 'CREATE').length,
    updated: changes.filter((c) => c.action === 'UPDATE').length,
    unchanged: applied.length - changes.length,
    changes,
    problems: [],
  };
}
