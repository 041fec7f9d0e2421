import { year, type Problems } from '../../schema/validation.js';

/** The years a figure may be asked for. */
const FIGURE_YEARS = { min: 1990, max: 2100 } as const;

/** A year asked for, when given: a whole year in the range this network reports. */
export function figureYearProblems(value: number | null | undefined): Problems {
  const problems: Problems = [];
  year(problems, 'year', value, FIGURE_YEARS);
  return problems;
}
