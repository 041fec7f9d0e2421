import { CATEGORICAL, SYNTHETIC_MARK } from '../../../charts/palette.js';
import type { Graph } from '../graph.js';
import { el, Panel } from '../panel.js';

/** What every view gets: where to draw, the client, the viewer's choices, and a navigator. */
export interface ViewContext {
  readonly main: HTMLElement;
  readonly graph: Graph;
  readonly includeSynthetic: boolean;
  readonly params: URLSearchParams;
  readonly navigate: (path: string) => void;
  readonly link: (path: string, text: string) => HTMLAnchorElement;
  readonly panels: Panel[];
}

export const LANGUAGES = [
  ['en', 'English'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['ru', 'Russian'],
  ['zh', 'Chinese'],
  ['ar', 'Arabic'],
] as const;

export const UNCTAD = 'UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';
export const FRED = 'Exchange rates: Federal Reserve H.10/G.5 via FRED (ODC-PDDL-1.0)';

export function grid(ctx: ViewContext, heading: string, intro: string): HTMLElement {
  ctx.main.replaceChildren();
  ctx.main.append(el('h1', { tabindex: '-1', id: 'view-title' }, heading));
  ctx.main.append(el('p', { class: 'intro' }, intro));
  const box = el('div', { class: 'grid' });
  ctx.main.append(box);
  return box;
}

export function panel(
  ctx: ViewContext,
  parent: HTMLElement,
  options: ConstructorParameters<typeof Panel>[1],
) {
  const created = new Panel(parent, options);
  ctx.panels.push(created);
  return created;
}

export function syn(ctx: ViewContext, syntheticRecords: number | boolean): boolean {
  return ctx.includeSynthetic && (syntheticRecords === true || Number(syntheticRecords) > 0);
}

export function usd(value: string | null | undefined): string {
  if (value === null || value === undefined) {
    return 'not convertible';
  }
  return `$${Number(value).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

export function label(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}

export function barOption(
  categories: readonly string[],
  series: readonly { name: string; values: readonly number[] }[],
  synthetic: boolean,
  options: { stack?: boolean; horizontal?: boolean } = {},
) {
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
  };
  const valueAxis = { type: 'value', minInterval: 1 };
  return {
    color: [...CATEGORICAL],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, ...(synthetic ? { subtext: 'Includes synthetic records' } : {}) },
    grid: {
      left: options.horizontal ? 130 : 50,
      right: 20,
      top: 40,
      bottom: options.horizontal ? 30 : 70,
    },
    xAxis: options.horizontal
      ? valueAxis
      : { ...categoryAxis, axisLabel: { ...categoryAxis.axisLabel, rotate: 30 } },
    yAxis: options.horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: s.values,
      ...(options.stack ? { stack: 'total' } : {}),
      ...(synthetic
        ? {
            itemStyle: {
              borderColor: SYNTHETIC_MARK,
              borderType: 'dashed',
              borderWidth: 1.5,
              decal: {
                symbol: 'rect',
                dashArrayX: [1, 0],
                dashArrayY: [2, 5],
                rotation: 0.8,
                color: 'rgba(255,255,255,0.45)',
              },
            },
          }
        : {}),
    })),
  };
}
