import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import { patchOf } from '../../schema/writes.js';
import type { LawsTables, NewLegalProvisionRow } from './laws.table.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';
import { PROVISION_COLUMNS, toProvisionSel } from './legislation.repository.js';
import type { CreateProvisionInput, UpdateProvisionInput } from './provision.input.js';

// The writes of a law's provisions (inside runWrite's transaction); they are read with their
// laws, in ./legislation.repository.ts.

type Trx = Transaction<LawsTables>;
type ProvisionChanges = Partial<Omit<NewLegalProvisionRow, 'id'>>;

export async function findProvisionForUpdate(
  trx: Trx,
  id: string,
): Promise<LegalProvision | undefined> {
  const row = await trx
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toProvisionSel(row) : undefined;
}

/** A new provision's row, under its law (whose State it takes); last in the law by default. */
export function toProvisionRow(
  input: CreateProvisionInput,
  law: Legislation,
  reviewStatus: ReviewStatus,
): NewLegalProvisionRow {
  return {
    id: `${law.id}-P${randomUUID().slice(0, 8).toUpperCase()}`,
    legislation_id: law.id,
    country_iso3: law.countryIso3,
    label: input.label,
    summary: input.summary,
    sort_order: input.sortOrder ?? 10_000,
    offence_categories: input.offenceCategories ?? [],
    procedural_powers: input.proceduralPowers ?? [],
    cooperation_mechanisms: input.cooperationMechanisms ?? [],
    cross_cutting_issues: input.crossCuttingIssues ?? [],
    instrument_articles: input.instrumentArticles ?? [],
    source: input.source,
    confidence: fromConfidence(input.confidence),
    notes: input.notes ?? null,
    synthetic: false,
    review_status: reviewStatus,
  };
}

/** The columns a change sets: omitted and null fields both keep their stored value. */
export function toProvisionChanges(
  input: UpdateProvisionInput,
  reviewStatus: ReviewStatus | undefined,
): ProvisionChanges {
  return patchOf({
    label: input.label ?? undefined,
    summary: input.summary ?? undefined,
    source: input.source ?? undefined,
    sort_order: input.sortOrder ?? undefined,
    offence_categories: input.offenceCategories ?? undefined,
    procedural_powers: input.proceduralPowers ?? undefined,
    cooperation_mechanisms: input.cooperationMechanisms ?? undefined,
    cross_cutting_issues: input.crossCuttingIssues ?? undefined,
    instrument_articles: input.instrumentArticles ?? undefined,
    confidence: input.confidence == null ? undefined : fromConfidence(input.confidence),
    notes: input.notes ?? undefined,
    review_status: reviewStatus,
  });
}

export async function insertProvision(
  trx: Trx,
  row: NewLegalProvisionRow,
): Promise<LegalProvision> {
  const inserted = await trx
    .insertInto('legal_provision')
    .values(row)
    .returning(PROVISION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toProvisionSel(inserted);
}

export async function updateProvision(
  trx: Trx,
  id: string,
  changes: ProvisionChanges,
): Promise<LegalProvision> {
  const updated = await trx
    .updateTable('legal_provision')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(PROVISION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toProvisionSel(updated);
}

/** Publishes a law's provisions that await review; returns them as they were and are now. */
export async function publishPendingProvisions(
  trx: Trx,
  legislationId: string,
): Promise<{ before: LegalProvision[]; after: LegalProvision[] }> {
  const before = (
    await trx
      .selectFrom('legal_provision')
      .select(PROVISION_COLUMNS)
      .where('legislation_id', '=', legislationId)
      .where('review_status', '=', 'PENDING_REVIEW')
      .forUpdate()
      .execute()
  ).map(toProvisionSel);
  if (before.length === 0) {
    return { before, after: [] };
  }
  const after = (
    await trx
      .updateTable('legal_provision')
      .set({ review_status: 'PUBLISHED', updated_at: touch() })
      .where('legislation_id', '=', legislationId)
      .where('review_status', '=', 'PENDING_REVIEW')
      .returning(PROVISION_COLUMNS)
      .execute()
  ).map(toProvisionSel);
  return { before, after };
}
