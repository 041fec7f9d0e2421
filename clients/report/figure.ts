import type { EChartsCoreOption } from 'echarts';
import { basisSentence, type BasisFigures, type FlowTotal } from '../charts/figures/index.js';
import type { ReportData } from './collect.js';
import type { Figure, Section, Table } from './model.js';
import { inPeriod } from './period.js';

export type { Figure };

// The report's figure kit: numbering, bases and cell formats shared by every section.

const CHART = { width: 700, height: 300 };
export const n = (value: number) => value.toLocaleString('en');
export const usd = (value: string | number) =>
  `USD ${Number(value).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A basis computed from listed records (for lists that carry no `basis` of their own). */
export function listBasis(
  recordType: string,
  records: readonly { confidence?: 'VERIFIED' | 'TO_VERIFY' | null; synthetic?: boolean }[],
  includesSynthetic: boolean,
): BasisFigures {
  const real = records.filter((r) => !r.synthetic);
  const count = (c: 'VERIFIED' | 'TO_VERIFY' | null) =>
    real.filter((r) => (r.confidence ?? null) === c).length;
  return {
    recordType,
    includesSynthetic,
    records: records.length,
    realRecords: real.length,
    syntheticRecords: records.length - real.length,
    byConfidence: (['VERIFIED', 'TO_VERIFY', null] as const)
      .map((confidence) => ({ confidence, records: count(confidence) }))
      .filter((c) => c.records > 0),
  };
}

export function sumBases(recordType: string, bases: readonly BasisFigures[]): BasisFigures {
  const byConfidence = new Map<string | null, number>();
  for (const b of bases) {
    for (const c of b.byConfidence) {
      byConfidence.set(c.confidence, (byConfidence.get(c.confidence) ?? 0) + c.records);
    }
  }
  return {
    recordType,
    includesSynthetic: bases.some((b) => b.includesSynthetic),
    records: bases.reduce((s, b) => s + b.records, 0),
    realRecords: bases.reduce((s, b) => s + b.realRecords, 0),
    syntheticRecords: bases.reduce((s, b) => s + b.syntheticRecords, 0),
    byConfidence: [...byConfidence].map(([confidence, records]) => ({
      confidence: confidence as 'VERIFIED' | 'TO_VERIFY' | null,
      records,
    })),
  };
}

export class FigureCounter {
  private figures = 0;
  private tables = 0;
  next(chart: boolean): string {
    return chart ? `Figure ${++this.figures}` : `Table ${++this.tables}`;
  }
}

export function figure(
  counter: FigureCounter,
  spec: {
    title: string;
    chart?: EChartsCoreOption | null;
    size?: { width: number; height: number };
    table?: Table;
    basis: BasisFigures;
    calls: readonly string[];
    notes?: readonly string[];
    empty?: boolean;
  },
): Figure {
  const empty =
    spec.empty ??
    (spec.chart === null || (spec.chart === undefined && (spec.table?.rows.length ?? 0) === 0));
  return {
    id: counter.next(spec.chart !== undefined),
    title: spec.title,
    ...(spec.chart !== undefined
      ? { chart: { option: empty ? null : spec.chart, ...(spec.size ?? CHART) } }
      : {}),
    ...(spec.table && !empty ? { table: spec.table } : {}),
    empty,
    basis: basisSentence(spec.basis),
    synthetic: spec.basis.syntheticRecords > 0,
    calls: spec.calls,
    notes: spec.notes ?? [],
  };
}

export const flowCell = (flow: FlowTotal) =>
  flow.transactionCount === 0
    ? '–'
    : `${flow.original.map((m) => `${m.currency} ${Number(m.amount).toLocaleString('en')}`).join(' + ')} = ${usd(flow.amountUsd)}${flow.complete ? '' : ` (not converted: ${flow.unconverted.map((m) => `${m.currency} ${m.amount}`).join(', ')})`}`;

/** What each section builder receives: the graph's answers and the report being built. */
export interface ReportBuild {
  readonly data: ReportData;
  /** "public": no Authorization was forwarded; restricted findings cannot appear. */
  readonly edition: 'public' | 'authorised';
  readonly counter: FigureCounter;
  readonly regionOf: ReadonlyMap<string, string>;
  readonly nameOf: ReadonlyMap<string, string>;
  readonly regions: readonly string[];
  /** Period-bound figures: the report says so when none has a record. */
  readonly periodFigures: Figure[];
  add(section: Omit<Section, 'number' | 'notRecorded'> & { notRecorded?: string[] }): void;
}

/** The lessons-learned sources published in the period (by date, or by year where only that is known). */
export function lessonsInPeriod(data: ReportData) {
  return data.casesAndLessons.lessons.filter((l) =>
    inPeriod(data.period, l.publishedOn, l.publishedOn ? null : l.year),
  );
}
