import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
