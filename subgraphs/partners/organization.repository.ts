import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { touch } from '../../loaders/touch.js';
import { toConfidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';
import type { UnverifiedOrganization } from '../../schema/sourced.js';
import type { Organization, PartnerCategory } from './organization.entity.js';
import type {
  NewOrganization,
  OrganizationChanges,
  OrganizationFilterValues,
} from './organization.validation.js';
import type { NewOrganizationRow, OrganizationRow, PartnersTables } from './partners.table.js';

type Db = Kysely<PartnersTables>;

const ORGANIZATION_COLUMNS = [
  'id',
  'name',
  'acronym',
  'partner_category',
  'iati_org_type',
  'crs_channel_code',
  'iati_org_id',
  'hq_country_iso3',
  'website',
  'description',
  'source',
  'confidence',
  'notes',
  'licence',
  'attribution',
  'synthetic',
  'verified',
  'review_status',
] as const;

type OrganizationSelection = Pick<OrganizationRow, (typeof ORGANIZATION_COLUMNS)[number]>;

function toOrganization(row: OrganizationSelection): Organization {
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    partnerCategory: row.partner_category as PartnerCategory,
    iatiOrgType: row.iati_org_type,
    crsChannelCode: row.crs_channel_code,
    iatiOrgId: row.iati_org_id,
    website: row.website,
    description: row.description,
    roleInDomain: row.description,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    licence: row.licence,
    attribution: row.attribution,
    synthetic: row.synthetic,
    verified: row.verified,
    reviewStatus: row.review_status as ReviewStatus,
    hqCountryIso3: row.hq_country_iso3 ? row.hq_country_iso3.trim() : null,
  };
}

/** `%`, `_` and `\` are literal in a search string. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereFilter(
  eb: ExpressionBuilder<PartnersTables, 'organization'>,
  filter: OrganizationFilterValues,
) {
  const conditions: Expression<SqlBool>[] = [];
  if (!filter.includeArchived) {
    conditions.push(eb('review_status', '<>', 'ARCHIVED'));
  }
  if (filter.synthetic !== undefined) {
    conditions.push(eb('synthetic', '=', filter.synthetic));
  }
  if (filter.category) {
    conditions.push(eb('partner_category', '=', filter.category));
  }
  if (filter.hqCountry) {
    conditions.push(eb('hq_country_iso3', '=', filter.hqCountry));
  }
  if (filter.countryOfOperation) {
    conditions.push(
      eb(
        'id',
        'in',
        eb
          .selectFrom('organization_country')
          .select('organization_id')
          .where('country_iso3', '=', filter.countryOfOperation),
      ),
    );
  }
  if (filter.search) {
    const pattern = likePattern(filter.search);
    conditions.push(
      eb.or([
        eb('name', 'ilike', pattern),
        eb('acronym', 'ilike', pattern),
        eb('id', '=', filter.search.toLowerCase()),
      ]),
    );
  }
  return eb.and(conditions);
}

/** One page in (name, id) order, reading `limit + 1` rows so the caller knows if more follow. */
export async function findOrganizationsPage(
  db: Db,
  filter: OrganizationFilterValues,
  limit: number,
  after: readonly [name: string, id: string] | undefined,
): Promise<Organization[]> {
  let query = db
    .selectFrom('organization')
    .select(ORGANIZATION_COLUMNS)
    .where((eb) => whereFilter(eb, filter))
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1);
  if (after) {
    query = query.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(after[0], after[1])));
  }
  const rows = await query.execute();
  return rows.map(toOrganization);
}

export async function countOrganizations(
  db: Db,
  filter: OrganizationFilterValues,
): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where((eb) => whereFilter(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findOrganizationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Organization[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('organization')
    .select(ORGANIZATION_COLUMNS)
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toOrganization);
}

/** Declared countries of operation, in code order. */
export async function findOperatingCountries(
  db: Db,
  organizationIds: readonly string[],
): Promise<{ organizationId: string; iso3: string }[]> {
  if (organizationIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('organization_country')
    .select(['organization_id', 'country_iso3'])
    .where('organization_id', '=', sql<string>`any(${[...organizationIds]})`)
    .orderBy('country_iso3')
    .execute();
  return rows.map((r) => ({ organizationId: r.organization_id, iso3: r.country_iso3.trim() }));
}

/** Why an organization is a partner in a country: declared (no dates), or a partnership's dates. */
export interface CountryPartnerLink {
  iso3: string;
  organizationId: string;
  declared: boolean;
  /** True when the link runs through a synthetic partnership. */
  synthetic: boolean;
  startDate: string | null;
  endDate: string | null;
}

/**
 * Organizations linked to each country: those that declare it a country of operation, and the
 * members of published partnerships that cover it. One statement for all the countries.
 */
export async function findCountryPartnerLinks(
  db: Db,
  iso3s: readonly string[],
): Promise<CountryPartnerLink[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const codes = [...iso3s];
  const rows = await db
    .selectFrom('organization_country as oc')
    .select([
      'oc.country_iso3 as iso3',
      'oc.organization_id as organization_id',
      sql<string | null>`null::text`.as('start_date'),
      sql<string | null>`null::text`.as('end_date'),
      sql<boolean>`false`.as('synthetic'),
    ])
    .where('oc.country_iso3', '=', sql<string>`any(${codes})`)
    .unionAll(
      db
        .selectFrom('partnership_country as pc')
        .innerJoin('partnership as p', 'p.id', 'pc.partnership_id')
        .innerJoin('partnership_member as m', 'm.partnership_id', 'pc.partnership_id')
        .select([
          'pc.country_iso3 as iso3',
          'm.organization_id as organization_id',
          sql<string | null>`p.start_date::text`.as('start_date'),
          sql<string | null>`p.end_date::text`.as('end_date'),
          'p.synthetic as synthetic',
        ])
        .where('pc.country_iso3', '=', sql<string>`any(${codes})`)
        .where('p.review_status', '=', 'PUBLISHED'),
    )
    .execute();
  return rows.map((r) => ({
    iso3: r.iso3.trim(),
    organizationId: r.organization_id,
    declared: r.start_date === null,
    synthetic: r.synthetic === true,
    startDate: r.start_date,
    endDate: r.end_date,
  }));
}

/** The M49 region of each known country code (copied from the member-states seed). */
export async function findCountryRegions(
  db: Db,
  iso3s: readonly string[],
): Promise<{ iso3: string; regionM49: string }[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('country_region')
    .select(['iso3', 'region_m49'])
    .where('iso3', '=', sql<string>`any(${[...iso3s]})`)
    .execute();
  return rows.map((r) => ({ iso3: r.iso3.trim(), regionM49: r.region_m49.trim() }));
}

/** The M49 regions that hold at least one known country, in code order. */
export async function findRegionCodes(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('country_region')
    .select('region_m49')
    .distinct()
    .orderBy('region_m49')
    .execute();
  return rows.map((r) => r.region_m49.trim());
}

/** The `organization` row of a new organization: an editor's record, published, to verify. */
function toOrganizationRow(o: NewOrganization): NewOrganizationRow {
  return {
    id: o.id,
    name: o.name,
    acronym: o.acronym,
    partner_category: o.partnerCategory,
    iati_org_type: o.iatiOrgType,
    crs_channel_code: o.crsChannelCode,
    iati_org_id: o.iatiOrgId,
    hq_country_iso3: o.hqCountry,
    website: o.website,
    description: o.description,
    source: o.source,
    confidence: 'to verify',
    notes: null,
    review_status: ReviewStatus.PUBLISHED,
  };
}

export async function insertOrganization(db: Db, organization: NewOrganization): Promise<void> {
  await db.insertInto('organization').values(toOrganizationRow(organization)).execute();
  await replaceOperatingCountries(db, organization.id, organization.countriesOfOperation);
}

/** Undefined fields stay as stored; the row is marked edited so the seed never overwrites it. */
export async function updateOrganization(
  db: Db,
  id: string,
  changes: OrganizationChanges,
): Promise<void> {
  await db
    .updateTable('organization')
    .set({
      name: changes.name,
      acronym: changes.acronym,
      partner_category: changes.partnerCategory,
      iati_org_type: changes.iatiOrgType,
      crs_channel_code: changes.crsChannelCode,
      iati_org_id: changes.iatiOrgId,
      hq_country_iso3: changes.hqCountry,
      website: changes.website,
      description: changes.description,
      verified: changes.verified,
      review_status: changes.reviewStatus,
      edited_at: touch(),
      updated_at: touch(),
    })
    .where('id', '=', id)
    .execute();
  if (changes.countriesOfOperation) {
    await replaceOperatingCountries(db, id, changes.countriesOfOperation);
  }
}

async function replaceOperatingCountries(
  db: Db,
  organizationId: string,
  iso3s: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('organization_country')
    .where('organization_id', '=', organizationId)
    .execute();
  if (iso3s.length > 0) {
    await db
      .insertInto('organization_country')
      .values(iso3s.map((iso3) => ({ organization_id: organizationId, country_iso3: iso3 })))
      .execute();
  }
}

function toUnverifiedOrganizationRow(o: UnverifiedOrganization): NewOrganizationRow {
  return {
    id: o.id,
    name: o.name.trim(),
    acronym: null,
    partner_category: 'OTHER',
    iati_org_type: o.iatiOrgType,
    crs_channel_code: null,
    iati_org_id: o.iatiOrgId,
    hq_country_iso3: null,
    website: null,
    description: null,
    source: o.source,
    confidence: 'to verify',
    notes: o.notes,
    synthetic: o.synthetic,
    verified: false,
    review_status: ReviewStatus.PUBLISHED,
  };
}

/** Inserts those not present yet (an id already present is left as it is); returns the new ids. */
export async function insertUnverifiedOrganizations(
  db: Db,
  organizations: readonly UnverifiedOrganization[],
): Promise<string[]> {
  const rows = await db
    .insertInto('organization')
    .values(organizations.map(toUnverifiedOrganizationRow))
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
