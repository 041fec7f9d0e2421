import 'reflect-metadata';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openDatabase } from '../loaders/database.js';
import { generateIdentityKey, publicJwk } from '../loaders/identity.js';
import { createLogger } from '../loaders/logger.js';
import { projectPath } from '../loaders/project-path.js';
import { readRegistry, subgraphUrlEnvName } from '../schema/composition/registry.js';
import { prepareSubgraphDatabase } from '../schema/server/serve-subgraph.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';
import { measureDashboard } from './dashboard.js';
import { cpuMillis, peakRssMb, startService, type Service } from './processes.js';
import {
  renderChart,
  renderMarkdown,
  renderPerformanceDoc,
  type ModeResult,
  type RunReport,
} from './report.js';
import { WORKLOAD, type WorkloadQuery } from './workload.js';

// `npm run bench -- [--scale 1|10|100] [--quick] [--rounds 3] [--duration 10] [--modes a,b]`
// Loads a deterministic dataset into real PostgreSQL, starts the built subgraphs and gateways as
// separate processes against real PostgreSQL and Redis, runs the committed workload with
// autocannon over loopback, and writes bench/results/<date>-scale<N>.md with an SVG chart.

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

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '10' },
    modes: { type: 'string' },
  },
});
const quick = args.quick ?? false;
const scale = Number(args.scale);
if (![1, 10, 100].includes(scale)) {
  throw new Error(`--scale must be 1, 10 or 100; got ${args.scale}`);
}
const rounds = Number(args.rounds ?? (quick ? 1 : 3));
const durationSeconds = Number(args.duration ?? (quick ? 2 : 10));
const connections = Number(args.connections);
const databaseUrl =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crg_bench';
const redisUrl = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/7';
const secret = 'bench-only-secret-bench-only-secret-0000';
// The viewer-header keys, as in production: the core's, and the partner's own (the gateway refuses
// to start without it in production, even though the benchmark runs no partner subgraph).
const coreKey = generateIdentityKey('bench-core');
const partnerKey = generateIdentityKey('bench-hotline-reports');
const root = projectPath();
const logger = createLogger({ level: 'warn', service: 'bench' });
const ANALYSIS_MARKER =
  '<!-- hand-written analysis: kept when the benchmark regenerates this file -->';

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(
    `\r  [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${label}   `,
  );
  if (done >= total) {
    process.stderr.write('\n');
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

async function loadDataset(): Promise<Record<string, number>> {
  process.stderr.write(`Loading the dataset at scale ${scale} into ${databaseUrl}\n`);
  await recreateDatabase(databaseUrl);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl });
  const counts: Record<string, number> = {};
  try {
    let done = 0;
    for (const subgraph of CORE_SUBGRAPHS) {
      const { seeded } = await prepareSubgraphDatabase(subgraph, database.db, logger, {
        synthetic: true,
      });
      Object.assign(counts, seeded);
      if (subgraph.syntheticScale && scale > 1) {
        Object.assign(
          counts,
          await subgraph.syntheticScale(database.db.withSchema(subgraph.dbSchema), scale, (d, t) =>
            progress(`${subgraph.name} synthetic rows`, d, t),
          ),
        );
      }
      done += 1;
      progress('subgraphs loaded', done, CORE_SUBGRAPHS.length);
    }
  } finally {
    await database.destroy();
  }
  return counts;
}

interface Mode {
  readonly name: string;
  readonly description: string;
  readonly subgraphEnv: Record<string, string>;
  readonly gateway: 'ours' | 'hive' | 'bare';
  readonly gatewayEnv?: Record<string, string>;
}

const ALL_MODES: readonly Mode[] = [
  {
    name: 'loaders-off',
    description: 'one SQL statement per entity (the N+1 baseline), no caches',
    subgraphEnv: { LOADERS: 'unbatched', ENTITY_CACHE: 'off' },
    gateway: 'ours',
  },
  {
    name: 'loaders-on',
    description: 'DataLoader batching, no caches',
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'off' },
    gateway: 'ours',
  },
  {
    name: 'entity-cache',
    description: 'batching plus the Redis entity cache',
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'ours',
  },
  {
    name: 'response-cache',
    description: 'batching, entity cache, plus the gateway response cache (dashboards)',
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'ours',
    gatewayEnv: { RESPONSE_CACHE: 'on' },
  },
  {
    name: 'hive-gateway',
    description:
      'the peer: Hive Gateway on the same supergraph and subgraphs (batching plus entity cache)',
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'hive',
  },
  {
    name: 'bare-http',
    description: 'the ceiling: node:http answering the same response bytes',
    subgraphEnv: {},
    gateway: 'bare',
  },
];

/** `--modes loaders-on,entity-cache`: a subset, for the large scales (the N+1 baseline takes minutes there). */
const MODES: readonly Mode[] = args.modes
  ? args.modes.split(',').map((name) => {
      const mode = ALL_MODES.find((m) => m.name === name.trim());
      if (!mode) {
        throw new Error(
          `--modes: unknown mode "${name}"; known: ${ALL_MODES.map((m) => m.name).join(', ')}`,
        );
      }
      return mode;
    })
  : ALL_MODES;

interface Topology {
  readonly gatewayUrl: string;
  readonly gateway: Service;
  readonly subgraphs: readonly Service[];
  stop(): Promise<void>;
}

let responsesDir: string | undefined;

async function startTopology(mode: Mode): Promise<Topology> {
  if (mode.gateway === 'bare') {
    if (!responsesDir) {
      throw new Error('bare-http needs the recorded responses');
    }
    const bare = await startService(
      'bare',
      ['dist/bench/bare-server.js', responsesDir],
      {},
      /listening at (http:\S+)/,
      root,
    );
    return { gatewayUrl: bare.url, gateway: bare, subgraphs: [], stop: () => bare.stop() };
  }
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  redis.disconnect();
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const subgraphs: Service[] = [];
  for (const subgraph of CORE_SUBGRAPHS) {
    subgraphs.push(
      await startService(
        subgraph.name,
        [`dist/subgraphs/${subgraph.name}/main.js`],
        {
          NODE_ENV: 'production',
          LOG_LEVEL: 'info',
          HOST: '127.0.0.1',
          PORT: '0',
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          IDENTITY_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk(coreKey)] }),
          EXPOSE_STATS: 'true',
          ...mode.subgraphEnv,
        },
        /"url":"(http:[^"]+)","msg":"subgraph listening"/,
        root,
      ),
    );
  }
  const gateway =
    mode.gateway === 'ours'
      ? await startService(
          'gateway',
          // As deployed (package.json start:gateway, docker-compose): with a heap budget.
          ['--max-old-space-size=256', 'dist/gateway/main.js'],
          {
            NODE_ENV: 'production',
            LOG_LEVEL: 'info',
            HOST: '127.0.0.1',
            GATEWAY_PORT: '0',
            REDIS_URL: redisUrl,
            IDENTITY_SIGNING_KEY: JSON.stringify(coreKey),
            IDENTITY_SIGNING_KEY_HOTLINE_REPORTS: JSON.stringify(partnerKey),
            JWT_SECRET: secret,
            JWT_ISSUER: 'bench',
            JWT_AUDIENCE: 'bench',
            // The benchmark measures throughput, not the limits: lift the per-viewer budget and cost
            // cap (all load comes from one address), and cache responses only in its own mode.
            LIMIT_BUDGET_PER_MINUTE: '1000000000000000',
            LIMIT_MAX_COST: '100000000',
            // Nor the resilience guards: the N+1 baseline takes seconds per deep query under load,
            // and a timeout, a retry or an open breaker would measure the guard, not the query path
            // (test/gateway/resilience.test.ts covers them).
            SUBGRAPH_TIMEOUT_MS: '120000',
            SUBGRAPH_RETRIES: '0',
            BREAKER_FAILURE_THRESHOLD: '1000000',
            // Heavy operations still run a few at a time, as deployed, but wait instead of failing.
            HEAVY_OPERATION_WAIT_MS: '120000',
            RESPONSE_CACHE: 'off',
            ...Object.fromEntries(subgraphs.map((s) => [subgraphUrlEnvName(s.name), s.url])),
            ...mode.gatewayEnv,
          },
          /"url":"(http:[^"]+)","msg":"gateway listening"/,
          root,
        )
      : await startService(
          'hive',
          [
            'dist/bench/hive-gateway.js',
            projectPath('schema', 'supergraph.graphql'),
            JSON.stringify(
              Object.fromEntries(
                registry.map((r) => [r.url, subgraphs.find((s) => s.name === r.name)?.url]),
              ),
            ),
          ],
          {},
          /listening at (http:\S+)/,
          root,
        );
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
    stop: async () => {
      await gateway.stop();
      await Promise.all(subgraphs.map((s) => s.stop()));
    },
  };
}

interface SubgraphStats {
  sqlStatements: number;
  entityCache: { hits: number; misses: number } | null;
}

async function subgraphStats(service: Service): Promise<SubgraphStats> {
  const response = await fetch(new URL('/stats', service.url));
  return (await response.json()) as SubgraphStats;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function runLoad(
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
async function verify(
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
async function measureWhileAlive(
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
async function measure(mode: Mode, topology: Topology, query: WorkloadQuery): Promise<ModeResult> {
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

async function recordResponses(): Promise<void> {
  const dir = join(tmpdir(), `crg-bench-${process.pid}`);
  await mkdir(dir, { recursive: true });
  responsesDir = dir;
  const topology = await startTopology(ALL_MODES.find((m) => m.name === 'entity-cache')!);
  try {
    for (const query of WORKLOAD) {
      const response = await fetch(topology.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: query.query, variables: query.variables ?? {} }),
      });
      const text = await response.text();
      const problem = query.check(JSON.parse(text));
      if (problem) {
        throw new Error(`${query.name}: wrong response shape before the run: ${problem}`);
      }
      await writeFile(join(dir, `${query.name}.json`), text);
    }
  } finally {
    await topology.stop();
  }
}

/** Gateway RSS after many distinct ad-hoc queries: the query-plan cache must stay bounded. */
async function adHocMemory(
  count: number,
): Promise<{ queries: number; rssMb: number; peakRssMb: number; errors: number }> {
  const topology = await startTopology(ALL_MODES.find((m) => m.name === 'entity-cache')!);
  let errors = 0;
  try {
    const pid = topology.gateway.child.pid ?? 0;
    const batch = 20;
    for (let i = 0; i < count; i += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, count - i) }, async (_, j) => {
          const n = i + j;
          const response = await fetch(topology.gatewayUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: `query Q${n} { q${n}: country(iso3: "KEN") { n${n}: name region { r${n}: name } } }`,
            }),
          });
          const json = (await response.json()) as { errors?: unknown };
          if (!response.ok || json.errors) {
            errors += 1;
          }
        }),
      );
      progress('distinct ad-hoc queries', Math.min(i + batch, count), count);
    }
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    return { queries: count, rssMb: rss, peakRssMb: await peakRssMb(pid), errors };
  } finally {
    await topology.stop();
  }
}

/**
 * The dashboard's first view in Chromium, on the response-cache mode (the one for dashboards):
 * cold, warm gateway with a new browser profile, and warm; see bench/dashboard.ts.
 */
async function dashboardFirstView() {
  const topology = await startTopology(ALL_MODES.find((m) => m.name === 'response-cache')!);
  try {
    const result = await measureDashboard(
      new URL(topology.gatewayUrl).origin,
      quick ? 1 : 3,
      async () => {
        const redis = new Redis(redisUrl);
        await redis.flushdb();
        redis.disconnect();
      },
    );
    if (!result) {
      process.stderr.write('bench: no Chromium; the dashboard first view is not measured\n');
    }
    return result;
  } finally {
    await topology.stop();
  }
}

/** Written files follow the repository's Prettier settings, so `npm run check:format` stays green. */
async function formatted(text: string, parser: 'markdown' | 'json'): Promise<string> {
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(projectPath('package.json'));
  return prettier.format(text, { ...options, parser });
}

/** The latest full (not quick) report of each scale in bench/results, newest first by date. */
async function latestReports(): Promise<Map<number, { report: RunReport; base: string }>> {
  const dir = projectPath('bench', 'results');
  const latest = new Map<number, { report: RunReport; base: string }>();
  for (const file of (await readdir(dir)).filter((f) =>
    /^\d{4}-\d{2}-\d{2}-scale\d+\.json$/.test(f),
  )) {
    const report = JSON.parse(await readFile(join(dir, file), 'utf8')) as RunReport;
    // The headline ratios need every mode: a partial scale-1 run does not replace a full one.
    if (report.scale === 1 && report.modes.length < ALL_MODES.length) {
      continue;
    }
    const current = latest.get(report.scale);
    if (!current || current.report.date < report.date) {
      latest.set(report.scale, { report, base: `../bench/results/${file.replace(/\.json$/, '')}` });
    }
  }
  return latest;
}

/**
 * docs/performance.md from the latest full scale-1 run and the latest larger scales; the
 * hand-written analysis below the marker survives regeneration.
 */
async function writePerformanceDoc(): Promise<void> {
  const latest = await latestReports();
  const base = latest.get(1);
  if (!base) {
    return;
  }
  const doc = projectPath('docs', 'performance.md');
  const previous = await readFile(doc, 'utf8').catch(() => '');
  const kept = previous.includes(ANALYSIS_MARKER)
    ? previous.slice(previous.indexOf(ANALYSIS_MARKER))
    : `${ANALYSIS_MARKER}\n`;
  await writeFile(
    doc,
    await formatted(
      `${renderPerformanceDoc(
        base.report,
        base.base,
        [...latest.values()].map((l) => l.report),
      )}\n${kept}`,
      'markdown',
    ),
  );
}

async function main(): Promise<void> {
  const started = new Date();
  const dataset = await loadDataset();
  await recordResponses();
  const all: ModeResult[][] = [];
  const total = rounds * MODES.length * WORKLOAD.length;
  let done = 0;
  for (let round = 0; round < rounds; round += 1) {
    const results: ModeResult[] = [];
    for (const mode of MODES) {
      const topology = await startTopology(mode);
      try {
        for (const query of WORKLOAD) {
          results.push(await measureWhileAlive(mode, topology, query));
          done += 1;
          progress(`round ${round + 1}: ${mode.name} × ${query.name}`, done, total);
        }
      } finally {
        await topology.stop();
      }
    }
    all.push(results);
  }
  // Medians across rounds, per mode and query.
  const medians: ModeResult[] = (all[0] ?? []).map((first) => {
    const same = all.map((r) => r.find((x) => x.mode === first.mode && x.query === first.query)!);
    const m = (f: (x: ModeResult) => number) => median(same.map(f));
    return {
      ...first,
      requestsPerSecond: m((x) => x.requestsPerSecond),
      requests: m((x) => x.requests),
      p50: m((x) => x.p50),
      p95: m((x) => x.p95),
      p99: m((x) => x.p99),
      gatewayCpuMsPerRequest: m((x) => x.gatewayCpuMsPerRequest),
      subgraphsCpuMsPerRequest: m((x) => x.subgraphsCpuMsPerRequest),
      sqlPerRequest: first.sqlPerRequest === null ? null : m((x) => x.sqlPerRequest ?? 0),
      errors: same.reduce((n, x) => n + x.errors, 0),
      loadErrors: same.reduce((n, x) => n + x.loadErrors, 0),
    };
  });
  const memory = quick ? undefined : await adHocMemory(10_000);
  const dashboard = await dashboardFirstView();
  const report: RunReport = {
    date: started.toISOString(),
    scale,
    quick,
    rounds,
    durationSeconds,
    connections,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
    dataset,
    modes: MODES.map((m) => ({ name: m.name, description: m.description })),
    queries: WORKLOAD.map((q) => ({ name: q.name, kind: q.kind, description: q.description })),
    results: medians,
    ...(memory ? { adHocMemory: memory } : {}),
    ...(dashboard ? { dashboard } : {}),
  };
  const stamp = started.toISOString().slice(0, 10);
  const base = projectPath('bench', 'results', `${stamp}-scale${scale}${quick ? '-quick' : ''}`);
  await mkdir(projectPath('bench', 'results'), { recursive: true });
  await writeFile(
    `${base}.md`,
    await formatted(renderMarkdown(report, `${base.split('/').pop()}.svg`), 'markdown'),
  );
  await writeFile(`${base}.svg`, renderChart(report));
  await writeFile(`${base}.json`, await formatted(`${JSON.stringify(report, null, 2)}\n`, 'json'));
  if (!quick) {
    await writePerformanceDoc();
  }
  const errors = medians.reduce((n, r) => n + r.errors, 0) + (memory?.errors ?? 0);
  process.stdout.write(`\n${renderMarkdown(report, '').split('\n## ')[1] ?? ''}\n`);
  process.stdout.write(`bench: wrote ${base}.md, .svg and .json; ${errors} errors\n`);
  if (errors > 0) {
    for (const r of medians.filter((x) => x.errors > 0)) {
      process.stderr.write(
        `  ${r.mode} × ${r.query}: ${r.errors} errors ${JSON.stringify(r.failures)}\n`,
      );
    }
    await removeResponses();
    process.exit(1);
  }
}

/** The recorded responses the bare-HTTP mode served: a temporary folder per run. */
async function removeResponses(): Promise<void> {
  if (responsesDir) {
    await rm(responsesDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nbench: ${error instanceof Error ? error.message : String(error)}\n`);
  await removeResponses();
  process.exit(1);
}
await removeResponses();
