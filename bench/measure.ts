import { createRequire } from 'node:module';
import { quick, durationSeconds, connections } from './options.js';
import { cpuMillis, peakRssMb, rssMb, type Service } from './processes.js';
import { type ModeResult } from './report.js';
import type { Mode, Topology } from './topology.js';
import { type WorkloadQuery } from './workload.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}
interface AutocannonInstance {
  on(
    event: 'response',
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
  then: Promise<AutocannonResult>['then'];
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// Load and its measures: autocannon over loopback, latency percentiles, CPU and memory per
// process, and a check that every answer has the expected shape.

export interface SubgraphStats {
  sqlStatements: number;
  entityCache: { hits: number; misses: number } | null;
}

export async function subgraphStats(service: Service): Promise<SubgraphStats> {
  const response = await fetch(new URL('/stats', service.url));
  return (await response.json()) as SubgraphStats;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function runLoad(
  url: string,
  query: WorkloadQuery,
  run: { seconds: number } | { amount: number },
  collect: boolean,
) {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (problem: string) => failures.set(problem, (failures.get(problem) ?? 0) + 1);
  const body = JSON.stringify({ query: query.query, variables: query.variables ?? {} });
  const instance = autocannon({
    url,
    connections,
    ...('seconds' in run ? { duration: run.seconds } : { amount: run.amount }),
    // The N+1 baseline answers the deep query in seconds, not milliseconds.
    timeout: 120,
    // `onResponse` gets the whole body of a completed response (autocannon joins its chunks; its
    // `body` client event hands over single parser chunks, which cut large bodies short). A
    // request cut off when the run stops has no response and is not checked.
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status: number, text: string) => {
          if (!collect) {
            return;
          }
          if (status !== 200) {
            fail(`HTTP ${status}`);
            return;
          }
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            fail('response is not JSON');
            return;
          }
          const problem = parsed === undefined ? 'no body' : query.check(parsed);
          if (problem) {
            fail(problem);
          }
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => {
    if (collect && latencies.length < 500_000) {
      latencies.push(ms);
    }
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return { result, latencies, failures };
}

/**
 * A strict pass: sequential requests, at least `times` and for at least `minMs`, each body read
 * whole and checked. Returns the failures and how many requests were made.
 */
export async function verify(
  url: string,
  query: WorkloadQuery,
  times: number,
  minMs: number,
): Promise<{ failures: Map<string, number>; requests: number }> {
  const failures = new Map<string, number>();
  const started = performance.now();
  let requests = 0;
  while (requests < times || performance.now() - started < minMs) {
    requests += 1;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: query.query, variables: query.variables ?? {} }),
    });
    const text = await response.text();
    let problem: string | undefined;
    try {
      problem = response.status === 200 ? query.check(JSON.parse(text)) : `HTTP ${response.status}`;
    } catch {
      problem = 'response is not JSON';
    }
    if (problem) {
      failures.set(`verify: ${problem}`, (failures.get(`verify: ${problem}`) ?? 0) + 1);
    }
  }
  return { failures, requests };
}

/**
 * `measure`, failing at once, naming the process, when the gateway or a subgraph dies meanwhile
 * (a load generator would otherwise wait for answers that never come).
 */
export async function measureWhileAlive(
  mode: Mode,
  topology: Topology,
  query: WorkloadQuery,
): Promise<ModeResult> {
  let measuring = true;
  const death = new Promise<never>((_, reject) => {
    for (const service of [topology.gateway, ...topology.subgraphs]) {
      void service.exited.then((code) => {
        if (measuring) {
          reject(
            new Error(`${service.name} exited (code ${code}) during ${mode.name} × ${query.name}`),
          );
        }
      });
    }
  });
  try {
    return await Promise.race([measure(mode, topology, query), death]);
  } finally {
    measuring = false;
  }
}

/** Measures one query on a running topology. The bare server answers each query at its own path. */
export async function measure(
  mode: Mode,
  topology: Topology,
  query: WorkloadQuery,
): Promise<ModeResult> {
  const url =
    mode.gateway === 'bare' ? `${topology.gatewayUrl}/${query.name}` : topology.gatewayUrl;
  // A warm-up of a few requests per connection that waits for every answer, so none of it is still
  // running when the strict pass starts; the strict pass runs alone, so its SQL count is exact.
  await runLoad(url, query, { amount: connections * (quick ? 1 : 3) }, false);
  // Sequential, so nothing is shared between requests: exact SQL statements per request, and
  // CPU per request of each process for one request at a time (/proc ticks are 10 ms, hence at
  // least a second of requests in a full run).
  const services = [topology.gateway, ...topology.subgraphs];
  const statsBeforeStrict = await Promise.all(topology.subgraphs.map(subgraphStats));
  const cpuBeforeStrict = await Promise.all(services.map((s) => cpuMillis(s.child.pid ?? 0)));
  const strict = await verify(url, query, 3, quick ? 0 : 1000);
  const cpuAfterStrict = await Promise.all(services.map((s) => cpuMillis(s.child.pid ?? 0)));
  const statsAfterStrict = await Promise.all(topology.subgraphs.map(subgraphStats));
  const verified = strict.failures;
  const sql = statsAfterStrict.reduce(
    (n, s, i) => n + s.sqlStatements - (statsBeforeStrict[i]?.sqlStatements ?? 0),
    0,
  );
  const sequentialCpu = cpuAfterStrict.map(
    (after, i) => (after - (cpuBeforeStrict[i] ?? 0)) / strict.requests,
  );
  const cpuBefore = await Promise.all(services.map((s) => cpuMillis(s.child.pid ?? 0)));
  const statsBefore = await Promise.all(topology.subgraphs.map(subgraphStats));
  const { result, latencies, failures } = await runLoad(
    url,
    query,
    { seconds: durationSeconds },
    true,
  );
  for (const [problem, n] of verified) {
    failures.set(problem, (failures.get(problem) ?? 0) + n);
  }
  const cpuAfter = await Promise.all(services.map((s) => cpuMillis(s.child.pid ?? 0)));
  const statsAfter = await Promise.all(topology.subgraphs.map(subgraphStats));
  const requests = Math.max(1, result.requests.total);
  const cpu = cpuAfter.map((after, i) => (after - (cpuBefore[i] ?? 0)) / requests);
  const hits = statsAfter.reduce(
    (n, s, i) => n + (s.entityCache?.hits ?? 0) - (statsBefore[i]?.entityCache?.hits ?? 0),
    0,
  );
  const misses = statsAfter.reduce(
    (n, s, i) => n + (s.entityCache?.misses ?? 0) - (statsBefore[i]?.entityCache?.misses ?? 0),
    0,
  );
  // Wrong answers (status or shape) of completed responses; connection errors and timeouts are
  // reported apart, since the requests in flight when a run stops end as errors too.
  const errors = [...failures.values()].reduce((a, b) => a + b, 0);
  const loadErrors = result.errors + result.timeouts;
  return {
    mode: mode.name,
    query: query.name,
    requestsPerSecond: result.requests.total / durationSeconds,
    requests: result.requests.total,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    gatewayCpuMsPerRequest: cpu[0] ?? 0,
    subgraphsCpuMsPerRequest: cpu.slice(1).reduce((a, b) => a + b, 0),
    gatewayRssMb: [await rssMb(topology.gateway.child.pid ?? 0)],
    sqlPerRequest: topology.subgraphs.length > 0 ? sql / strict.requests : null,
    sequentialGatewayCpuMsPerRequest: sequentialCpu[0] ?? 0,
    sequentialSubgraphsCpuMsPerRequest: sequentialCpu.slice(1).reduce((a, b) => a + b, 0),
    entityCacheHitRatio: hits + misses > 0 ? hits / (hits + misses) : null,
    peakRssMb: Object.fromEntries(
      await Promise.all(
        services.map(async (s) => [s.name, await peakRssMb(s.child.pid ?? 0)] as const),
      ),
    ),
    errors,
    loadErrors,
    failures: Object.fromEntries(failures),
  };
}
