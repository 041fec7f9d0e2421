import { barOption, labelOf, type FigureOption, type FigureOptions } from './common.js';
import type { ActivityOverlap, CoordinationGapsData } from './types.js';

export const GAP_REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;

/** Open gaps (HIGH-severity findings no activity has answered) per region, stacked by area. `null` when none. */
export function gapsByRegionChart(
  data: CoordinationGapsData,
  options: FigureOptions = {},
): FigureOption {
  const regions = GAP_REGIONS.map((r) => data[r]);
  const all = regions.flatMap((r) => r.gaps);
  if (all.length === 0) {
    return null;
  }
  const areas = [...new Set(all.map((g) => g.area))].sort();
  return barOption(
    regions.map((r) => r.area.name),
    areas.map((area) => ({
      name: labelOf(area),
      stack: 'gaps',
      values: regions.map((r) => r.gaps.filter((g) => g.area === area).length),
    })),
    options,
  );
}

/** Overlapping activities per country (pairs), with the days they overlap. `null` when none. */
export function overlapsByCountryChart(
  overlaps: readonly ActivityOverlap[],
  options: FigureOptions = {},
): FigureOption {
  if (overlaps.length === 0) {
    return null;
  }
  const countries = [...new Set(overlaps.map((o) => o.country.name))].sort();
  return barOption(
    countries,
    [
      {
        name: 'Overlapping pairs',
        values: countries.map((c) => overlaps.filter((o) => o.country.name === c).length),
      },
    ],
    options,
  );
}
