import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { toConfidence } from '../../schema/common-types.js';
import type { GpcTheme } from '../../schema/gpc.js';
import type { ReviewStatus } from '../../schema/review.js';
import type { PartnershipVisibility } from './partners.access.js';
import type { NewPartnershipRow, PartnersTables, PartnershipRow } from './partners.table.js';
import type { MemberRole, Partnership, PartnershipType } from './partnership.entity.js';
import type { PartnershipFilterValues } from './partnership.validation.js';

type Db = Kysely<PartnersTables>;

/** A selected row: the partnership's columns and its children as JSON (null when it has none). */
type PartnershipSelection = Pick<
  PartnershipRow,
  | 'id'
  | 'title'
  | 'type'
  | 'scope'
  | 'start_date'
  | 'end_date'
  | 'synthetic'
  | 'review_status'
  | 'proposed_by'
  | 'source'
  | 'confidence'
  | 'url'
  | 'notes'
  | 'dates_as_given'
  | 'licence'
  | 'attribution'
> & {
  members: { organizationId: string; role: string }[] | null;
  themes: string[] | null;
  countries: string[] | null;
};

function toPartnership(row: PartnershipSelection): Partnership {
  return {
    id: row.id,
    title: row.title,
    type: row.type as PartnershipType,
    scope: row.scope,
    startDate: row.start_date,
    endDate: row.end_date,
    synthetic: row.synthetic,
    reviewStatus: row.review_status as ReviewStatus,
    proposedBy: row.proposed_by,
    source: row.source,
    confidence: row.confidence === null ? null : toConfidence(row.confidence),
    url: row.url,
    notes: row.notes,
    datesAsGiven: row.dates_as_given,
    licence: row.licence,
    attribution: row.attribution,
    members: (row.members ?? []).map((m) => ({
      organizationId: m.organizationId,
      role: m.role as MemberRole,
    })),
    themes: (row.themes ?? []) as GpcTheme[],
    countryIso3s: (row.countries ?? []).map((c) => c.trim()),
  };
}

/**
 * Start-date order with undated partnerships (a source may give no start) last; pages key on the
 * same expression, with `UNDATED_LAST` as the cursor value of an undated one.
 */
const START_ORDER = sql`coalesce(partnership.start_date, 'infinity'::date)`;
export const UNDATED_LAST = 'infinity';

/** The partnership's columns plus its members, themes and countries, as JSON in the same row. */
function selectPartnerships(db: Db) {
  return db
    .selectFrom('partnership')
    .select([
      'partnership.id',
      'partnership.title',
      'partnership.type',
      'partnership.scope',
      sql<string | null>`partnership.start_date::text`.as('start_date'),
      sql<string | null>`partnership.end_date::text`.as('end_date'),
      'partnership.synthetic',
      'partnership.review_status',
      'partnership.proposed_by',
      'partnership.source',
      'partnership.confidence',
      'partnership.url',
      'partnership.notes',
      'partnership.dates_as_given',
      'partnership.licence',
      'partnership.attribution',
    ])
    .select((eb) => [
      eb
        .selectFrom('partnership_member as m')
        .select(
          sql<
            { organizationId: string; role: string }[]
          >`coalesce(json_agg(json_build_object('organizationId', m.organization_id, 'role', m.role) order by (m.role <> 'LEAD'), m.organization_id), '[]'::json)`.as(
            'agg',
          ),
        )
        .whereRef('m.partnership_id', '=', 'partnership.id')
        .as('members'),
      eb
        .selectFrom('partnership_theme as t')
        .select(sql<string[]>`coalesce(json_agg(t.theme order by t.theme), '[]'::json)`.as('agg'))
        .whereRef('t.partnership_id', '=', 'partnership.id')
        .as('themes'),
      eb
        .selectFrom('partnership_country as c')
        .select(
          sql<string[]>`coalesce(json_agg(c.country_iso3 order by c.country_iso3), '[]'::json)`.as(
            'agg',
          ),
        )
        .whereRef('c.partnership_id', '=', 'partnership.id')
        .as('countries'),
    ]);
}

export async function findPartnershipsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Partnership[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await selectPartnerships(db)
    .where('partnership.id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toPartnership);
}

/** Published partnerships of each organization, in start-date order. One statement. */
export async function findPublishedPartnershipsByMembers(
  db: Db,
  organizationIds: readonly string[],
): Promise<{ organizationId: string; partnership: Partnership }[]> {
  if (organizationIds.length === 0) {
    return [];
  }
  const rows = await selectPartnerships(db)
    .innerJoin('partnership_member as pm', 'pm.partnership_id', 'partnership.id')
    .select('pm.organization_id as parent_key')
    .where('pm.organization_id', '=', sql<string>`any(${[...organizationIds]})`)
    .where('partnership.review_status', '=', 'PUBLISHED')
    .orderBy(START_ORDER)
    .orderBy('partnership.id')
    .execute();
  return rows.map((r) => ({
    organizationId: r.parent_key,
    partnership: toPartnership(r),
  }));
}

/** Published partnerships covering each country, in start-date order. One statement. */
export async function findPublishedPartnershipsByCountries(
  db: Db,
  iso3s: readonly string[],
): Promise<{ iso3: string; partnership: Partnership }[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await selectPartnerships(db)
    .innerJoin('partnership_country as pc', 'pc.partnership_id', 'partnership.id')
    .select('pc.country_iso3 as parent_key')
    .where('pc.country_iso3', '=', sql<string>`any(${[...iso3s]})`)
    .where('partnership.review_status', '=', 'PUBLISHED')
    .orderBy(START_ORDER)
    .orderBy('partnership.id')
    .execute();
  return rows.map((r) => ({
    iso3: r.parent_key.trim(),
    partnership: toPartnership(r),
  }));
}

function whereFilter(
  eb: ExpressionBuilder<PartnersTables, 'partnership'>,
  filter: PartnershipFilterValues,
  visibility: PartnershipVisibility,
) {
  const conditions: Expression<SqlBool>[] = [];
  if (!visibility.all) {
    const visible: Expression<SqlBool>[] = [eb('partnership.review_status', '=', 'PUBLISHED')];
    if (visibility.organizationId) {
      visible.push(eb('partnership.proposed_by', '=', visibility.organizationId));
    }
    conditions.push(eb.or(visible));
  } else if (!filter.reviewStatus) {
    conditions.push(eb('partnership.review_status', '<>', 'ARCHIVED'));
  }
  if (filter.reviewStatus) {
    conditions.push(eb('partnership.review_status', '=', filter.reviewStatus));
  }
  if (filter.type) {
    conditions.push(eb('partnership.type', '=', filter.type));
  }
  if (filter.synthetic !== undefined) {
    conditions.push(eb('partnership.synthetic', '=', filter.synthetic));
  }
  if (filter.activeOn) {
    conditions.push(eb('partnership.start_date', '<=', filter.activeOn));
    conditions.push(
      eb.or([
        eb('partnership.end_date', 'is', null),
        eb('partnership.end_date', '>=', filter.activeOn),
      ]),
    );
  }
  if (filter.theme) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('partnership_theme as ft')
          .select('ft.theme')
          .whereRef('ft.partnership_id', '=', 'partnership.id')
          .where('ft.theme', '=', filter.theme),
      ),
    );
  }
  if (filter.country) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('partnership_country as fc')
          .select('fc.country_iso3')
          .whereRef('fc.partnership_id', '=', 'partnership.id')
          .where('fc.country_iso3', '=', filter.country),
      ),
    );
  }
  if (filter.member) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('partnership_member as fm')
          .select('fm.organization_id')
          .whereRef('fm.partnership_id', '=', 'partnership.id')
          .where('fm.organization_id', '=', filter.member),
      ),
    );
  }
  return eb.and(conditions);
}

/** One page in (startDate, id) order, reading `limit + 1` rows. */
export async function findPartnershipsPage(
  db: Db,
  filter: PartnershipFilterValues,
  visibility: PartnershipVisibility,
  limit: number,
  after: readonly [startDate: string, id: string] | undefined,
): Promise<Partnership[]> {
  let query = selectPartnerships(db)
    .where((eb) => whereFilter(eb, filter, visibility))
    .orderBy(START_ORDER)
    .orderBy('partnership.id')
    .limit(limit + 1);
  if (after) {
    query = query.where(
      sql<SqlBool>`(coalesce(partnership.start_date, 'infinity'::date), partnership.id) > (${after[0]}::date, ${after[1]})`,
    );
  }
  const rows = await query.execute();
  return rows.map(toPartnership);
}

export async function countPartnerships(
  db: Db,
  filter: PartnershipFilterValues,
  visibility: PartnershipVisibility,
): Promise<number> {
  const row = await db
    .selectFrom('partnership')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where((eb) => whereFilter(eb, filter, visibility))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

interface PartnershipChildren {
  members: readonly { organizationId: string; role: MemberRole }[];
  themes: readonly GpcTheme[];
  /** Each covered country with its M49 region, stored at write time. */
  countries: readonly { iso3: string; regionM49: string }[];
}

/** A new partnership as the write resolver decided it. */
interface NewPartnership extends PartnershipChildren {
  readonly id: string;
  readonly title: string;
  readonly type: PartnershipType;
  readonly scope: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly reviewStatus: ReviewStatus;
  readonly proposedBy: string | null;
  readonly source: string;
}

/** The `partnership` row of a new partnership (an API write: never synthetic). */
function toPartnershipRow(p: NewPartnership): NewPartnershipRow {
  return {
    id: p.id,
    title: p.title,
    type: p.type,
    scope: p.scope,
    start_date: p.startDate,
    end_date: p.endDate,
    synthetic: false,
    review_status: p.reviewStatus,
    proposed_by: p.proposedBy,
    source: p.source,
  };
}

export async function insertPartnership(db: Db, partnership: NewPartnership): Promise<void> {
  await db.insertInto('partnership').values(toPartnershipRow(partnership)).execute();
  await replacePartnershipChildren(db, partnership.id, partnership);
}

async function replacePartnershipChildren(
  db: Db,
  id: string,
  children: PartnershipChildren,
): Promise<void> {
  await db.deleteFrom('partnership_member').where('partnership_id', '=', id).execute();
  await db.deleteFrom('partnership_theme').where('partnership_id', '=', id).execute();
  await db.deleteFrom('partnership_country').where('partnership_id', '=', id).execute();
  if (children.members.length > 0) {
    await db
      .insertInto('partnership_member')
      .values(
        children.members.map((m) => ({
          partnership_id: id,
          organization_id: m.organizationId,
          role: m.role,
        })),
      )
      .execute();
  }
  if (children.themes.length > 0) {
    await db
      .insertInto('partnership_theme')
      .values(children.themes.map((theme) => ({ partnership_id: id, theme })))
      .execute();
  }
  if (children.countries.length > 0) {
    await db
      .insertInto('partnership_country')
      .values(
        children.countries.map((c) => ({
          partnership_id: id,
          country_iso3: c.iso3,
          region_m49: c.regionM49,
        })),
      )
      .execute();
  }
}

/** Changes to a partnership; `children` replaces its members, themes and countries. */
interface PartnershipChanges {
  readonly title?: string;
  readonly type?: PartnershipType;
  readonly scope?: string | null;
  readonly startDate?: string | null;
  readonly endDate?: string | null;
  readonly reviewStatus?: ReviewStatus;
  readonly children?: PartnershipChildren | undefined;
}

export async function updatePartnership(
  db: Db,
  id: string,
  changes: PartnershipChanges,
): Promise<void> {
  await db
    .updateTable('partnership')
    .set({
      title: changes.title,
      type: changes.type,
      scope: changes.scope,
      start_date: changes.startDate,
      end_date: changes.endDate,
      review_status: changes.reviewStatus,
      updated_at: touch(),
    })
    .where('id', '=', id)
    .execute();
  if (changes.children) {
    await replacePartnershipChildren(db, id, changes.children);
  }
}
