import { median, percentile } from '../measure.js';
import { connections, durationSeconds } from '../options.js';
import { cpuMillis, rssMb, type Service } from '../processes.js';
import type { LoadFigures } from '../report.js';
import type { Topology } from '../topology.js';
import type { PoolRequest } from './pool.js';
import type { Send, Workload } from './workload.js';

/** One workload on one gateway (medians across rounds once aggregated). */
export interface WorkloadResult extends LoadFigures {
  workload: string;
  /** The mode (gateway) measured: `entity-cache` (ours), `hive-gateway`, `hive-router`, `apollo-gateway`. */
  mode: string;
  /** Subgraph fetches answered by an identical one in flight, of all; null where not exposed. */
  dedupShare: number | null;
  /** Wrong answers: non-200 status, a body that is not JSON, errors, no data or a wrong shape. */
  errors: number;
  /** Requests that got no answer (connection errors). */
  loadErrors: number;
  failures: Record<string, number>;
}

interface Tally {
  latencies: number[];
  failures: Map<string, number>;
  loadErrors: number;
}

function sender(url: string, tally: Tally, record: boolean): Send {
  return async (request: PoolRequest) => {
    const fail = (problem: string) => {
      const key = `${request.family}: ${problem}`;
      tally.failures.set(key, (tally.failures.get(key) ?? 0) + 1);
    };
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
    } catch {
      tally.loadErrors += 1;
      return undefined;
    }
    const text = await response.text();
    if (record) {
      tally.latencies.push(performance.now() - started);
    }
    if (response.status !== 200) {
      fail(`HTTP ${response.status}`);
      return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      fail('response is not JSON');
      return undefined;
    }
    const problem = request.check(body);
    if (problem) {
      fail(problem);
      return undefined;
    }
    return body as Record<string, unknown>;
  };
}

/** Our gateways' shared and wire subgraph fetches so far, summed over their `/metrics`. */
async function fetchCounts(
  gateways: readonly Service[],
  token: string,
): Promise<{ shared: number; wire: number } | null> {
  let shared = 0;
  let wire = 0;
  for (const gateway of gateways) {
    const response = await fetch(new URL('/metrics', gateway.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      return null;
    }
    const text = await response.text();
    const sum = (metric: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
        .reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    shared += sum('gateway_subgraph_fetches_shared_total');
    wire += sum('gateway_subgraph_fetch_duration_seconds_count');
  }
  return { shared, wire };
}

/**
 * What a workload loads: `url` (a gateway's, or a load balancer's in front of several), the
 * gateway processes answering there (their CPU summed) and the subgraph processes behind them.
 */
export interface LoadTarget {
  readonly url: string;
  readonly gateways: readonly Service[];
  readonly subgraphs: readonly Service[];
}

/** A topology's one gateway as a load target. */
export function targetOf(topology: Topology): LoadTarget {
  return { url: topology.gatewayUrl, gateways: [topology.gateway], subgraphs: topology.subgraphs };
}

/** `workers` loops, each taking the next step index from `next()` until it returns undefined. */
async function drive(
  workload: Workload,
  send: Send,
  next: (worker: number) => number | undefined,
): Promise<void> {
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let index = next(worker); index !== undefined; index = next(worker)) {
        await workload.step(send, index);
      }
    }),
  );
}

/**
 * One workload on a running target: a checked warm-up of each gateway directly, side by side
 * (with `fullWarmup`, a pool's every request once, spread over the connections; else three steps
 * per connection), then `durationSeconds` of load on the target's URL in which connection c walks the
 * pool from offset c × size / connections, every answer checked. CPU per request from /proc of
 * the gateways (summed) and of each subgraph; RSS of each gateway after the load; our gateways'
 * in-flight sharing from their metrics (`token`).
 */
export async function measureWorkload(
  mode: string,
  target: LoadTarget,
  workload: Workload,
  options: { readonly token: string | undefined; readonly fullWarmup: boolean },
): Promise<WorkloadResult> {
  const metricsToken = options.token;
  const warmupSteps = options.fullWarmup
    ? workload.warmupSteps
    : Math.min(workload.warmupSteps, connections * 3);
  const url = target.url;
  const tally: Tally = { latencies: [], failures: new Map(), loadErrors: 0 };
  await Promise.all(
    target.gateways.map((gateway) => {
      let warmed = 0;
      return drive(workload, sender(gateway.url, tally, false), () =>
        warmed < warmupSteps ? warmed++ : undefined,
      );
    }),
  );
  const services = [...target.gateways, ...target.subgraphs];
  const gatewayCount = target.gateways.length;
  const cpuBefore = await Promise.all(services.map((s) => cpuMillis(s.child.pid ?? 0)));
  const countsBefore = metricsToken ? await fetchCounts(target.gateways, metricsToken) : null;
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const positions = Array.from({ length: connections }, (_, c) =>
    Math.floor((c * workload.size) / connections),
  );
  await drive(workload, sender(url, tally, true), (worker) =>
    performance.now() < deadline
      ? (positions[worker] = (positions[worker] ?? 0) + 1) - 1
      : undefined,
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all(services.map((s) => cpuMillis(s.child.pid ?? 0)));
  const countsAfter = metricsToken ? await fetchCounts(target.gateways, metricsToken) : null;
  const gatewayRssMb = await Promise.all(target.gateways.map((g) => rssMb(g.child.pid ?? 0)));
  const requests = tally.latencies.length;
  const cpu = cpuAfter.map((after, i) => (after - (cpuBefore[i] ?? 0)) / Math.max(1, requests));
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const shared = countsAfter && countsBefore ? countsAfter.shared - countsBefore.shared : 0;
  const wire = countsAfter && countsBefore ? countsAfter.wire - countsBefore.wire : 0;
  return {
    workload: workload.name,
    mode,
    requestsPerSecond: requests / seconds,
    requests,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    gatewayCpuMsPerRequest: cpu.slice(0, gatewayCount).reduce((a, b) => a + b, 0),
    subgraphsCpuMsPerRequest: cpu.slice(gatewayCount).reduce((a, b) => a + b, 0),
    gatewayRssMb,
    dedupShare: countsAfter && shared + wire > 0 ? shared / (shared + wire) : null,
    errors: [...tally.failures.values()].reduce((a, b) => a + b, 0),
    loadErrors: tally.loadErrors,
    failures: Object.fromEntries(tally.failures),
  };
}

/** Medians across rounds, per workload and mode; errors summed. */
export function workloadMedians(all: readonly WorkloadResult[][]): WorkloadResult[] {
  return (all[0] ?? []).map((first) => {
    const same = all.flatMap(
      (r) => r.find((x) => x.mode === first.mode && x.workload === first.workload) ?? [],
    );
    const m = (f: (x: WorkloadResult) => number) => median(same.map(f));
    return {
      ...first,
      requestsPerSecond: m((x) => x.requestsPerSecond),
      requests: m((x) => x.requests),
      p50: m((x) => x.p50),
      p95: m((x) => x.p95),
      p99: m((x) => x.p99),
      gatewayCpuMsPerRequest: m((x) => x.gatewayCpuMsPerRequest),
      subgraphsCpuMsPerRequest: m((x) => x.subgraphsCpuMsPerRequest),
      gatewayRssMb: first.gatewayRssMb?.map((_, i) => m((x) => x.gatewayRssMb?.[i] ?? 0)),
      dedupShare: first.dedupShare === null ? null : m((x) => x.dedupShare ?? 0),
      errors: same.reduce((n, x) => n + x.errors, 0),
      loadErrors: same.reduce((n, x) => n + x.loadErrors, 0),
      failures: Object.fromEntries(
        same
          .flatMap((x) => Object.entries(x.failures))
          .reduce((map, [k, v]) => {
            map.set(k, (map.get(k) ?? 0) + v);
            return map;
          }, new Map<string, number>()),
      ),
    };
  });
}
