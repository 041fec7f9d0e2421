import type { EChartsCoreOption } from 'echarts';
import { CATEGORICAL, SYNTHETIC_MARK } from '../palette.js';
import type { BasisFigures } from './types.js';

/** An ECharts option, or `null` when the figure has nothing to draw (say "no records", never a blank chart). */
export type FigureOption = EChartsCoreOption | null;

/** Options every figure builder takes. */
export interface FigureOptions {
  /** The figure counts synthetic records: it is labelled so, on the chart itself. */
  readonly synthetic?: boolean;
}

/** The label shown on every figure that counts synthetic (illustrative) records. */
export const SYNTHETIC_LABEL = 'Includes synthetic (illustrative) records';

/** "LEGISLATIVE_ADVICE" → "Legislative advice"; acronyms kept ("OCSEA"). */
export function labelOf(code: string): string {
  if (code === 'OCSEA' || code === 'UN') {
    return code;
  }
  const words = code.toLowerCase().split('_');
  return words.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

/** One sentence saying what a figure rests on: its records, their confidence, synthetic ones apart. */
export function basisSentence(basis: BasisFigures): string {
  const confidence = basis.byConfidence
    .filter((c) => c.records > 0)
    .map(
      (c) =>
        `${c.records.toLocaleString('en')} ${c.confidence === null ? 'of unstated confidence' : c.confidence === 'VERIFIED' ? 'verified against their source' : 'to verify'}`,
    )
    .join(', ');
  const real = `${basis.realRecords.toLocaleString('en')} real ${plural(basis.recordType, basis.realRecords)}${confidence ? ` (${confidence})` : ''}`;
  return basis.syntheticRecords > 0
    ? `Rests on ${real} and ${basis.syntheticRecords.toLocaleString('en')} synthetic (illustrative) ${plural(basis.recordType, basis.syntheticRecords)}.`
    : `Rests on ${real}.`;
}

/** "funding transaction" → "funding transactions" unless one. */
export function plural(noun: string, count: number): string {
  if (count === 1) {
    return noun;
  }
  if (noun.includes(' or ')) {
    return noun
      .split(' or ')
      .map((part) => plural(part, count))
      .join(' or ');
  }
  return /(s|x|ch|sh)$/.test(noun)
    ? `${noun}es`
    : /[^aeiou]y$/.test(noun)
      ? `${noun.slice(0, -1)}ies`
      : `${noun}s`;
}

/** A horizontal bar chart of labelled values (one series), sorted as given. */
export function barOption(
  categories: readonly string[],
  series: readonly { name: string; values: readonly number[]; stack?: string }[],
  options: FigureOptions & { horizontal?: boolean; valueName?: string } = {},
): EChartsCoreOption {
  const horizontal = options.horizontal ?? true;
  const category = {
    type: 'category',
    data: [...categories],
    ...(horizontal ? { inverse: true } : {}),
    axisLabel: { interval: 0, width: horizontal ? 200 : 90, overflow: 'truncate' },
  };
  const value = { type: 'value', ...(options.valueName ? { name: options.valueName } : {}) };
  return withSyntheticMark(
    {
      color: [...CATEGORICAL],
      grid: {
        left: horizontal ? 215 : 50,
        right: 40,
        top: series.length > 1 ? 40 : 24,
        bottom: 40,
      },
      ...(series.length > 1 ? { legend: { top: 0 } } : {}),
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: [...s.values],
        ...(s.stack ? { stack: s.stack } : {}),
        label: {
          show: true,
          position: s.stack ? 'inside' : horizontal ? 'right' : 'top',
          // Thousands separated; a zero segment of a stack says nothing.
          formatter: (p: { value: unknown }) =>
            Number(p.value) === 0 ? '' : Number(p.value).toLocaleString('en'),
        },
      })),
    },
    options.synthetic,
  );
}

/** Adds the synthetic label to a chart, at its bottom right, when it counts synthetic records. */
export function withSyntheticMark(
  option: EChartsCoreOption,
  synthetic: boolean | undefined,
): EChartsCoreOption {
  if (!synthetic) {
    return option;
  }
  return {
    ...option,
    graphic: [
      {
        type: 'text',
        right: 8,
        bottom: 4,
        style: { text: SYNTHETIC_LABEL, fill: SYNTHETIC_MARK, fontSize: 11, fontStyle: 'italic' },
      },
    ],
  };
}
