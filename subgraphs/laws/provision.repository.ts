import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { sql, type Kysely } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import { sourcedOf } from '../../schema/sourced.js';
import { patchOf } from '../../schema/writes.js';
import type { NewLegalProvisionRow } from './laws.table.js';
import type { LawsTables, LegalProvisionRow } from './laws.table.js';
import type { Legislation } from './legislation.entity.js';
import type { LegalProvision } from './legislation.entity.js';
import type { CreateProvisionInput, UpdateProvisionInput } from './provision.input.js';

// Provisions read by id, law and country (the loaders' batch functions), and their writes (inside
// runWrite's transaction). Their search is in legislation-search.repository.ts.

type Db = Kysely<LawsTables>;

export const PROVISION_COLUMNS = [
  'id',
  'legislation_id',
  'country_iso3',
  'label',
  'summary',
  'sort_order',
  'offence_categories',
  'procedural_powers',
  'cooperation_mechanisms',
  'cross_cutting_issues',
  'instrument_articles',
  'source',
  'confidence',
  'notes',
  'synthetic',
  'review_status',
  'created_at',
  'updated_at',
] as const;

type ProvisionSelection = Pick<LegalProvisionRow, (typeof PROVISION_COLUMNS)[number]>;

export function toProvision(row: ProvisionSelection): LegalProvision {
  return {
    id: row.id,
    legislationId: row.legislation_id,
    countryIso3: row.country_iso3,
    label: row.label,
    summary: row.summary,
    instrumentArticles: row.instrument_articles,
    ...sourcedOf(row),
    sortOrder: row.sort_order,
    offenceCategoryCodes: row.offence_categories,
    proceduralPowerCodes: row.procedural_powers,
    cooperationMechanismCodes: row.cooperation_mechanisms,
    crossCuttingIssueCodes: row.cross_cutting_issues,
  };
}

export async function findProvisionsByIds(
  db: Db,
  ids: readonly string[],
): Promise<LegalProvision[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toProvision);
}

export async function findProvisionsByLegislationIds(
  db: Db,
  ids: readonly string[],
): Promise<LegalProvision[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('legislation_id', '=', sql<string>`any(${[...ids]})`)
    .orderBy('legislation_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toProvision);
}

export async function findProvisionsByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<LegalProvision[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legal_provision')
    .select(PROVISION_COLUMNS)
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('country_iso3')
    .orderBy('legislation_id')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toProvision);
}

// ---------------------------------------------------------------------------------------------
// Writes

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
  return row ? toProvision(row) : undefined;
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
  return toProvision(inserted);
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
  return toProvision(updated);
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
  ).map(toProvision);
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
  ).map(toProvision);
  return { before, after };
}
