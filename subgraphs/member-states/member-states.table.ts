import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AuditTables } from '../../loaders/audit.js';
import type { UpdatedAt } from '../../loaders/touch.js';

/** The Postgres schema this subgraph owns. */
export const DB_SCHEMA = 'member_states';

/** The six official UN languages. */
export interface CountryNamesJson {
  ar: string | null;
  zh: string | null;
  en: string;
  fr: string | null;
  ru: string | null;
  es: string | null;
}

export interface CountryTable {
  iso3: string;
  iso2: string;
  m49: string;
  name: string;
  name_common: string | null;
  names: ColumnType<CountryNamesJson, string, string>;
  names_source: string;
  region_m49: string;
  subregion_m49: string;
  intermediate_region_m49: string | null;
  un_regional_group: string | null;
  member_status: string;
  observer_status_basis: string | null;
  source: string;
  confidence: string;
  updated_at: UpdatedAt;
}

export interface M49RegionTable {
  m49: string;
  name: string;
  level: string;
  parent_m49: string | null;
  member_state_count: number;
  source: string;
}

export type CountryRow = Selectable<CountryTable>;
export type NewCountryRow = Insertable<CountryTable>;
export type M49RegionRow = Selectable<M49RegionTable>;
export type NewM49RegionRow = Insertable<M49RegionTable>;

/** One published value of a capability index (ITU GCI …) for one country. */
export interface CapabilityIndicatorTable {
  id: string;
  country_iso3: string;
  index_name: string;
  edition: string;
  pillar: string;
  score: string | null;
  score_max: string | null;
  tier: string | null;
  source_url: string;
  confidence: string;
  notes: string | null;
  recorded_at: ColumnType<Date, never, never>;
  corrected_at: ColumnType<Date | null, never, Date | null>;
  withdrawn_at: ColumnType<Date | null, never, Date | null>;
  withdrawal_reason: string | null;
}

/** UNCTAD Global Cyberlaw Tracker: one State's status in one area of law. */
export interface CyberlawStatusTable {
  country_iso3: string;
  area: string;
  status: string;
  as_of: ColumnType<string, string, string>;
  unctad_name: string;
  source: string;
  licence: string;
  confidence: string;
  notes: string | null;
}

/** A former or other name a State is searched by ("Swaziland", "Turkey"). */
export interface CountryAliasTable {
  country_iso3: string;
  alias: string;
  kind: string;
  source: string;
  confidence: string;
}

export type CyberlawStatusRow = Selectable<CyberlawStatusTable>;
export type NewCyberlawStatusRow = Insertable<CyberlawStatusTable>;
export type NewCountryAliasRow = Insertable<CountryAliasTable>;

export interface NeedsAssessmentTable {
  id: string;
  country_iso3: string;
  title: string;
  requested_by: string;
  conducted_by_organization_ids: ColumnType<string[], string[], string[]>;
  methodology: string;
  started_on: string | null;
  completed_on: string | null;
  areas: ColumnType<string[], string[], string[]>;
  recommendations: ColumnType<string[], string[], string[]>;
  public_summary: string;
  confidentiality: string;
  synthetic: boolean;
  source: string;
  status: ColumnType<string, string | undefined, string>;
  consent: ColumnType<string, string | undefined, string>;
  requested_on: string | null;
  accepted_on: string | null;
}

export interface NeedsFindingTable {
  id: string;
  assessment_id: string;
  ordinal: number;
  area: string;
  gap: string;
  severity: string;
  status: ColumnType<string, string | undefined, string>;
  closed_by_assessment_id: string | null;
}

/** One step of a finding's history: a later assessment closed or re-rated it. */
export interface NeedsFindingChangeTable {
  id: Generated<number>;
  finding_id: string;
  assessment_id: string;
  change: string;
  severity_before: string;
  severity_after: string;
  note: string | null;
  recorded_at: ColumnType<Date, never, never>;
}

export type NeedsAssessmentRow = Selectable<NeedsAssessmentTable>;
export type NewNeedsAssessmentRow = Insertable<NeedsAssessmentTable>;
export type NeedsFindingRow = Selectable<NeedsFindingTable>;
export type NewNeedsFindingRow = Insertable<NeedsFindingTable>;
export type NeedsFindingChangeRow = Selectable<NeedsFindingChangeTable>;

/** The tables of the `member_states` Postgres schema. */
export interface MemberStatesTables extends AuditTables {
  capability_indicator: CapabilityIndicatorTable;
  country: CountryTable;
  country_alias: CountryAliasTable;
  cyberlaw_status: CyberlawStatusTable;
  m49_region: M49RegionTable;
  needs_assessment: NeedsAssessmentTable;
  needs_finding: NeedsFindingTable;
  needs_finding_change: NeedsFindingChangeTable;
}
