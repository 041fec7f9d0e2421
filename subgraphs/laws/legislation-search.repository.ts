import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { headlineOptions, htmlSafeSnippet } from '../../schema/snippet.js';
import type { LawsTables } from './laws.table.js';
import type { LegalProvision, Legislation, LegislationStatus } from './legislation.entity.js';
import { LEGISLATION_COLUMNS, toLegislation } from './legislation.repository.js';
import { PROVISION_COLUMNS, toProvision } from './provision.repository.js';
import { rankOf, snippetOf, textMatches } from './text-search.repository.js';

// The search of laws and provisions (the laws subgraph's one full-text search: ./text-search.repository.ts):
// filtered, ranked pages with keyset cursors, and their counts.

type Db = Kysely<LawsTables>;

/** Which review states a viewer may see: everything but ARCHIVED for editors, PUBLISHED for the
 * public, and for a focal point PUBLISHED plus its own country's unpublished records. */
export type Visibility =
  | { readonly kind: 'editor' }
  | { readonly kind: 'public' }
  | { readonly kind: 'country'; readonly iso3: string };

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

/** The in-force year where known, else the year of the law. */
const EFFECTIVE_YEAR = sql<number>`coalesce(extract(year from l.in_force_on)::int, l.year)`;

const allOf = (conditions: readonly RawBuilder<SqlBool>[]) =>
  sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;

function visibleWhere(alias: 'l' | 'p', visibility: Visibility): RawBuilder<SqlBool> {
  const status = sql.ref<string>(`${alias}.review_status`);
  if (visibility.kind === 'editor') {
    return sql<SqlBool>`${status} <> 'ARCHIVED'`;
  }
  if (visibility.kind === 'country') {
    const country = sql.ref(`${alias}.country_iso3`);
    return sql<SqlBool>`(${status} = 'PUBLISHED' or (${country} = ${visibility.iso3} and ${status} in ('PENDING_REVIEW', 'REJECTED')))`;
  }
  return sql<SqlBool>`${status} = 'PUBLISHED'`;
}

function commonConditions(values: SearchValues): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
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

function provisionTagConditions(values: SearchValues, alias: string): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
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
type SearchCursor = readonly [rank: number, iso3: string, id: string];

/** Rows after `cursor` in the order rank (highest first), country, id: a keyset, never OFFSET. */
function afterCursor(alias: 'p' | 'l', rank: RawBuilder<number>, [r, iso3, id]: SearchCursor) {
  const key = sql`(${sql.ref(`${alias}.country_iso3`)}, ${sql.ref(`${alias}.id`)})`;
  return sql<SqlBool>`(${rank} < ${r} or (${rank} = ${r} and ${key} > (${iso3}::char(3), ${id})))`;
}

const safeSnippet = (snippet: string | null) =>
  snippet === null ? null : htmlSafeSnippet(snippet);

interface ProvisionHit {
  readonly provision: LegalProvision;
  /** See `rankOf`. */
  readonly rank: number;
  readonly snippet: string | null;
}

function provisionWhere(values: SearchValues): RawBuilder<SqlBool> {
  const c = [
    visibleWhere('p', values.visibility),
    visibleWhere('l', values.visibility),
    ...commonConditions(values),
    ...provisionTagConditions(values, 'p'),
  ];
  if (values.texts) {
    c.push(textMatches('p', values.texts));
  }
  return allOf(c);
}

/**
 * One page of provisions, by rank (highest first) when searching, then country and id; reads
 * `limit + 1` rows and continues after `after` with a keyset condition, never OFFSET.
 */
export async function searchProvisionsPage(
  db: Db,
  values: SearchValues,
  limit: number,
  after: SearchCursor | undefined,
): Promise<ProvisionHit[]> {
  const rank = rankOf('p', values.texts);
  const document = sql<string>`p.label || ' ' || p.summary`;
  let q = db
    .selectFrom('legal_provision as p')
    .innerJoin('legislation as l', 'l.id', 'p.legislation_id')
    .select(PROVISION_COLUMNS.map((c) => `p.${c}` as const))
    .select(rank.as('rank'))
    .select(snippetOf(document, values.texts, headlineOptions('MaxFragments=2')).as('snippet'))
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
    provision: toProvision(row),
    rank: Number(row.rank),
    snippet: safeSnippet(row.snippet),
  }));
}

export async function countProvisions(db: Db, values: SearchValues): Promise<number> {
  const row = await db
    .selectFrom('legal_provision as p')
    .innerJoin('legislation as l', 'l.id', 'p.legislation_id')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(provisionWhere(values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

interface LegislationHit {
  readonly legislation: Legislation;
  readonly rank: number;
  readonly snippet: string | null;
}

function legislationWhere(db: Db, values: SearchValues): RawBuilder<SqlBool> {
  const c = [visibleWhere('l', values.visibility), ...commonConditions(values)];
  if (values.texts) {
    c.push(textMatches('l', values.texts));
  }
  const tags = provisionTagConditions(values, 'tp');
  if (tags.length > 0) {
    // A law is tagged through a published provision so tagged.
    const tagged = db
      .selectFrom('legal_provision as tp')
      .select(sql<number>`1`.as('one'))
      .where(sql<SqlBool>`tp.legislation_id = l.id`)
      .where('tp.review_status', '=', 'PUBLISHED')
      .where(allOf(tags));
    c.push(sql<SqlBool>`exists ${tagged}`);
  }
  return allOf(c);
}

/** Like `searchProvisionsPage`, over laws (title, original title, notes). */
export async function searchLegislationPage(
  db: Db,
  values: SearchValues,
  limit: number,
  after: SearchCursor | undefined,
): Promise<LegislationHit[]> {
  const rank = rankOf('l', values.texts);
  const document = sql<string>`l.title || coalesce(' — ' || l.notes, '')`;
  let q = db
    .selectFrom('legislation as l')
    .select(LEGISLATION_COLUMNS.map((c) => `l.${c}` as const))
    .select(rank.as('rank'))
    .select(snippetOf(document, values.texts, headlineOptions()).as('snippet'))
    .where(legislationWhere(db, values))
    .$if(!!values.texts, (qb) => qb.orderBy(rank, 'desc'))
    .orderBy('l.country_iso3')
    .orderBy('l.id')
    .limit(limit + 1);
  if (after) {
    q = q.where(afterCursor('l', rank, after));
  }
  const rows = await q.execute();
  return rows.map((row) => ({
    legislation: toLegislation(row),
    rank: Number(row.rank),
    snippet: safeSnippet(row.snippet),
  }));
}

export async function countLegislation(db: Db, values: SearchValues): Promise<number> {
  const row = await db
    .selectFrom('legislation as l')
    .select(sql<number>`count(*)::int`.as('count'))
    .where(legislationWhere(db, values))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface SearchSynonym {
  readonly term: string;
  readonly alternative: string;
}

/** The synonym table (search_synonym), read whole: it is small. */
export async function findSearchSynonyms(db: Db): Promise<SearchSynonym[]> {
  return db
    .selectFrom('search_synonym')
    .select(['term', 'alternative'])
    .orderBy('term')
    .orderBy('alternative')
    .execute();
}
