import { fmt, ratio } from '../format.js';
import type { WorkloadResult } from './load.js';

/** The pool workloads' part of a run's report. */
export interface WorkloadsReport {
  readonly workloads: readonly { name: string; description: string }[];
  readonly modes: readonly { name: string; description: string }[];
  readonly results: readonly WorkloadResult[];
}

const PEERS = ['hive-gateway', 'hive-router', 'apollo-gateway'] as const;
const OURS = 'entity-cache';

const percent = (share: number | null) => (share === null ? '—' : `${fmt(share * 100, 1)} %`);

function resultRow(r: WorkloadResult): string {
  return `| ${r.mode} | ${fmt(r.requestsPerSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.gatewayCpuMsPerRequest, 2)} | ${fmt(r.subgraphsCpuMsPerRequest, 2)} | ${percent(r.dedupShare)} | ${r.errors} | ${r.loadErrors} |`;
}

function ratioRows(results: readonly WorkloadResult[], workload: string): string[] {
  const ours = results.find((r) => r.workload === workload && r.mode === OURS);
  return PEERS.flatMap((peer) => {
    const other = results.find((r) => r.workload === workload && r.mode === peer);
    if (!ours || !other) {
      return [];
    }
    const cells = [
      ratio(ours.requestsPerSecond, other.requestsPerSecond),
      ratio(ours.p50, other.p50),
      ratio(ours.p95, other.p95),
      ratio(ours.p99, other.p99),
      ratio(ours.gatewayCpuMsPerRequest, other.gatewayCpuMsPerRequest),
      ratio(ours.subgraphsCpuMsPerRequest, other.subgraphsCpuMsPerRequest),
    ].map((x) => fmt(x, 2));
    return [`| ours ÷ ${peer} | ${cells.join(' | ')} |`];
  });
}

/** Markdown: per workload, each gateway's figures, then ours as ratios against each peer. */
export function renderWorkloads(report: WorkloadsReport): string[] {
  const lines = ['## Workloads: our gateway, two peers and plain Apollo', ''];
  lines.push(
    'Rounds of the four gateways in rotating order (round 1: ours, Hive Gateway, Hive Router, plain Apollo Gateway; round 2 starts with Hive Gateway; round 3 with Hive Router), each gateway a new process on the round\'s subgraph processes, database and Redis; medians across rounds. Each workload, in every round: a checked warm-up (the pool\'s every request once), then the load, every answer checked (status, no errors, data present, a light shape check). CPU per request: process CPU over the load (from /proc) divided by the requests completed; "subgraphs" is all subgraph processes together. "Shared fetches": subgraph fetches our gateway answered from an identical fetch in flight, of all its subgraph fetches (its `/metrics`); the others do not report it.',
  );
  lines.push('');
  for (const w of report.workloads) {
    lines.push(`### ${w.name}`, '', w.description, '');
    lines.push(
      '| gateway | req/s | p50 ms | p95 ms | p99 ms | gateway CPU ms/req | subgraphs CPU ms/req | shared fetches | wrong answers | load errors |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const m of report.modes) {
      const r = report.results.find((x) => x.workload === w.name && x.mode === m.name);
      if (r) {
        lines.push(resultRow(r));
      }
    }
    lines.push('');
    const ratios = ratioRows(report.results, w.name);
    if (ratios.length > 0) {
      lines.push(
        '| ratio | req/s | p50 | p95 | p99 | gateway CPU/req | subgraphs CPU/req |',
        '|---|---:|---:|---:|---:|---:|---:|',
        ...ratios,
        '',
      );
    }
  }
  lines.push('Gateways:', '');
  for (const m of report.modes) {
    lines.push(`- **${m.name}**: ${m.description}`);
  }
  lines.push('');
  return lines;
}
