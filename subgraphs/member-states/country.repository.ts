import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import { foldText } from '../../loaders/text-fold.js';
import { toConfidence } from '../../schema/common-types.js';
import { type Country, MemberStatus, type UnRegionalGroup } from './country.entity.js';
import type { CyberlawArea, CyberlawStatusValue } from './cyberlaw.entity.js';
import type { CountryRow, M49RegionRow, MemberStatesTables } from './member-states.table.js';
import { type M49Region, type RegionLevel } from './region.entity.js';

type Db = Kysely<MemberStatesTables>;

export interface CountryFilterValues {
  regionM49?: string | undefined;
  subregionM49?: string | undefined;
  regionalGroup?: UnRegionalGroup | undefined;
  memberStatus?: MemberStatus | undefined;
  search?: string | undefined;
  cyberlawStatus?: { area: CyberlawArea; status: CyberlawStatusValue } | undefined;
}

const COUNTRY_COLUMNS = [
  'iso3',
  'iso2',
  'm49',
  'name',
  'name_common',
  'names',
  'names_source',
  'region_m49',
  'subregion_m49',
  'intermediate_region_m49',
  'un_regional_group',
  'member_status',
  'observer_status_basis',
  'source',
  'confidence',
] as const;

type CountrySelection = Pick<CountryRow, (typeof COUNTRY_COLUMNS)[number]>;

function toCountry(row: CountrySelection): Country {
  return {
    iso3: row.iso3,
    iso2: row.iso2,
    m49: row.m49,
    name: row.name,
    commonName: row.name_common,
    names: row.names,
    namesSource: row.names_source,
    unRegionalGroup: row.un_regional_group as UnRegionalGroup | null,
    memberStatus: row.member_status as MemberStatus,
    isUnMember: row.member_status === MemberStatus.MEMBER,
    observerStatusBasis: row.observer_status_basis,
    source: row.source,
    confidence: toConfidence(row.confidence),
    regionM49: row.region_m49,
    subregionM49: row.subregion_m49,
    intermediateRegionM49: row.intermediate_region_m49,
  };
}

function toM49Region(row: M49RegionRow): M49Region {
  return {
    m49: row.m49,
    name: row.name,
    level: row.level as RegionLevel,
    memberStateCount: row.member_state_count,
    source: row.source,
    parentM49: row.parent_m49,
  };
}

/** `%`, `_` and `\` are literal in a search string. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereFilter(
  eb: ExpressionBuilder<MemberStatesTables, 'country'>,
  filter: CountryFilterValues,
) {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.regionM49) {
    conditions.push(eb('region_m49', '=', filter.regionM49));
  }
  if (filter.subregionM49) {
    conditions.push(
      eb.or([
        eb('subregion_m49', '=', filter.subregionM49),
        eb('intermediate_region_m49', '=', filter.subregionM49),
      ]),
    );
  }
  if (filter.regionalGroup) {
    conditions.push(eb('un_regional_group', '=', filter.regionalGroup));
  }
  if (filter.memberStatus) {
    conditions.push(eb('member_status', '=', filter.memberStatus));
  }
  if (filter.search) {
    // Case and accents folded on both sides (loaders/text-fold.ts).
    const pattern = foldText(likePattern(filter.search));
    const folded = (value: RawBuilder<unknown>) => sql<SqlBool>`${foldText(value)} like ${pattern}`;
    conditions.push(
      eb.or([
        folded(sql.ref('country.name')),
        folded(sql.ref('country.name_common')),
        eb('iso3', '=', filter.search.toUpperCase()),
        eb('iso2', '=', filter.search.toUpperCase()),
        sql<SqlBool>`exists (select 1 from jsonb_each_text(${sql.ref('names')}) as n where ${foldText(sql.ref('n.value'))} like ${pattern})`,
        eb.exists(
          eb
            .selectFrom('country_alias as a')
            .select(sql<number>`1`.as('one'))
            .whereRef('a.country_iso3', '=', 'country.iso3')
            .where(() => folded(sql.ref('a.alias'))),
        ),
      ]),
    );
  }
  if (filter.cyberlawStatus) {
    const { area, status } = filter.cyberlawStatus;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('cyberlaw_status as s')
          .select(sql<number>`1`.as('one'))
          .whereRef('s.country_iso3', '=', 'country.iso3')
          .where('s.area', '=', area)
          .where('s.status', '=', status),
      ),
    );
  }
  return eb.and(conditions);
}

/** One page in (name, iso3) order, reading `limit + 1` rows so the caller knows if more follow. */
export async function findCountriesPage(
  db: Db,
  filter: CountryFilterValues,
  limit: number,
  after: readonly [name: string, iso3: string] | undefined,
): Promise<Country[]> {
  let query = db
    .selectFrom('country')
    .select(COUNTRY_COLUMNS)
    .where((eb) => whereFilter(eb, filter))
    .orderBy('name')
    .orderBy('iso3')
    .limit(limit + 1);
  if (after) {
    query = query.where((eb) => eb(eb.refTuple('name', 'iso3'), '>', eb.tuple(after[0], after[1])));
  }
  const rows = await query.execute();
  return rows.map(toCountry);
}

export async function countCountries(db: Db, filter: CountryFilterValues): Promise<number> {
  const row = await db
    .selectFrom('country')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where((eb) => whereFilter(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The country columns `countCountriesBy` groups on. */
export type CountryGroupColumn =
  | 'region_m49'
  | 'subregion_m49'
  | 'intermediate_region_m49'
  | 'un_regional_group'
  | 'member_status';

/**
 * How many countries matching the filter have each value of a column, or each UNCTAD status in
 * one area (`cyberlawArea`; a State without a row in that area counts under null).
 */
export async function countCountriesBy(
  db: Db,
  filter: CountryFilterValues,
  by: { readonly column: CountryGroupColumn } | { readonly cyberlawArea: CyberlawArea },
): Promise<{ key: string | null; count: number }[]> {
  if ('column' in by) {
    const rows = await db
      .selectFrom('country')
      .select([`${by.column} as key`, (eb) => eb.fn.countAll<string>().as('count')])
      .where((eb) => whereFilter(eb, filter))
      .groupBy(by.column)
      .execute();
    return rows.map((r) => ({ key: r.key as string | null, count: Number(r.count) }));
  }
  const rows = await db
    .selectFrom('country')
    .leftJoin('cyberlaw_status as g', (join) =>
      join.onRef('g.country_iso3', '=', 'country.iso3').on('g.area', '=', by.cyberlawArea),
    )
    .select(['g.status as key', (eb) => eb.fn.countAll<string>().as('count')])
    .where((eb) => whereFilter(eb, filter))
    .groupBy('g.status')
    .execute();
  return rows.map((r) => ({ key: r.key as string | null, count: Number(r.count) }));
}

export async function findCountriesByIso3s(db: Db, iso3s: readonly string[]): Promise<Country[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('country')
    .select(COUNTRY_COLUMNS)
    .where('iso3', '=', sql<string>`any(${[...iso3s]})`)
    .execute();
  return rows.map(toCountry);
}

export async function findCountriesByM49s(db: Db, m49s: readonly string[]): Promise<Country[]> {
  if (m49s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('country')
    .select(COUNTRY_COLUMNS)
    .where('m49', '=', sql<string>`any(${[...m49s]})`)
    .execute();
  return rows.map(toCountry);
}

/** Countries inside any of the areas, at whatever M49 level each area is, in name order. */
export async function findCountriesInAreas(
  db: Db,
  areaM49s: readonly string[],
): Promise<Country[]> {
  if (areaM49s.length === 0) {
    return [];
  }
  const areas = [...areaM49s];
  const rows = await db
    .selectFrom('country')
    .select(COUNTRY_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('region_m49', '=', sql<string>`any(${areas})`),
        eb('subregion_m49', '=', sql<string>`any(${areas})`),
        eb('intermediate_region_m49', '=', sql<string>`any(${areas})`),
      ]),
    )
    .orderBy('name')
    .orderBy('iso3')
    .execute();
  return rows.map(toCountry);
}

export async function findRegionsByM49s(db: Db, m49s: readonly string[]): Promise<M49Region[]> {
  if (m49s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('m49_region')
    .selectAll()
    .where('m49', '=', sql<string>`any(${[...m49s]})`)
    .execute();
  return rows.map(toM49Region);
}

export async function findRegionsByParentM49s(
  db: Db,
  parents: readonly string[],
): Promise<M49Region[]> {
  if (parents.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('m49_region')
    .selectAll()
    .where('parent_m49', '=', sql<string>`any(${[...parents]})`)
    .orderBy('name')
    .execute();
  return rows.map(toM49Region);
}

export async function findRegions(db: Db, level: RegionLevel | undefined): Promise<M49Region[]> {
  let query = db.selectFrom('m49_region').selectAll().orderBy('level').orderBy('name');
  if (level) {
    query = query.where('level', '=', level);
  }
  const rows = await query.execute();
  return rows.map(toM49Region);
}
