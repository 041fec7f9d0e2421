import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { sourcedOf } from '../../schema/sourced.js';
import {
  type LegalProvision,
  type Legislation,
  type LegislationKind,
  type LegislationStatus,
  type LegislationType,
  UNCTAD_ATTRIBUTION,
} from './legislation.entity.js';
import type {
  LawsTables,
  LegislationRow,
  NewLegalProvisionRow,
  NewLegislationRow,
} from './laws.table.js';
import { PROVISION_COLUMNS, toProvision } from './provision.repository.js';

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

// The write functions below map rows with these names.
const toLegislationSel = toLegislation;
const toProvisionSel = toProvision;

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
  return row ? toLegislationSel(row) : undefined;
}

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

export async function insertLegislation(trx: Trx, row: NewLegislationRow): Promise<Legislation> {
  const inserted = await trx
    .insertInto('legislation')
    .values(row)
    .returning(LEGISLATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLegislationSel(inserted);
}

export async function updateLegislationRow(
  trx: Trx,
  id: string,
  changes: Partial<NewLegislationRow>,
): Promise<Legislation> {
  const updated = await trx
    .updateTable('legislation')
    .set({ ...changes, updated_at: touch() })
    .where('id', '=', id)
    .returning(LEGISLATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLegislationSel(updated);
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

export async function updateProvisionRow(
  trx: Trx,
  id: string,
  changes: Partial<NewLegalProvisionRow>,
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
