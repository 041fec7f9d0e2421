import { sql, type Kysely } from 'kysely';
import { ReviewStatus } from '../../schema/review.js';
import type { Period } from './activity.repository.js';
import { DB_SCHEMA, type AssistanceTables } from './assistance.table.js';

type Db = Kysely<AssistanceTables>;

/** Raw SQL names the table through the schema this subgraph owns. */
const ACTIVITY = sql.table(`${DB_SCHEMA}.activity`);
const KNOWN_COUNTRY = sql.table(`${DB_SCHEMA}.known_country`);

export interface OverlapRecord {
  countryIso3: string;
  firstId: string;
  secondId: string;
  sharedAreas: string[];
  overlapStart: string;
  overlapEnd: string;
  overlapDays: number;
}

/** Where overlaps are looked for: exactly one of these. */
export type OverlapScope =
  | { readonly country: string }
  | { readonly region: string }
  | { readonly implementer: string }
  | { readonly projects: readonly string[] };

export interface OverlapPage {
  readonly limit: number;
  /** The sort key of the last pair of the previous page. */
  readonly after?: readonly [string, string, string, string] | undefined;
  readonly includeSynthetic: boolean;
}

/**
 * Pairs of published activities benefiting the same country that share a GPC area, overlap in
 * time and have no implementer in common; each pair once per shared country (`first.id <
 * second.id`). The scope keeps pairs in one country, in the countries of one M49 region (this
 * subgraph's copy of each State's region), with one implementer on either side, or with an
 * activity of one of the given projects on either side (a donor's projects). With a
 * period, only the part of the overlap inside the period counts, and pairs whose overlap misses
 * it are left out. Without `page`, every pair (synthetic ones included, for the caller to
 * filter); with it, one keyset page of `limit + 1` pairs by overlap start, ids and country.
 */
export async function findOverlaps(
  db: Db,
  scope: OverlapScope,
  period: Period,
  page?: OverlapPage,
): Promise<OverlapRecord[]> {
  const result = await sql<{
    country_iso3: string;
    first_id: string;
    second_id: string;
    shared_areas: string[];
    overlap_start: string;
    overlap_end: string;
    overlap_days: number;
  }>`
    ${overlapPairs(scope, period, page?.includeSynthetic ?? true)}
    select country_iso3, first_id, second_id, shared_areas, overlap_start::text as overlap_start,
      overlap_end::text as overlap_end, (overlap_end - overlap_start + 1)::int as overlap_days
    from pairs
    where overlap_start <= overlap_end
    ${
      page?.after
        ? sql`and (overlap_start, first_id, second_id, country_iso3) > (${page.after[0]}::date, ${page.after[1]}, ${page.after[2]}, ${page.after[3]})`
        : sql``
    }
    order by overlap_start, first_id, second_id, country_iso3
    ${page ? sql`limit ${page.limit + 1}` : sql``}`.execute(db);
  return result.rows.map((r) => ({
    countryIso3: r.country_iso3.trim(),
    firstId: r.first_id,
    secondId: r.second_id,
    sharedAreas: r.shared_areas,
    overlapStart: r.overlap_start,
    overlapEnd: r.overlap_end,
    overlapDays: Number(r.overlap_days),
  }));
}

/** How many pairs `findOverlaps` finds in the scope and period, across all pages. */
export async function countOverlaps(
  db: Db,
  scope: OverlapScope,
  period: Period,
  includeSynthetic: boolean,
): Promise<number> {
  const result = await sql<{ n: number }>`
    ${overlapPairs(scope, period, includeSynthetic)}
    select count(*)::int as n from pairs where overlap_start <= overlap_end`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** The M49 regions of the States this subgraph knows (its copy of member-states' regions). */
export async function findKnownRegions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('known_country')
    .select('region_m49')
    .distinct()
    .orderBy('region_m49')
    .execute();
  return rows.map((r) => r.region_m49.trim());
}

/** The one statement of the pairing rules, as a `with pairs as (…)` clause. */
function overlapPairs(scope: OverlapScope, period: Period, includeSynthetic: boolean) {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const where =
    'country' in scope
      ? sql`c.iso3 = ${scope.country}`
      : 'region' in scope
        ? sql`c.iso3 in (select k.iso3 from ${KNOWN_COUNTRY} k where k.region_m49 = ${scope.region})`
        : 'implementer' in scope
          ? sql`(${scope.implementer} = any(a.implementer_ids) or ${scope.implementer} = any(b.implementer_ids))`
          : sql`(a.project_id = any(${sql.val([...scope.projects])}::text[]) or b.project_id = any(${sql.val([...scope.projects])}::text[]))`;
  return sql`
    with pairs as (
      select c.iso3 as country_iso3, a.id as first_id, b.id as second_id,
        array(select unnest(a.gpc_areas) intersect select unnest(b.gpc_areas) order by 1) as shared_areas,
        greatest(a.start_date, b.start_date, ${from}::date) as overlap_start,
        least(a.end_date, b.end_date, ${to}::date) as overlap_end
      from ${ACTIVITY} a
      join ${ACTIVITY} b on a.id < b.id
      cross join lateral unnest(a.beneficiary_iso3s) as c(iso3)
      where c.iso3 = any(b.beneficiary_iso3s)
        and ${where}
        and a.review_status = ${ReviewStatus.PUBLISHED} and b.review_status = ${ReviewStatus.PUBLISHED}
        ${includeSynthetic ? sql`` : sql`and not a.synthetic and not b.synthetic`}
        and a.gpc_areas && b.gpc_areas
        and not (a.implementer_ids && b.implementer_ids)
        and a.start_date <= b.end_date and b.start_date <= a.end_date
    )`;
}

export interface CoverageRecord {
  countryIso3: string;
  area: string;
  /** Latest start of any published, dated activity, synthetic ones included. */
  latestStart: string;
  /** Latest start of a real one; null when only synthetic activities cover the area. */
  latestRealStart: string | null;
  activityCount: number;
}

/**
 * Per country of `iso3s` and GPC area: the latest start of a published, dated activity, and of a
 * real one apart, so a real finding is never answered by an illustrative activity.
 */
export async function findCoverage(db: Db, iso3s: readonly string[]): Promise<CoverageRecord[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const result = await sql<{
    country_iso3: string;
    area: string;
    latest_start: string;
    latest_real_start: string | null;
    activity_count: number;
  }>`
    select c.iso3 as country_iso3, g.area, max(a.start_date)::text as latest_start,
      (max(a.start_date) filter (where not a.synthetic))::text as latest_real_start,
      count(*)::int as activity_count
    from ${ACTIVITY} a
    cross join lateral unnest(a.beneficiary_iso3s) as c(iso3)
    cross join lateral unnest(a.gpc_areas) as g(area)
    where c.iso3 = any(${sql.val([...iso3s])}::text[])
      and a.review_status = ${ReviewStatus.PUBLISHED}
      and a.start_date is not null
    group by c.iso3, g.area
    order by c.iso3, g.area`.execute(db);
  return result.rows.map((r) => ({
    countryIso3: r.country_iso3,
    area: r.area,
    latestStart: r.latest_start,
    latestRealStart: r.latest_real_start,
    activityCount: Number(r.activity_count),
  }));
}

const FOOTPRINT = sql.table(`${DB_SCHEMA}.project_footprint`);

export interface ProjectOverlapRecord {
  firstId: string;
  secondId: string;
  firstImplementerIds: string[];
  secondImplementerIds: string[];
  firstDatesAsGiven: string | null;
  secondDatesAsGiven: string | null;
  overlapStart: string;
  overlapEnd: string;
  overlapDays: number;
  synthetic: boolean;
}

/**
 * Pairs of dated projects that both cover `iso3`, have no implementer in common and run at the
 * same time (each pair once, `first < second`), clipped to the period; real pairs only unless
 * `includeSynthetic` (a pair with a synthetic project is itself illustrative).
 */
export async function findProjectOverlaps(
  db: Db,
  iso3: string,
  period: Period,
  includeSynthetic: boolean,
): Promise<ProjectOverlapRecord[]> {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const result = await sql<{
    first_id: string;
    second_id: string;
    first_implementers: string[];
    second_implementers: string[];
    first_dates: string | null;
    second_dates: string | null;
    overlap_start: string;
    overlap_end: string;
    overlap_days: number;
    synthetic: boolean;
  }>`
    with pairs as (
      select a.project_id as first_id, b.project_id as second_id,
        a.implementer_ids as first_implementers, b.implementer_ids as second_implementers,
        a.dates_as_given as first_dates, b.dates_as_given as second_dates,
        greatest(a.start_date, b.start_date, ${from}::date) as overlap_start,
        least(a.end_date, b.end_date, ${to}::date) as overlap_end,
        (a.synthetic or b.synthetic) as synthetic
      from ${FOOTPRINT} a
      join ${FOOTPRINT} b on a.project_id < b.project_id
      where ${iso3} = any(a.country_iso3s) and ${iso3} = any(b.country_iso3s)
        and not (a.implementer_ids && b.implementer_ids)
        and a.start_date <= b.end_date and b.start_date <= a.end_date
        and (${includeSynthetic} or not (a.synthetic or b.synthetic))
    )
    select first_id, second_id, first_implementers, second_implementers, first_dates,
      second_dates, overlap_start::text as overlap_start, overlap_end::text as overlap_end,
      (overlap_end - overlap_start + 1)::int as overlap_days, synthetic
    from pairs
    where overlap_start <= overlap_end
    order by overlap_start, first_id, second_id`.execute(db);
  return result.rows.map((r) => ({
    firstId: r.first_id,
    secondId: r.second_id,
    firstImplementerIds: r.first_implementers,
    secondImplementerIds: r.second_implementers,
    firstDatesAsGiven: r.first_dates,
    secondDatesAsGiven: r.second_dates,
    overlapStart: r.overlap_start,
    overlapEnd: r.overlap_end,
    overlapDays: Number(r.overlap_days),
    synthetic: r.synthetic,
  }));
}
