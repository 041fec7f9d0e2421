import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { AuditTables } from '../../loaders/audit.js';
import type { UpdatedAt } from '../../loaders/touch.js';

/** The Postgres schema this subgraph owns. Raw SQL names tables through it (`funding.project`). */
export const DB_SCHEMA = 'funding';

/** This subgraph's own copy of the organisation ids it may reference (partners owns the rest). */
export interface KnownOrganizationTable {
  id: string;
  name: string;
  iati_org_id: string | null;
  source: string;
  /** False for an organisation an IATI file named only by a reference or a name. */
  verified: ColumnType<boolean, boolean | undefined, boolean>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A recipient region of a project (IATI `recipient-region`, DAC or M49 vocabulary). */
export interface ProjectRecipientRegionTable {
  project_id: string;
  vocabulary: string;
  code: string;
  percentage: string | null;
}

/** An IATI `planned-disbursement`: a planned payment for a period, not a transaction. */
export interface PlannedDisbursementTable {
  id: string;
  project_id: string;
  type: string;
  period_start: string;
  period_end: string | null;
  amount: string;
  currency: string;
  value_date: string;
  provider_org_id: string | null;
  receiver_org_id: string | null;
  synthetic: boolean;
  source: string;
  archived: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Recipient countries it may reference, with the M49 region stored at seed time. */
export interface KnownCountryTable {
  iso3: string;
  iso2: string;
  region_m49: string;
  source: string;
}

export interface ExchangeRateTable {
  currency: string;
  /** `YYYY` (annual average) or `YYYY-MM` (monthly average). */
  period: string;
  /** Units of the currency for one US dollar. */
  units_per_usd: string;
  source: string;
  licence: string;
  confidence: string;
}

export interface ProjectTable {
  id: string;
  iati_identifier: string | null;
  title: string;
  description: string | null;
  status: string;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  parent_id: string | null;
  gpc_pillars: ColumnType<string[], string[], string[]>;
  gpc_areas: ColumnType<string[], string[], string[]>;
  sectors: ColumnType<string[], string[], string[]>;
  synthetic: boolean;
  source: string;
  confidence: string;
  review_status: string;
  /** Records of the data pack's compiled files: terms of reuse and acknowledgement; else null. */
  licence: ColumnType<string | null, string | null | undefined, string | null>;
  attribution: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: UpdatedAt;
}

export interface ProjectParticipantTable {
  project_id: string;
  organization_id: string;
  role: string;
}

export interface ProjectRecipientCountryTable {
  project_id: string;
  country_iso3: string;
  percentage: string | null;
  region_m49: string;
}

export interface FundingTransactionTable {
  id: string;
  project_id: string;
  type: string;
  transaction_date: string;
  amount: string;
  currency: string;
  value_date: string;
  provider_org_id: string | null;
  receiver_org_id: string | null;
  provider_activity_id: string | null;
  earmarking: string | null;
  description: string | null;
  synthetic: boolean;
  source: string;
  confidence: string;
  review_status: string;
  submitted_by_org_id: string | null;
  licence: ColumnType<string | null, string | null | undefined, string | null>;
  attribution: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: UpdatedAt;
}

/**
 * A contribution a public source names, as it names it: with or without an amount, dated as
 * precisely as the source allows. The ones that are money of a project also exist as a
 * transaction (`transaction_id`); the others are never summed.
 */
export interface ContributionRecordTable {
  id: string;
  donor_org_id: string;
  co_donor_org_ids: ColumnType<string[], string[], string[]>;
  date_as_given: string | null;
  value_date: ColumnType<string | null, string | null, string | null>;
  amount: string | null;
  currency: string | null;
  type_as_given: string;
  recipient_or_project: string | null;
  purpose: string | null;
  gpc_link: string;
  attributed_to_gpc: boolean;
  counts_as_contribution: boolean;
  project_id: string | null;
  transaction_id: string | null;
  source: string;
  confidence: string;
  notes: string | null;
  licence: string;
  attribution: string;
}

export interface BudgetTable {
  id: string;
  project_id: string;
  type: string;
  status: string;
  period_start: string;
  period_end: string;
  amount: string;
  currency: string;
  value_date: string;
  synthetic: boolean;
  source: string;
  archived: ColumnType<boolean, boolean | undefined, boolean>;
}

export type ProjectRow = Selectable<ProjectTable>;
export type NewProjectRow = Insertable<ProjectTable>;
export type ProjectParticipantRow = Selectable<ProjectParticipantTable>;
export type ProjectRecipientCountryRow = Selectable<ProjectRecipientCountryTable>;
export type FundingTransactionRow = Selectable<FundingTransactionTable>;
export type NewFundingTransactionRow = Insertable<FundingTransactionTable>;
export type BudgetRow = Selectable<BudgetTable>;
export type NewBudgetRow = Insertable<BudgetTable>;
export type NewPlannedDisbursementRow = Insertable<PlannedDisbursementTable>;

/** The tables of the `funding` Postgres schema. */
/** One fact of `gpc_facts.csv`, as the data pack gives it. */
export interface GpcFactTable {
  code: string;
  fact_type: string;
  label: string;
  value: string | null;
  unit: string | null;
  value_note: string | null;
  /** `YYYY` or `YYYY-MM-DD`, as the source gives it. */
  date: string | null;
  source: string;
  confidence: string;
  notes: string | null;
}

export interface FundingTables extends AuditTables {
  gpc_fact: GpcFactTable;
  known_organization: KnownOrganizationTable;
  known_country: KnownCountryTable;
  exchange_rate: ExchangeRateTable;
  project: ProjectTable;
  project_participant: ProjectParticipantTable;
  project_recipient_country: ProjectRecipientCountryTable;
  funding_transaction: FundingTransactionTable;
  budget: BudgetTable;
  project_recipient_region: ProjectRecipientRegionTable;
  planned_disbursement: PlannedDisbursementTable;
  contribution_record: ContributionRecordTable;
}
