import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { AuditTables } from '../../loaders/audit.js';
import type { UpdatedAt } from '../../loaders/touch.js';

/** The PostgreSQL schema this subgraph owns: its tables, its migration history, its role. */
export const DB_SCHEMA = 'laws';

/** Dates come back as `YYYY-MM-DD` strings (the drivers are set so); written as strings too. */
type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

/** One entry of any of the five code lists; `list` says which. */
export interface CodeEntryTable {
  list: string;
  code: string;
  title: string;
  /** Offence categories: the instrument code of the scheme (`CETS-185` …); else null. */
  scheme: string | null;
  article: string | null;
  /** Crosswalk keys shared across schemes (offence categories only; may be empty). */
  concepts: ColumnType<string[], string[], string[]>;
  /** List-specific columns (articles per treaty, group, coarse tag …), as JSON. */
  attributes: ColumnType<Record<string, string | null>, string, string>;
  sort_order: number;
  source: string;
  confidence: string;
  notes: string | null;
}

export interface InstrumentTable {
  code: string;
  title: string;
  short_title: string;
  series_number: string | null;
  organization_id: string | null;
  depositary: string | null;
  parent_code: string | null;
  adopted_on: DateColumn;
  opened_for_signature_on: DateColumn;
  opened_for_signature_at: string | null;
  signature_closes_on: DateColumn;
  entry_into_force_on: DateColumn;
  entry_into_force_rule: string | null;
  consents_needed: number | null;
  source: string;
  confidence: string;
  notes: string | null;
}

export interface InstrumentParticipationTable {
  id: string;
  instrument_code: string;
  participant: string;
  participant_type: string;
  status: string;
  signed_on: DateColumn;
  consent_type: string | null;
  consent_on: DateColumn;
  entry_into_force_on: DateColumn;
  as_of: DateColumn;
  source: string;
  confidence: string;
  notes: string | null;
}

export interface LegislationTable {
  id: string;
  country_iso3: string;
  title: string;
  original_title: string | null;
  original_language: string | null;
  /** Null on a catalogue entry: the catalogue gives no type, and none is invented. */
  type: string | null;
  kind: ColumnType<string, string | undefined, string>;
  licence: string | null;
  /** "<catalogue>:<ISO3>:<seq>", such as "UNCTAD:KEN:1", when a catalogue lists this law. */
  catalogue_ref: string | null;
  catalogue_title: string | null;
  catalogue_url: string | null;
  catalogue_source: string | null;
  catalogue_licence: string | null;
  year: number | null;
  adopted_on: DateColumn;
  in_force_on: DateColumn;
  status: string;
  amends: ColumnType<string[], string[], string[]>;
  document_url: string | null;
  source: string;
  confidence: string;
  notes: string | null;
  last_verified_on: DateColumn;
  synthetic: boolean;
  review_status: string;
  search: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: UpdatedAt;
}

export interface LegalProvisionTable {
  id: string;
  legislation_id: string;
  country_iso3: string;
  label: string;
  summary: string;
  sort_order: number;
  offence_categories: ColumnType<string[], string[], string[]>;
  procedural_powers: ColumnType<string[], string[], string[]>;
  cooperation_mechanisms: ColumnType<string[], string[], string[]>;
  cross_cutting_issues: ColumnType<string[], string[], string[]>;
  instrument_articles: ColumnType<string[], string[], string[]>;
  source: string;
  confidence: string;
  notes: string | null;
  synthetic: boolean;
  review_status: string;
  search: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: UpdatedAt;
}

export interface CaseLawTable {
  id: string;
  country_iso3s: ColumnType<string[], string[], string[]>;
  court: string;
  jurisdiction_level: string;
  case_name: string;
  case_number: string | null;
  decision_date: DateColumn;
  year: number | null;
  crime_types: ColumnType<string[], string[], string[]>;
  offence_categories: ColumnType<string[], string[], string[]>;
  cross_cutting_issues: ColumnType<string[], string[], string[]>;
  legislation_ids: ColumnType<string[], string[], string[]>;
  fact_summary: string;
  source: string;
  /** The licence of the record's source, where it states one; null where not known. */
  licence: string | null;
  confidence: string;
  notes: string | null;
  review_status: ColumnType<string, string | undefined, string>;
  search: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: UpdatedAt;
}

export interface LessonLearnedTable {
  id: string;
  country_iso3: string | null;
  title: string;
  document_type: string;
  year: number | null;
  published_on: DateColumn;
  issuing_body: string | null;
  categories: ColumnType<string[], string[], string[]>;
  crime_types: ColumnType<string[], string[] | undefined, string[]>;
  offence_categories: ColumnType<string[], string[] | undefined, string[]>;
  summary: string;
  source: string;
  /** The licence of the record's source, where it states one; null where not known. */
  licence: string | null;
  confidence: string;
  notes: string | null;
  review_status: ColumnType<string, string | undefined, string>;
  search: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: UpdatedAt;
}

/** A signature, consent, reservation, withdrawal or confirmed status, with its date. */
export interface TreatyActionTable {
  id: string;
  instrument_code: string;
  participant: string;
  participant_type: string;
  action: string;
  action_on: ColumnType<string, string, string>;
  confirmed_status: string | null;
  source: string;
  confidence: string;
  notes: string | null;
  origin: string;
  recorded_at: ColumnType<Date, never, never>;
}

export interface SearchSynonymTable {
  term: string;
  alternative: string;
  kind: string;
  source: string;
}

/** The M49 areas of each State, for region filters (a copy of the State files). */
export interface StateAreaTable {
  iso3: string;
  region_m49: string;
  subregion_m49: string;
  intermediate_region_m49: string | null;
  unctad_cybercrime_status: string | null;
  /** UNSD's names of the areas (null only in rows written before they were copied). */
  region_name: string | null;
  subregion_name: string | null;
  intermediate_region_name: string | null;
}

export type TreatyActionRow = Selectable<TreatyActionTable>;
export type NewTreatyActionRow = Insertable<TreatyActionTable>;
export type CodeEntryRow = Selectable<CodeEntryTable>;
export type NewCodeEntryRow = Insertable<CodeEntryTable>;
export type InstrumentRow = Selectable<InstrumentTable>;
export type NewInstrumentRow = Insertable<InstrumentTable>;
export type InstrumentParticipationRow = Selectable<InstrumentParticipationTable>;
export type NewInstrumentParticipationRow = Insertable<InstrumentParticipationTable>;
export type LegislationRow = Selectable<LegislationTable>;
export type NewLegislationRow = Insertable<LegislationTable>;
export type LegalProvisionRow = Selectable<LegalProvisionTable>;
export type NewLegalProvisionRow = Insertable<LegalProvisionTable>;
export type CaseLawRow = Selectable<CaseLawTable>;
export type NewCaseLawRow = Insertable<CaseLawTable>;
export type LessonLearnedRow = Selectable<LessonLearnedTable>;
export type NewLessonLearnedRow = Insertable<LessonLearnedTable>;

/** The tables of the `laws` Postgres schema, the kernel's audit log included. */
export interface LawsTables extends AuditTables {
  code_entry: CodeEntryTable;
  instrument: InstrumentTable;
  instrument_participation: InstrumentParticipationTable;
  legislation: LegislationTable;
  legal_provision: LegalProvisionTable;
  case_law: CaseLawTable;
  lesson_learned: LessonLearnedTable;
  treaty_action: TreatyActionTable;
  search_synonym: SearchSynonymTable;
  state_area: StateAreaTable;
}
