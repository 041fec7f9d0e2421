import type { ModeResult, RunReport } from './report.js';

// Small helpers the run's reports share.

export const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

export function find(report: RunReport, mode: string, query: string): ModeResult | undefined {
  return report.results.find((r) => r.mode === mode && r.query === query);
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
}
