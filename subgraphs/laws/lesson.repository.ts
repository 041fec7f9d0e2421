import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import { patchOf } from '../../schema/writes.js';
import type { LessonLearned } from './case-law.entity.js';
import { LESSON_COLUMNS, toLessonLearned } from './case-law.repository.js';
import type { LawsTables, NewLessonLearnedRow } from './laws.table.js';
import type { CreateLessonLearnedInput, UpdateLessonLearnedInput } from './lesson.input.js';

// The writes of lessons learned (inside runWrite's transaction); they are read with cases, in
// ./case-law.repository.ts.

type Trx = Transaction<LawsTables>;
type LessonChanges = Partial<Omit<NewLessonLearnedRow, 'id'>>;

const slug = () => randomUUID().slice(0, 8).toUpperCase();

export async function findLessonForUpdate(
  trx: Trx,
  id: string,
): Promise<LessonLearned | undefined> {
  const row = await trx
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toLessonLearned(row) : undefined;
}

/** A lesson under a lock, for `runReview` (which reads `review_status`). */
export async function lockLessonForReview(
  trx: Trx,
  id: string,
): Promise<{ review_status: string; record: LessonLearned } | undefined> {
  const row = await trx
    .selectFrom('lesson_learned')
    .select(LESSON_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row && { review_status: row.review_status, record: toLessonLearned(row) };
}

/** A new lesson's row; its id is its State's code (REG when regional) and a random slug. */
export function toLessonRow(
  input: CreateLessonLearnedInput,
  reviewStatus: ReviewStatus,
): NewLessonLearnedRow {
  return {
    id: `${input.countryIso3 ?? 'REG'}-LESSON-${slug()}`,
    country_iso3: input.countryIso3 ?? null,
    title: input.title,
    document_type: input.documentType,
    year: input.year ?? null,
    published_on: input.publishedOn ?? null,
    issuing_body: input.issuingBody ?? null,
    categories: input.categories ?? [],
    crime_types: input.crimeTypes ?? [],
    offence_categories: input.offenceCategories ?? [],
    summary: input.summary,
    source: input.source,
    licence: input.licence ?? null,
    confidence: fromConfidence(input.confidence),
    notes: input.notes ?? null,
    review_status: reviewStatus,
  };
}

/** The columns a change sets: omitted and null fields both keep their stored value. */
export function toLessonChanges(
  input: UpdateLessonLearnedInput,
  reviewStatus: ReviewStatus | undefined,
): LessonChanges {
  return patchOf({
    title: input.title ?? undefined,
    document_type: input.documentType ?? undefined,
    year: input.year ?? undefined,
    published_on: input.publishedOn ?? undefined,
    issuing_body: input.issuingBody ?? undefined,
    categories: input.categories ?? undefined,
    crime_types: input.crimeTypes ?? undefined,
    offence_categories: input.offenceCategories ?? undefined,
    summary: input.summary ?? undefined,
    source: input.source ?? undefined,
    licence: input.licence ?? undefined,
    confidence: input.confidence == null ? undefined : fromConfidence(input.confidence),
    notes: input.notes ?? undefined,
    review_status: reviewStatus,
  });
}

export async function insertLesson(trx: Trx, row: NewLessonLearnedRow): Promise<LessonLearned> {
  const inserted = await trx
    .insertInto('lesson_learned')
    .values(row)
    .returning(LESSON_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLessonLearned(inserted);
}

export async function updateLesson(
  trx: Trx,
  id: string,
  changes: LessonChanges,
): Promise<LessonLearned> {
  const updated = await trx
    .updateTable('lesson_learned')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(LESSON_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLessonLearned(updated);
}

/** Sets a lesson's review status (runReview's `set`). */
export async function setLessonReviewStatus(trx: Trx, id: string, status: string): Promise<void> {
  await trx
    .updateTable('lesson_learned')
    .set({ review_status: status, updated_at: touch() })
    .where('id', '=', id)
    .execute();
}
