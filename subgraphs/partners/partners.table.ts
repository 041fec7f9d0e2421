import type { ColumnType, Insertable, RawBuilder, Selectable } from 'kysely';
import type { AuditTables } from '../../loaders/audit.js';
import type { UpdatedAt } from '../../loaders/touch.js';

/** The Postgres schema this subgraph owns. */
export const DB_SCHEMA = 'partners';

export interface CountryRegionTable {
  iso3: string;
  region_m49: string;
  source: string;
}

export interface OrganizationTable {
  id: string;
  name: string;
  acronym: string | null;
  partner_category: string;
  iati_org_type: string | null;
  crs_channel_code: string | null;
  iati_org_id: string | null;
  hq_country_iso3: string | null;
  website: string | null;
  description: string | null;
  source: string;
  confidence: string;
  notes: string | null;
  /** Set for records of the data pack's compiled files (organizations_more.csv). */
  licence: ColumnType<string | null, string | null | undefined, string | null>;
  attribution: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  /** False for an organisation known only by a reference or a name (an IATI import). */
  verified: ColumnType<boolean, boolean | undefined, boolean>;
  review_status: ColumnType<string, string | undefined, string>;
  /** Set by API edits; the seed never overwrites an edited row. */
  edited_at: ColumnType<Date | null, never, RawBuilder<Date>>;
  updated_at: UpdatedAt;
}

export interface OrganizationCountryTable {
  organization_id: string;
  country_iso3: string;
}

export interface PartnershipTable {
  id: string;
  title: string;
  type: string;
  scope: string | null;
  /** `date` comes back as a string from both drivers. */
  start_date: ColumnType<string | null, string | null, string | null>;
  end_date: ColumnType<string | null, string | null, string | null>;
  synthetic: boolean;
  review_status: string;
  proposed_by: string | null;
  source: string;
  /** Real (seeded) partnerships: as the data pack gives them; null on other rows. */
  confidence: ColumnType<string | null, string | null | undefined, string | null>;
  url: ColumnType<string | null, string | null | undefined, string | null>;
  notes: ColumnType<string | null, string | null | undefined, string | null>;
  dates_as_given: ColumnType<string | null, string | null | undefined, string | null>;
  licence: ColumnType<string | null, string | null | undefined, string | null>;
  attribution: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: UpdatedAt;
}

export interface PartnershipMemberTable {
  partnership_id: string;
  organization_id: string;
  role: string;
}

export interface PartnershipThemeTable {
  partnership_id: string;
  theme: string;
}

export interface PartnershipCountryTable {
  partnership_id: string;
  country_iso3: string;
  region_m49: string;
}

export type OrganizationRow = Selectable<OrganizationTable>;
export type NewOrganizationRow = Insertable<OrganizationTable>;
export type PartnershipRow = Selectable<PartnershipTable>;
export type NewPartnershipRow = Insertable<PartnershipTable>;

/** The tables of the `partners` Postgres schema. */
export interface PartnersTables extends AuditTables {
  country_region: CountryRegionTable;
  organization: OrganizationTable;
  organization_country: OrganizationCountryTable;
  partnership: PartnershipTable;
  partnership_member: PartnershipMemberTable;
  partnership_theme: PartnershipThemeTable;
  partnership_country: PartnershipCountryTable;
}
