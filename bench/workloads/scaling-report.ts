import { fmt, ratio } from '../format.js';
import type { LoadFigures, RunReport } from '../report.js';
import type { GatewaysReport } from './gateways.js';

// Issue #23's figures: one gateway against two behind a load balancer, and what one gateway core
// serves per workload (the capacity model of docs/scaling.md is written from these).

/** Our gateway mode in the single-query set and the pool workloads. */
const OURS = 'entity-cache';
/** Issue #23: two gateways, each with its own core, serve at least this many times one's req/s. */
export const TWO_GATEWAYS_TARGET = 1.8;

/**
 * What a measurement says about gateway capacity: the cores its gateways kept busy (gateway CPU
 * seconds per second of load) and the requests per second one busy gateway core serves (req/s
 * over those cores, which is 1000 ÷ gateway CPU ms per request); null without gateway CPU.
 */
export function gatewayCapacity(f: LoadFigures): {
  gatewayCores: number;
  perGatewayCore: number | null;
} {
  const gatewayCores = (f.gatewayCpuMsPerRequest * f.requestsPerSecond) / 1000;
  return {
    gatewayCores,
    perGatewayCore: gatewayCores > 0 ? f.requestsPerSecond / gatewayCores : null,
  };
}

/** Two gateways' figures over one gateway's: req/s, latencies and gateway CPU per request. */
export function twoOverOne(one: LoadFigures, two: LoadFigures) {
  return {
    requestsPerSecond: ratio(two.requestsPerSecond, one.requestsPerSecond),
    p50: ratio(two.p50, one.p50),
    p95: ratio(two.p95, one.p95),
    gatewayCpuMsPerRequest: ratio(two.gatewayCpuMsPerRequest, one.gatewayCpuMsPerRequest),
  };
}

const rss = (f: LoadFigures) => (f.gatewayRssMb ?? []).map((mb) => fmt(mb, 0)).join(' / ') || '—';

function gatewaysRatio(report: GatewaysReport) {
  const one = report.results.find((r) => r.mode === 'one-gateway');
  const two = report.results.find((r) => r.mode === 'two-gateways');
  return one && two ? twoOverOne(one, two) : undefined;
}

/** Under what conditions the ratio was measured, for the report and docs/performance.md. */
function conditions(report: GatewaysReport): string {
  const pinning = report.pinned
    ? 'each gateway pinned to a core of its own with taskset (one gateway: core 0; two: cores 0 and 1)'
    : 'the gateways not pinned (no taskset, or fewer than two cores)';
  return `${pinning}. On this ${report.cores}-core machine the subgraphs, PostgreSQL, Redis, the balancer and the load generator share those cores with the gateways, so the ratio measured here is a floor, not the target's condition (a core per gateway to itself)`;
}

/** Markdown: the two-gateway section of a run's report. */
export function renderTwoGateways(report: GatewaysReport, connections: number): string[] {
  const lines = [
    '## Two gateways (issue #23)',
    '',
    `The ${report.workload.name} workload through one round-robin load balancer (bench/balancer.ts: the proxy of test/e2e/two-gateways.e2e.ts as its own process) in front of our gateway (entity-cache) started once, then twice, on the same subgraph processes, database and Redis (emptied before each start); the order alternates each round, the same ${connections} connections load both, medians across rounds. Each gateway is warmed up directly with the pool's every request first. Gateway CPU per request is all gateways' together; RSS is each gateway's after the load. Gateways ran with ${conditions(report)}.`,
    '',
    '| gateways | req/s | p50 ms | p95 ms | p99 ms | gateway CPU ms/req (all) | gateway cores busy | req/s per gateway core | RSS per gateway MB | wrong answers | load errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.results) {
    const c = gatewayCapacity(r);
    lines.push(
      `| ${r.mode} | ${fmt(r.requestsPerSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.gatewayCpuMsPerRequest, 2)} | ${fmt(c.gatewayCores, 2)} | ${fmt(c.perGatewayCore, 0)} | ${rss(r)} | ${r.errors} | ${r.loadErrors} |`,
    );
  }
  const x = gatewaysRatio(report);
  if (x) {
    lines.push(
      '',
      `Two ÷ one: **req/s ${fmt(x.requestsPerSecond, 2)}×** (target: at least ${TWO_GATEWAYS_TARGET}× with a core per gateway), p50 ${fmt(x.p50, 2)}×, p95 ${fmt(x.p95, 2)}×, gateway CPU per request ${fmt(x.gatewayCpuMsPerRequest, 2)}×.`,
    );
  }
  lines.push('');
  return lines;
}

/** Our gateway's figures per workload of a run: single queries, pool workloads, one and two gateways. */
function capacityRows(report: RunReport): { label: string; figures: LoadFigures }[] {
  return [
    ...report.results
      .filter((r) => r.mode === OURS)
      .map((r) => ({ label: `${r.query} (single query)`, figures: r })),
    ...(report.workloads?.results ?? [])
      .filter((r) => r.mode === OURS)
      .map((r) => ({ label: r.workload, figures: r })),
    ...(report.gateways?.results ?? []).map((r) => ({
      label: `${r.workload} (${r.mode})`,
      figures: r,
    })),
  ];
}

/** Markdown: requests per second per gateway core and gateway RSS, per workload of the run. */
export function renderCapacity(report: RunReport): string[] {
  const rows = capacityRows(report);
  if (rows.length === 0) {
    return [];
  }
  const lines = [
    '## Capacity per gateway core',
    '',
    `Our gateway (${OURS}: batching and entity cache, no response cache) per workload under this run's load: the gateway cores it kept busy (gateway CPU seconds per second), requests per second per busy gateway core (req/s ÷ those cores, that is 1000 ÷ gateway CPU ms per request) and the gateway's RSS after the load (each gateway's, where two ran). docs/scaling.md's capacity model is written from these.`,
    '',
    '| workload | req/s | gateway CPU ms/req | gateway cores busy | req/s per gateway core | gateway RSS MB |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const { label, figures } of rows) {
    const c = gatewayCapacity(figures);
    lines.push(
      `| ${label} | ${fmt(figures.requestsPerSecond, 0)} | ${fmt(figures.gatewayCpuMsPerRequest, 2)} | ${fmt(c.gatewayCores, 2)} | ${fmt(c.perGatewayCore, 0)} | ${rss(figures)} |`,
    );
  }
  lines.push('');
  return lines;
}

/** docs/performance.md's bullet for issue #23's target, under the run's conditions. */
export function twoGatewaysTarget(report: RunReport): string {
  const gateways = report.gateways;
  const x = gateways ? gatewaysRatio(gateways) : undefined;
  if (!gateways || !x) {
    return `- Two gateways serve at least ${TWO_GATEWAYS_TARGET}× one gateway's req/s on the mixed workload, each with its own core (issue #23): **not measured in this run** (\`npm run bench -- --workloads two-gateways\`).`;
  }
  return `- Two gateways serve at least ${TWO_GATEWAYS_TARGET}× one gateway's req/s on the ${gateways.workload.name} workload, each with its own core (issue #23): **${fmt(x.requestsPerSecond, 2)}×**, measured with ${conditions(gateways)}.`;
}
