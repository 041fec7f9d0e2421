import type { ColumnType, Insertable, Selectable } from 'kysely';

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
}

export interface NeedsFindingTable {
  id: string;
  assessment_id: string;
  ordinal: number;
  area: string;
  gap: string;
  severity: string;
}

export type NeedsAssessmentRow = Selectable<NeedsAssessmentTable>;
export type NewNeedsAssessmentRow = Insertable<NeedsAssessmentTable>;
export type NeedsFindingRow = Selectable<NeedsFindingTable>;
export type NewNeedsFindingRow = Insertable<NeedsFindingTable>;
