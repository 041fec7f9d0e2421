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
    const candidate = find(report, 'candidate', q.name);
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
      candidateOverBaseline: ratio(candidate?.requestsPerSecond, base?.requestsPerSecond),
      candidateOverBaselineP95: ratio(candidate?.p95, base?.p95),
      candidateOverBaselineCpu: ratio(cpu(candidate), cpu(base)),
    };
  });
}

/** The tracing section of a run's report or of docs/performance.md; none without those modes. */
export function renderTracing(report: RunReport): string[] {
  const has = (mode: string) => report.results.some((r) => r.mode === mode);
  if (!has('tracing-on') && !has('baseline')) {
    return [];
  }
  const described = (mode: string) =>
    report.modes.find((m) => m.name === mode)?.description ?? 'not in this run';
  const rows = tracingRatios(report);
  type Column = readonly [string, (r: (typeof rows)[number]) => number | null];
  const columns: Column[] = [
    ['off ÷ baseline (req/s)', (r) => r.offOverBaseline],
    ['off ÷ baseline (p95)', (r) => r.offOverBaselineP95],
    ['off ÷ baseline (CPU/req)', (r) => r.offOverBaselineCpu],
    ...(has('candidate')
      ? ([
          ['candidate ÷ baseline (req/s)', (r) => r.candidateOverBaseline],
          ['candidate ÷ baseline (p95)', (r) => r.candidateOverBaselineP95],
          ['candidate ÷ baseline (CPU/req)', (r) => r.candidateOverBaselineCpu],
        ] satisfies Column[])
      : []),
    ...(has('tracing-on')
      ? ([
          ['on ÷ off (req/s)', (r) => r.onOverOff],
          ['on ÷ off (p95)', (r) => r.onOverOffP95],
          ['on ÷ off (CPU/req)', (r) => r.onOverOffCpu],
        ] satisfies Column[])
      : []),
  ];
  const lines = [
    '## What tracing costs (this run)',
    '',
    `Tracing off is \`entity-cache\` from this tree; \`baseline\` is ${described('baseline')}${has('candidate') ? `; \`candidate\` is ${described('candidate')}` : ''}${has('tracing-on') ? `; \`tracing-on\` samples and exports every trace${report.otlp ? ` (the sink received ${report.otlp.requests} OTLP exports, ${fmt(report.otlp.bytes / 2 ** 20, 1)} MiB)` : ''}` : ''}. CPU is gateway plus subgraphs per request, under load. A ratio near 1.00 is no cost; this machine's noise between modes is several per cent.`,
    '',
    `| query | ${columns.map(([title]) => title).join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
  ];
  for (const r of rows) {
    lines.push(`| ${r.query} | ${columns.map(([, value]) => fmt(value(r), 2)).join(' | ')} |`);
  }
  lines.push('');
  return lines;
}
