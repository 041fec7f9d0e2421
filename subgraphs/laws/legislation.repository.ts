import { randomUUID } from 'node:crypto';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  type Transaction,
} from 'kysely';
import { touch } from '../../loaders/touch.js';
import { fromConfidence, toConfidence } from '../../schema/common-types.js';
import { headlineOptions, htmlSafeSnippet } from '../../schema/snippet.js';
import type { ReviewStatus } from '../../schema/review.js';
import { patchOf } from '../../schema/writes.js';
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
  LegalProvisionRow,
  LegislationRow,
  NewLegislationRow,
} from './laws.table.js';
import type {
  CreateLegislationInput,
  PromoteCatalogueEntryInput,
  UpdateLegislationInput,
} from './legislation.input.js';
import { rankOf, snippetOf, textMatches } from './text-search.js';

type Db = Kysely<LawsTables>;

/** Which review states a viewer may see: everything but ARCHIVED for editors, PUBLISHED for the
 * public, and for a focal point PUBLISHED plus its own country's unpublished records. */
export type Visibility =
  | { readonly kind: 'editor' }
  | { readonly kind: 'public' }
  | { readonly kind: 'country'; readonly iso3: string };

export function toLegislation(row: LegislationRow): Legislation {
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
    catalogueListing:
      row.catalogue_ref && row.catalogue_title && row.catalogue_source
        ? {
            ref: row.catalogue_ref,
            titleAsListed: row.catalogue_title,
            url: row.catalogue_url,
            source: row.catalogue_source,
            licence: row.catalogue_licence ?? '',
            attribution: UNCTAD_ATTRIBUTION,
          }
        : null,
    year: row.year,
    adoptedOn: row.adopted_on,
    inForceOn: row.in_force_on,
    status: row.status as LegislationStatus,
    documentUrl: row.document_url,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    lastVerifiedOn: row.last_verified_on,
    synthetic: row.synthetic,
    reviewStatus: row.review_status as ReviewStatus,
    amendsIds: row.amends,
  };
}

export function toProvision(row: LegalProvisionRow): LegalProvision {
  return {
    id: row.id,
    legislationId: row.legislation_id,
    countryIso3: row.country_iso3,
    label: row.label,
    summary: row.summary,
    instrumentArticles: row.instrument_articles,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    synthetic: row.synthetic,
    reviewStatus: row.review_status as ReviewStatus,
    sortOrder: row.sort_order,
    offenceCategoryCodes: row.offence_categories,
    proceduralPowerCodes: row.procedural_powers,
    cooperationMechanismCodes: row.cooperation_mechanisms,
    crossCuttingIssueCodes: row.cross_cutting_issues,
  };
}

const LEGISLATION_COLUMNS = [
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

type LegislationSelection = Pick<LegislationRow, (typeof LEGISLATION_COLUMNS)[number]>;
type ProvisionSelection = Pick<LegalProvisionRow, (typeof PROVISION_COLUMNS)[number]>;
const toLegislationSel = (row: LegislationSelection) => toLegislation(row as LegislationRow);
export const toProvisionSel = (row: ProvisionSelection) => toProvision(row as LegalProvisionRow);

export async function findLegislationByIds(db: Db, ids: readonly string[]): Promise<Legislation[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('legislation')
    .select(LEGISLATION_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toLegislationSel);
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
  return rows.map(toLegislationSel);
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
  return rows.map(toLegislationSel);
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
  return rows.map(toProvisionSel);
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
  return rows.map(toProvisionSel);
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
  return rows.map(toProvisionSel);
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchValues {
  /**
   * The search text and its spelling variants and synonyms (search_synonym), accent-folded, in
   * websearch syntax, passed as parameters; a row matches any of them.
   */
  readonly texts?: readonly string[] | undefined;
  readonly languages?: readonly string[] | undefined;
  readonly kinds?: readonly string[] | undefined;
  readonly countryIso3s?: readonly string[] | undefined;
  readonly offenceCategoryCodes?: readonly string[] | undefined;
  readonly proceduralPowerCodes?: readonly string[] | undefined;
  readonly instrumentCode?: string | undefined;
  readonly statuses?: readonly LegislationStatus[] | undefined;
  readonly yearFrom?: number | undefined;
  readonly yearTo?: number | undefined;
  readonly visibility: Visibility;
  /** Let synthetic laws and provisions in (schema/basis.ts); real ones only when false. */
  readonly includeSynthetic?: boolean | undefined;
}

type SearchDb = LawsTables & {
  p: LawsTables['legal_provision'];
  l: LawsTables['legislation'];
  tp: LawsTables['legal_provision'];
};

/** The in-force year where known, else the year of the law. */
const EFFECTIVE_YEAR = sql<number>`coalesce(extract(year from l.in_force_on)::int, l.year)`;

function visibleWhere(
  eb: ExpressionBuilder<SearchDb, 'l'> | ExpressionBuilder<SearchDb, 'p' | 'l'>,
  alias: 'l' | 'p',
  visibility: Visibility,
): Expression<SqlBool> {
  const status = sql.ref<string>(`${alias}.review_status`);
  if (visibility.kind === 'editor') {
    return sql<SqlBool>`${status} <> 'ARCHIVED'`;
  }
  if (visibility.kind === 'country') {
    return eb.or([
      sql<SqlBool>`${status} = 'PUBLISHED'`,
      sql<SqlBool>`(${sql.ref(`${alias}.country_iso3`)} = ${visibility.iso3} and ${status} in ('PENDING_REVIEW', 'REJECTED'))`,
    ]);
  }
  return sql<SqlBool>`${status} = 'PUBLISHED'`;
}

function commonConditions(values: SearchValues): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (!values.includeSynthetic) {
    // A real law's provisions are real, and a synthetic law's are synthetic: l decides both.
    c.push(sql<SqlBool>`l.synthetic = false`);
  }
  if (values.countryIso3s) {
    c.push(sql<SqlBool>`l.country_iso3 = any(${[...values.countryIso3s]})`);
  }
  if (values.statuses) {
    c.push(sql<SqlBool>`l.status = any(${[...values.statuses]})`);
  }
  if (values.languages) {
    c.push(sql<SqlBool>`l.original_language = any(${[...values.languages]})`);
  }
  if (values.kinds) {
    c.push(sql<SqlBool>`l.kind = any(${[...values.kinds]})`);
  }
  if (values.yearFrom !== undefined) {
    c.push(sql<SqlBool>`${EFFECTIVE_YEAR} >= ${values.yearFrom}`);
  }
  if (values.yearTo !== undefined) {
    c.push(sql<SqlBool>`${EFFECTIVE_YEAR} <= ${values.yearTo}`);
  }
  return c;
}

function provisionTagConditions(values: SearchValues, alias: string): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  const ref = (column: string) => sql.ref(`${alias}.${column}`);
  if (values.offenceCategoryCodes) {
    c.push(
      sql<SqlBool>`${ref('offence_categories')} && ${[...values.offenceCategoryCodes]}::text[]`,
    );
  }
  if (values.proceduralPowerCodes) {
    c.push(
      sql<SqlBool>`${ref('procedural_powers')} && ${[...values.proceduralPowerCodes]}::text[]`,
    );
  }
  if (values.instrumentCode) {
    c.push(
      sql<SqlBool>`exists (select 1 from unnest(${ref('instrument_articles')}) as a where split_part(a, ':', 1) = ${values.instrumentCode})`,
    );
  }
  return c;
}

/** A search page's keyset: rank, then country, then id. */
export type SearchCursor = readonly [rank: number, iso3: string, id: string];

/** Rows after `cursor` in the order rank (highest first), country, id: a keyset, never OFFSET. */
function afterCursor(alias: 'p' | 'l', rank: RawBuilder<number>, [r, iso3, id]: SearchCursor) {
  const key = sql`(${sql.ref(`${alias}.country_iso3`)}, ${sql.ref(`${alias}.id`)})`;
  return sql<SqlBool>`(${rank} < ${r} or (${rank} = ${r} and ${key} > (${iso3}::char(3), ${id})))`;
}

export interface ProvisionHit {
  readonly provision: LegalProvision;
  /** See `rankOf`. */
  readonly rank: number;
  readonly snippet: string | null;
}

export type ProvisionCursor = SearchCursor;

function provisionWhere(values: SearchValues) {
  return (eb: ExpressionBuilder<SearchDb, 'p' | 'l'>) => {
    const c = [
      visibleWhere(eb, 'p', values.visibility),
      visibleWhere(eb, 'l', values.visibility),
      ...commonConditions(values),
      ...provisionTagConditions(values, 'p'),
    ];
    if (values.texts) {
      c.push(textMatches('p', values.texts));
    }
    return eb.and(c);
  };
}

/**
 * One page of provisions, by rank (highest first) when searching, then country and id; reads
 * `limit + 1` rows and continues after `after` with a keyset condition, never OFFSET.
 */
export async function searchProvisionsPage(
  db: Db,
  values: SearchValues,
  limit: number,
  after: ProvisionCursor | undefined,
): Promise<ProvisionHit[]> {
  const rank = rankOf('p', values.texts);
  const sdb = db as unknown as Kysely<SearchDb>;
  let q = sdb
    .selectFrom('legal_provision as p')
    .innerJoin('legislation as l', 'l.id', 'p.legislation_id')
    .select(PROVISION_COLUMNS.map((c) => `p.${c}` as const))
    .select(rank.as('rank'))
    .select(
      snippetOf(
        sql<string>`p.label || ' ' || p.summary`,
        values.texts,
        headlineOptions('MaxFragments=2'),
      ).as('snippet'),
    )
    .where(provisionWhere(values))
    // Without a search text every rank is 0: order by the key alone (a bare 0 would be read as
    // a column position).
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('p.country_iso3')
    .orderBy('p.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('p', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    provision: toProvisionSel(row as unknown as ProvisionSelection),
    rank: Number(row.rank),
    snippet: row.snippet === null ? null : htmlSafeSnippet(row.snippet),
  }));
}

export async function countProvisions(db: Db, values: SearchValues): Promise<number> {
  const sdb = db as unknown as Kysely<SearchDb>;
  const row = await sdb
    .selectFrom('legal_provision as p')
    .innerJoin('legislation as l', 'l.id', 'p.legislation_id')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(provisionWhere(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface LegislationHit {
  readonly legislation: Legislation;
  readonly rank: number;
  readonly snippet: string | null;
}

export type LegislationCursor = SearchCursor;

function legislationWhere(values: SearchValues) {
  return (eb: ExpressionBuilder<SearchDb, 'l'>) => {
    const c = [visibleWhere(eb, 'l', values.visibility), ...commonConditions(values)];
    if (values.texts) {
      c.push(textMatches('l', values.texts));
    }
    const tags = provisionTagConditions(values, 'tp');
    if (tags.length > 0) {
      c.push(
        eb.exists(
          eb
            .selectFrom('legal_provision as tp')
            .select(sql<number>`1`.as('one'))
            .whereRef('tp.legislation_id', '=', 'l.id')
            .where('tp.review_status', '=', 'PUBLISHED')
            .where(() => sql<SqlBool>`${sql.join(tags, sql` and `)}`),
        ),
      );
    }
    return eb.and(c);
  };
}

/** Like `searchProvisionsPage`, over laws (title, original title, notes). */
export async function searchLegislationPage(
  db: Db,
  values: SearchValues,
  limit: number,
  after: LegislationCursor | undefined,
): Promise<LegislationHit[]> {
  const rank = rankOf('l', values.texts);
  const sdb = db as unknown as Kysely<SearchDb>;
  let q = sdb
    .selectFrom('legislation as l')
    .select(LEGISLATION_COLUMNS.map((c) => `l.${c}` as const))
    .select(rank.as('rank'))
    .select(
      snippetOf(
        sql<string>`l.title || coalesce(' — ' || l.notes, '')`,
        values.texts,
        headlineOptions(),
      ).as('snippet'),
    )
    .where(legislationWhere(values))
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('l.country_iso3')
    .orderBy('l.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('l', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    legislation: toLegislationSel(row as unknown as LegislationSelection),
    rank: Number(row.rank),
    snippet: row.snippet === null ? null : htmlSafeSnippet(row.snippet),
  }));
}

export async function countLegislation(db: Db, values: SearchValues): Promise<number> {
  const sdb = db as unknown as Kysely<SearchDb>;
  const row = await sdb
    .selectFrom('legislation as l')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(legislationWhere(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
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
  return row ? toLegislationSel(row) : undefined;
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
  return toLegislationSel(inserted);
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
  return toLegislationSel(updated);
}

// ---------------------------------------------------------------------------------------------
// Search helpers

/** The States of an M49 area at any level (region, sub-region, intermediate region). */
export async function findStatesInArea(db: Db, m49: string): Promise<string[]> {
  const rows = await db
    .selectFrom('state_area')
    .select('iso3')
    .where((eb) =>
      eb.or([
        eb('region_m49', '=', m49),
        eb('subregion_m49', '=', m49),
        eb('intermediate_region_m49', '=', m49),
      ]),
    )
    .orderBy('iso3')
    .execute();
  return rows.map((r) => r.iso3);
}

/** One State's M49 areas, with UNSD's names. */
export interface StateArea {
  readonly iso3: string;
  readonly regionM49: string;
  readonly regionName: string | null;
  readonly subregionM49: string;
  readonly subregionName: string | null;
}

/** Every State's M49 region and sub-region (195 rows), for counts grouped by area. */
export async function findStateAreas(db: Db): Promise<StateArea[]> {
  const rows = await db
    .selectFrom('state_area')
    .select(['iso3', 'region_m49', 'region_name', 'subregion_m49', 'subregion_name'])
    .orderBy('iso3')
    .execute();
  return rows.map((r) => ({
    iso3: r.iso3,
    regionM49: r.region_m49,
    regionName: r.region_name,
    subregionM49: r.subregion_m49,
    subregionName: r.subregion_name,
  }));
}

/** UNCTAD's cybercrime status of each State (null where the tracker has no row). */
export async function findUnctadStatuses(
  db: Db,
  iso3s: readonly string[],
): Promise<{ iso3: string; status: string | null }[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('state_area')
    .select(['iso3', 'unctad_cybercrime_status'])
    .where('iso3', '=', sql<string>`any(${[...iso3s]})`)
    .execute();
  return rows.map((r) => ({ iso3: r.iso3, status: r.unctad_cybercrime_status }));
}

export interface SearchSynonym {
  readonly term: string;
  readonly alternative: string;
}

export async function findSearchSynonyms(db: Db): Promise<SearchSynonym[]> {
  return db
    .selectFrom('search_synonym')
    .select(['term', 'alternative'])
    .orderBy('term')
    .orderBy('alternative')
    .execute();
}
