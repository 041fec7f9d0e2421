import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AuditTables } from '../../loaders/audit.js';
import type { UpdatedAt } from '../../loaders/touch.js';

/** The Postgres schema this subgraph owns. */
export const DB_SCHEMA = 'assistance';

type TextArray = ColumnType<string[], string[], string[]>;

/** This subgraph's copy of the States it accepts, with the M49 region for REGION grouping. */
export interface KnownCountryTable {
  iso3: string;
  region_m49: string;
  source: string;
}

/** This subgraph's copy of the organisation ids it accepts (partners owns organisations). */
export interface KnownOrganizationTable {
  id: string;
  name: string;
  source: string;
}

/** This subgraph's copy of the project ids it accepts (funding owns projects). */
export interface KnownProjectTable {
  id: string;
  title: string;
  source: string;
}

/** This subgraph's copy of the offence category codes it accepts (laws owns them). */
export interface KnownOffenceCategoryTable {
  code: string;
  scheme: string;
  source: string;
}

/** A cited, reported figure or fact of the Global Programme that is not one activity. */
export interface ReportedResultTable {
  code: string;
  label: string;
  year: number | null;
  value: string | null;
  unit: string | null;
  value_note: string | null;
  country_iso3: string | null;
  gpc_pillar: string | null;
  source: string;
  confidence: string;
  notes: string | null;
}

export interface AssistanceRequestTable {
  id: string;
  country_iso3: string;
  received_on: ColumnType<string, string, string>;
  gpc_areas: TextArray;
  description: string;
  status: string;
  needs_assessment_id: string | null;
  synthetic: boolean;
  source: string;
  review_status: string;
  updated_at: UpdatedAt;
}

export interface RequestStatusChangeTable {
  id: Generated<string>;
  request_id: string;
  status: string;
  changed_on: ColumnType<string, string, string>;
  note: string | null;
  recorded_at: ColumnType<Date, never, never>;
}

export interface RoleCountJson {
  role: string;
  count: number;
}

export interface ActivityTable {
  id: string;
  title: string;
  type: string;
  modality: string | null;
  start_date: string | null;
  end_date: string | null;
  location_iso3: string | null;
  location_city: string | null;
  beneficiary_iso3s: TextArray;
  beneficiary_institutions: TextArray;
  implementer_ids: TextArray;
  project_id: string | null;
  gpc_pillar: string;
  gpc_areas: TextArray;
  offence_category_codes: TextArray;
  participants_total: number | null;
  participants_female: number | null;
  participants_male: number | null;
  participants_other: number | null;
  /** `[{ role, count }]`, stored as JSON text on insert. */
  participants_by_role: ColumnType<RoleCountJson[] | null, string | null, string | null>;
  needs_assessment_id: string | null;
  request_id: string | null;
  legislation_ids: TextArray;
  provision_ids: TextArray;
  synthetic: boolean;
  source: string;
  confidence: string;
  notes: string | null;
  /** Real activities: the programme as the source names it, and terms of reuse; else null. */
  programme: ColumnType<string | null, string | null | undefined, string | null>;
  licence: ColumnType<string | null, string | null | undefined, string | null>;
  attribution: ColumnType<string | null, string | null | undefined, string | null>;
  review_status: string;
  submitted_by_org_id: string | null;
  updated_at: UpdatedAt;
}

/** What changed after assistance: a law adopted, a unit set up, practitioners certified … */
export interface OutcomeTable {
  id: string;
  kind: string;
  occurred_on: ColumnType<string, string, string>;
  summary: string;
  country_iso3: string;
  count: number | null;
  activity_id: string | null;
  request_id: string | null;
  needs_assessment_id: string | null;
  finding_id: string | null;
  legislation_id: string | null;
  evidence_source: string;
  confidence: string;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  recorded_at: ColumnType<Date, never, never>;
}

export type OutcomeRow = Selectable<OutcomeTable>;
export type NewOutcomeRow = Insertable<OutcomeTable>;

/** Where and when a project runs and who implements it, for coordination. */
export interface ProjectFootprintTable {
  project_id: string;
  implementer_ids: TextArray;
  country_iso3s: TextArray;
  start_date: ColumnType<string | null, string | null, string | null>;
  end_date: ColumnType<string | null, string | null, string | null>;
  dates_as_given: string | null;
  synthetic: boolean;
  source: string;
  licence: string | null;
  attribution: string | null;
}

export type AssistanceRequestRow = Selectable<AssistanceRequestTable>;
export type NewAssistanceRequestRow = Insertable<AssistanceRequestTable>;
export type RequestStatusChangeRow = Selectable<RequestStatusChangeTable>;
export type NewRequestStatusChangeRow = Insertable<RequestStatusChangeTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type NewActivityRow = Insertable<ActivityTable>;
export type ReportedResultRow = Selectable<ReportedResultTable>;

/** The tables of the `assistance` Postgres schema. */
export interface AssistanceTables extends AuditTables {
  known_country: KnownCountryTable;
  known_organization: KnownOrganizationTable;
  known_project: KnownProjectTable;
  known_offence_category: KnownOffenceCategoryTable;
  reported_result: ReportedResultTable;
  assistance_request: AssistanceRequestTable;
  request_status_change: RequestStatusChangeTable;
  activity: ActivityTable;
  outcome: OutcomeTable;
  project_footprint: ProjectFootprintTable;
}
