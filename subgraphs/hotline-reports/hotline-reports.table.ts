import type { Insertable, Selectable } from 'kysely';
import type { AuditTables } from '../../loaders/audit.js';

/** The Postgres schema this subgraph owns. */
export const DB_SCHEMA = 'hotline_reports';

export interface FigureTable {
  iso3: string;
  year: number;
  value: number;
  synthetic: boolean;
  source: string;
}

export type FigureRow = Selectable<FigureTable>;
export type NewFigureRow = Insertable<FigureTable>;

/** The tables of the `hotline_reports` Postgres schema. */
export interface HotlineReportsTables extends AuditTables {
  figure: FigureTable;
}
