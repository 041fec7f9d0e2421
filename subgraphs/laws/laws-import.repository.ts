import type { Kysely, Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import { toCaseLaw, toLessonLearned } from './case-law.repository.js';
import type {
  CaseLawRow,
  LawsTables,
  LegalProvisionRow,
  LegislationRow,
  LessonLearnedRow,
  NewCaseLawRow,
  NewLegalProvisionRow,
  NewLegislationRow,
  NewLessonLearnedRow,
} from './laws.table.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';
import { toLegislation } from './legislation.repository.js';
import { toProvision } from './provision.repository.js';

// The SQL of `npm run import:laws` (./laws.import.ts): what records may refer to, and each
// record's table read under a lock, inserted, or rewritten where a value differs.

type Trx = Transaction<LawsTables>;

/** What import records may refer to: States, codes, instruments and laws. */
export async function findImportReferences(db: Kysely<LawsTables>) {
  const [states, codes, instruments, laws] = await Promise.all([
    db.selectFrom('state_area').select('iso3').execute(),
    db.selectFrom('code_entry').select(['list', 'code']).execute(),
    db.selectFrom('instrument').select('code').execute(),
    db.selectFrom('legislation').select(['id', 'country_iso3', 'kind', 'synthetic']).execute(),
  ]);
  return { states, codes, instruments, laws };
}

/** One table as the import writes it: whole rows in, stored rows and entities out. */
export interface ImportTable<Row extends { id: string }, Stored, Entity> {
  readonly entityType: string;
  /** The stored row, locked unless `lock` is false (a dry run only reads). */
  find(trx: Trx, id: string, lock: boolean): Promise<Stored | undefined>;
  insert(trx: Trx, row: Row): Promise<Stored>;
  /** Sets every column of `row` (those that do not differ are set to what they are). */
  update(trx: Trx, row: Row): Promise<Stored>;
  toEntity(stored: Stored): Entity;
}

export const legislationTable: ImportTable<NewLegislationRow, LegislationRow, Legislation> = {
  entityType: 'Legislation',
  find: (trx, id, lock) =>
    trx
      .selectFrom('legislation')
      .selectAll()
      .where('id', '=', id)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst(),
  insert: (trx, row) =>
    trx.insertInto('legislation').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (trx, { id, ...row }) =>
    trx
      .updateTable('legislation')
      .set({ ...row, updated_at: touch() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  toEntity: toLegislation,
};

export const provisionTable: ImportTable<NewLegalProvisionRow, LegalProvisionRow, LegalProvision> =
  {
    entityType: 'LegalProvision',
    find: (trx, id, lock) =>
      trx
        .selectFrom('legal_provision')
        .selectAll()
        .where('id', '=', id)
        .$if(lock, (q) => q.forUpdate())
        .executeTakeFirst(),
    insert: (trx, row) =>
      trx.insertInto('legal_provision').values(row).returningAll().executeTakeFirstOrThrow(),
    update: (trx, { id, ...row }) =>
      trx
        .updateTable('legal_provision')
        .set({ ...row, updated_at: touch() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    toEntity: toProvision,
  };

export const caseTable: ImportTable<NewCaseLawRow, CaseLawRow, CaseLaw> = {
  entityType: 'CaseLaw',
  find: (trx, id, lock) =>
    trx
      .selectFrom('case_law')
      .selectAll()
      .where('id', '=', id)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst(),
  insert: (trx, row) =>
    trx.insertInto('case_law').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (trx, { id, ...row }) =>
    trx
      .updateTable('case_law')
      .set({ ...row, updated_at: touch() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  toEntity: toCaseLaw,
};

export const lessonTable: ImportTable<NewLessonLearnedRow, LessonLearnedRow, LessonLearned> = {
  entityType: 'LessonLearned',
  find: (trx, id, lock) =>
    trx
      .selectFrom('lesson_learned')
      .selectAll()
      .where('id', '=', id)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst(),
  insert: (trx, row) =>
    trx.insertInto('lesson_learned').values(row).returningAll().executeTakeFirstOrThrow(),
  update: (trx, { id, ...row }) =>
    trx
      .updateTable('lesson_learned')
      .set({ ...row, updated_at: touch() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  toEntity: toLessonLearned,
};
