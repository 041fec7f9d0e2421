import { find, fmt, ratio } from './format.js';
import type { ModeResult, RunReport } from './report.js';

/**
 * What tracing costs, per query, from one run: tracing off (`entity-cache`, this tree) against
 * the same graph built from a commit without tracing (`baseline`), and tracing on against off.
 */
export function tracingRatios(report: RunReport) {
  return report.queries.map((q) => {
    const off = find(report, 'entity-cache', q.name);
    const on = find(report, 'tracing-on', q.name);
    const base = find(report, 'baseline', q.name);
    const cpu = (r: ModeResult | undefined) =>
      r ? r.gatewayCpuMsPerRequest + r.subgraphsCpuMsPerRequest : undefined;
    return {
      query: q.name,
      offOverBaseline: ratio(off?.requestsPerSecond, base?.requestsPerSecond),
      offOverBaselineP95: ratio(off?.p95, base?.p95),
      offOverBaselineCpu: ratio(cpu(off), cpu(base)),
      onOverOff: ratio(on?.requestsPerSecond, off?.requestsPerSecond),
      onOverOffP95: ratio(on?.p95, off?.p95),
      onOverOffCpu: ratio(cpu(on), cpu(off)),
    };
  });
}

/** The tracing section of a run's report or of docs/performance.md; none without those modes. */
export function renderTracing(report: RunReport): string[] {
  if (!report.results.some((r) => r.mode === 'tracing-on' || r.mode === 'baseline')) {
    return [];
  }
  const baseline = report.modes.find((m) => m.name === 'baseline');
  const lines = [
    '## What tracing costs (this run)',
    '',
    `Tracing off is \`entity-cache\` from this tree; \`baseline\` is ${baseline ? baseline.description : 'not in this run'}; \`tracing-on\` samples and exports every trace${report.otlp ? ` (the sink received ${report.otlp.requests} OTLP exports, ${fmt(report.otlp.bytes / 2 ** 20, 1)} MiB)` : ''}. CPU is gateway plus subgraphs per request, under load. A ratio near 1.00 is no cost; this machine's noise between modes is several per cent.`,
    '',
    '| query | off ÷ baseline (req/s) | off ÷ baseline (p95) | off ÷ baseline (CPU/req) | on ÷ off (req/s) | on ÷ off (p95) | on ÷ off (CPU/req) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of tracingRatios(report)) {
    lines.push(
      `| ${r.query} | ${fmt(r.offOverBaseline, 2)} | ${fmt(r.offOverBaselineP95, 2)} | ${fmt(r.offOverBaselineCpu, 2)} | ${fmt(r.onOverOff, 2)} | ${fmt(r.onOverOffP95, 2)} | ${fmt(r.onOverOffCpu, 2)} |`,
    );
  }
  lines.push('');
  return lines;
}
