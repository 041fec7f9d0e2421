import { NO_DATA } from '../palette.js';
import { WORLD_MAP } from '../world.js';
import type { FigureOption } from './common.js';
import type { CyberlawStatusNode } from './types.js';

/** UNCTAD's four values, in legend order, with their colours (no data in the neutral grey). */
export const CYBERLAW_STATUSES = [
  { status: 'LEGISLATION', label: 'Legislation', color: '#009E73' },
  { status: 'DRAFT_LEGISLATION', label: 'Draft legislation', color: '#E69F00' },
  { status: 'NO_LEGISLATION', label: 'No legislation', color: '#D55E00' },
  { status: 'NO_DATA', label: 'No data', color: NO_DATA },
] as const;

/** How many States UNCTAD lists under each value (States without a row count as NO_DATA). */
export function cyberlawStatusCounts(
  countries: readonly CyberlawStatusNode[],
): { status: string; label: string; states: number }[] {
  return CYBERLAW_STATUSES.map(({ status, label }) => ({
    status,
    label,
    states: countries.filter((c) => (c.cyberlawStatus[0]?.status ?? 'NO_DATA') === status).length,
  }));
}

/**
 * The world map of cybercrime-law status (UNCTAD Global Cyberlaw Tracker), one colour per status,
 * States keyed by M49 code on the bundled Natural Earth shapes. `null` when no State is given.
 */
export function legislationStatusWorld(countries: readonly CyberlawStatusNode[]): FigureOption {
  if (countries.length === 0) {
    return null;
  }
  const index = new Map<string, number>(CYBERLAW_STATUSES.map((s, i) => [s.status, i]));
  return {
    visualMap: {
      type: 'piecewise',
      left: 8,
      bottom: 8,
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { fontSize: 11 },
      pieces: CYBERLAW_STATUSES.map((s, i) => ({ value: i, label: s.label, color: s.color })),
    },
    series: [
      {
        type: 'map',
        map: WORLD_MAP,
        nameProperty: 'm49',
        roam: false,
        top: 8,
        bottom: 8,
        itemStyle: { areaColor: NO_DATA, borderColor: '#ffffff', borderWidth: 0.4 },
        emphasis: { disabled: true },
        data: countries.map((c) => ({
          name: c.m49,
          value: index.get(c.cyberlawStatus[0]?.status ?? 'NO_DATA') ?? 3,
        })),
      },
    ],
  };
}
