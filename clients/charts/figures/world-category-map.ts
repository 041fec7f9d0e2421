import { CATEGORICAL, NO_DATA, SYNTHETIC_MARK } from '../palette.js';
import { WORLD_MAP } from '../world.js';

/** One category of a world map: its value, its label in the legend and its colour. */
export interface MapCategory {
  readonly value: string;
  readonly label: string;
  readonly color: string;
}

/** One State on a world map: its M49 code, its name and its category's value. */
export interface MapEntry {
  readonly m49: string;
  readonly name: string;
  readonly category: string;
}

/**
 * A world map with one colour per category (the legislation-status map is
 * `legislationStatusWorld`; this one draws treaty participation on a date) (ECharts option, browser and server alike), each State
 * keyed by its M49 code on `world-atlas`'s shapes; shapes without an entry are grey (`NO_DATA`).
 * With `synthetic`, the legend says the figure includes synthetic records and the map's border is
 * drawn in `SYNTHETIC_MARK`.
 */
export function worldCategoryMapOption(
  entries: readonly MapEntry[],
  categories: readonly MapCategory[],
  options: { readonly synthetic?: boolean; readonly seriesName: string },
) {
  const index = new Map(categories.map((c, i) => [c.value, i]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { data?: { label?: string; status?: string } }) =>
        params.data?.label ? `${params.data.label}: ${params.data.status}` : 'No record',
    },
    visualMap: {
      type: 'piecewise',
      dimension: 0,
      left: 'left',
      bottom: 0,
      pieces: categories.map((c, i) => ({ value: i, label: c.label, color: c.color })),
      outOfRange: { color: NO_DATA },
      ...(options.synthetic ? { text: ['', 'Includes synthetic records'] } : {}),
    },
    series: [
      {
        name: options.seriesName,
        type: 'map',
        map: WORLD_MAP,
        nameProperty: 'm49',
        roam: false,
        selectedMode: false,
        itemStyle: {
          areaColor: NO_DATA,
          borderColor: options.synthetic ? SYNTHETIC_MARK : '#ffffff',
          borderWidth: options.synthetic ? 0.8 : 0.4,
        },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#444444' } },
        data: entries
          .filter((e) => index.has(e.category))
          .map((e) => ({
            name: e.m49,
            value: index.get(e.category),
            label: e.name,
            status: categories[index.get(e.category) ?? 0]?.label,
          })),
      },
    ],
  };
}

/** Treaty participation on a date, in legend order. */
export const PARTICIPATION_CATEGORIES: readonly MapCategory[] = [
  { value: 'PARTY', label: 'Party', color: CATEGORICAL[2] },
  { value: 'SIGNED', label: 'Signatory', color: CATEGORICAL[4] },
  { value: 'WITHDRAWN', label: 'Withdrawn', color: CATEGORICAL[3] },
];
