import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence } from '../../schema/common-types.js';
import type { ReviewStatus } from '../../schema/review.js';
import { sourcedOf } from '../../schema/sourced.js';
import { patchOf } from '../../schema/writes.js';
import type { LawsTables, LegislationRow, NewLegislationRow } from './laws.table.js';
import {
  type Legislation,
  type LegislationKind,
  type LegislationStatus,
  type LegislationType,
  UNCTAD_ATTRIBUTION,
} from './legislation.entity.js';
import type {
  CreateLegislationInput,
  PromoteCatalogueEntryInput,
  UpdateLegislationInput,
} from './legislation.input.js';

// Laws read by id, country and amendment (the loaders' batch functions), and the writes of laws
// and their provisions. Provisions are read in provision.repository.ts, searched in
// legislation-search.repository.ts.

type Db = Kysely<LawsTables>;

export const LEGISLATION_COLUMNS = [
  'id',
  'country_iso3',
  'title',
  'original_title',
  'original_language',
  'type',
  'kind',
  'licence',
  'catalogue_ref',
  'catalogue_title',
  'catalogue_url',
  'catalogue_source',
  'catalogue_licence',
  'year',
  'adopted_on',
  'in_force_on',
  'status',
  'amends',
  'document_url',
  'source',
  'confidence',
  'notes',
  'last_verified_on',
  'synthetic',
  'review_status',
  'created_at',
  'updated_at',
] as const;

type LegislationSelection = Pick<LegislationRow, (typeof LEGISLATION_COLUMNS)[number]>;

function catalogueListingOf(row: LegislationSelection): Legislation['catalogueListing'] {
  return row.catalogue_ref && row.catalogue_title && row.catalogue_source
    ? {
        ref: row.catalogue_ref,
        titleAsListed: row.catalogue_title,
        url: row.catalogue_url,
        source: row.catalogue_source,
        licence: row.catalogue_licence ?? '',
        attribution: UNCTAD_ATTRIBUTION,
      }
    : null;
}

export function toLegislation(row: LegislationSelection): Legislation {
  return {
    id: row.id,
    countryIso3: row.country_iso3,
    title: row.title,
    originalTitle: row.original_title,
    originalLanguage: row.original_language,
    type: row.type as LegislationType | null,
    kind: row.kind as LegislationKind,
    licence: row.licence,
    attribution: row.licence?.includes('UNCTAD') ? UNCTAD_ATTRIBUTION : null,
    catalogueListing: catalogueListingOf(row),
    year: row.year,
    adoptedOn: row.adopted_on,
    inForceOn: row.in_force_on,
    status: row.status as LegislationStatus,
    documentUrl: row.document_url,
    ...sourcedOf(row),
    lastVerifiedOn: row.last_verified_on,
    amendsIds: row.amends,
  };
}

export async function findLegislationByIds(db: Db, ids: readonly string[]): Promise<Legislation[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legislation')
    .select(LEGISLATION_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toLegislation);
}

/** Every law of the countries, all review states (callers filter by viewer), by year then id. */
export async function findLegislationByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<Legislation[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legislation')
    .select(LEGISLATION_COLUMNS)
    .where('country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .orderBy('country_iso3')
    .orderBy('year')
    .orderBy('id')
    .execute();
  return rows.map(toLegislation);
}

/** Laws that amend or replace any of the given laws. */
export async function findLegislationAmending(
  db: Db,
  ids: readonly string[],
): Promise<Legislation[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legislation')
    .select(LEGISLATION_COLUMNS)
    .where(sql<SqlBool>`amends && ${[...ids]}::text[]`)
    .orderBy('year')
    .orderBy('id')
    .execute();
  return rows.map(toLegislation);
}

// ---------------------------------------------------------------------------------------------
// Writes (inside runWrite's transaction)

type Trx = Transaction<LawsTables>;
type LegislationChanges = Partial<Omit<NewLegislationRow, 'id'>>;

export async function findLegislationForUpdate(
  trx: Trx,
  id: string,
): Promise<Legislation | undefined> {
  const row = await trx
    .selectFrom('legislation')
    .select(LEGISLATION_COLUMNS)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toLegislation(row) : undefined;
}

/** A new law's row: its id is its State's code and a random slug. */
export function toLegislationRow(
  input: CreateLegislationInput,
  reviewStatus: ReviewStatus,
): NewLegislationRow {
  return {
    id: `${input.countryIso3}-${randomUUID().slice(0, 8).toUpperCase()}`,
    country_iso3: input.countryIso3,
    title: input.title,
    original_title: input.originalTitle ?? null,
    original_language: input.originalLanguage ?? null,
    type: input.type,
    year: input.year ?? null,
    adopted_on: input.adoptedOn ?? null,
    in_force_on: input.inForceOn ?? null,
    status: input.status,
    amends: input.amends ?? [],
    document_url: input.documentUrl ?? null,
    source: input.source,
    confidence: fromConfidence(input.confidence),
    notes: input.notes ?? null,
    last_verified_on: null,
    synthetic: false,
    review_status: reviewStatus,
  };
}

/** The columns a change sets: omitted and null fields both keep their stored value. */
export function toLegislationChanges(
  input: UpdateLegislationInput,
  reviewStatus: ReviewStatus | undefined,
): LegislationChanges {
  return patchOf({
    title: input.title ?? undefined,
    original_title: input.originalTitle ?? undefined,
    original_language: input.originalLanguage ?? undefined,
    type: input.type ?? undefined,
    year: input.year ?? undefined,
    adopted_on: input.adoptedOn ?? undefined,
    in_force_on: input.inForceOn ?? undefined,
    status: input.status ?? undefined,
    document_url: input.documentUrl ?? undefined,
    source: input.source ?? undefined,
    confidence: input.confidence == null ? undefined : fromConfidence(input.confidence),
    notes: input.notes ?? undefined,
    last_verified_on: input.lastVerifiedOn ?? undefined,
    amends: input.amends ?? undefined,
    review_status: reviewStatus,
  });
}

/**
 * A catalogue entry promoted to a curated record: the facts are now the curator's, so the
 * catalogue's licence stays with the listing; what the curator leaves out keeps the catalogue's.
 */
export function toPromotedChanges(
  before: Legislation,
  input: PromoteCatalogueEntryInput,
): LegislationChanges {
  return {
    kind: 'CURATED',
    title: input.title ?? before.title,
    original_title: input.originalTitle ?? null,
    original_language: input.originalLanguage ?? before.originalLanguage,
    type: input.type,
    year: input.year ?? null,
    adopted_on: input.adoptedOn ?? null,
    in_force_on: input.inForceOn ?? null,
    status: input.status,
    document_url: input.documentUrl ?? before.documentUrl,
    source: input.source,
    licence: null,
    confidence: fromConfidence(input.confidence),
    notes: input.notes ?? before.notes,
  };
}

export async function insertLegislation(trx: Trx, row: NewLegislationRow): Promise<Legislation> {
  const inserted = await trx
    .insertInto('legislation')
    .values(row)
    .returning(LEGISLATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLegislation(inserted);
}

export async function updateLegislation(
  trx: Trx,
  id: string,
  changes: LegislationChanges,
): Promise<Legislation> {
  const updated = await trx
    .updateTable('legislation')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(LEGISLATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLegislation(updated);
}
