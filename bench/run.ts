import 'reflect-metadata';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openDatabase } from '../loaders/database.js';
import { projectPath } from '../loaders/project-path.js';
import { prepareSubgraphDatabase } from '../schema/server/serve-subgraph.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';
import { prepareBaseline } from './baseline.js';
import { measureDashboard } from './dashboard.js';
import { median, measureWhileAlive } from './measure.js';
import {
  args,
  quick,
  scale,
  rounds,
  durationSeconds,
  connections,
  databaseUrl,
  redisUrl,
  logger,
  progress,
  workloads,
} from './options.js';
import { formatted, writePerformanceDoc } from './performance-doc.js';
import { peakRssMb, rssMb } from './processes.js';
import { renderChart, renderMarkdown, type ModeResult, type RunReport } from './report.js';
import {
  ALL_MODES,
  commitMode,
  MODES,
  startTopology,
  stopOtlpSink,
  useRecordedResponses,
  type Mode,
  type Topology,
} from './topology.js';
import { WORKLOAD } from './workload.js';
import { runTwoGateways, type GatewaysReport } from './workloads/gateways.js';
import type { WorkloadResult } from './workloads/load.js';
import {
  poolWorkloadsIn,
  runPoolWorkloads,
  selectedPoolWorkloads,
  WORKLOAD_MODES,
} from './workloads/run.js';
import { poolWorkload } from './workloads/workload.js';

// `npm run bench -- [--scale 1|10|100] [--quick] [--rounds 3] [--duration 10] [--modes a,b]
//   [--baseline <git ref>] [--candidate <git ref>] [--label name]`
// Loads a deterministic dataset into real PostgreSQL, starts the built subgraphs and gateways as
// separate processes against real PostgreSQL and Redis, runs the committed workload with
// autocannon over loopback, and writes bench/results/<date>-scale<N>.md with an SVG chart.

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

/** The bare-HTTP mode's recorded responses, removed when the run ends. */
let recordedDir: string | undefined;

async function recordResponses(): Promise<void> {
  const dir = join(tmpdir(), `crg-bench-${process.pid}`);
  await mkdir(dir, { recursive: true });
  recordedDir = dir;
  useRecordedResponses(dir);
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
    return { queries: count, rssMb: await rssMb(pid), peakRssMb: await peakRssMb(pid), errors };
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

/**
 * Every round: each mode's topology started, the whole workload measured, `also` run on it (the
 * quick run's pool workloads), the topology stopped.
 */
async function runRounds(
  modes: readonly Mode[],
  also?: (mode: Mode, topology: Topology) => Promise<void>,
): Promise<ModeResult[][]> {
  const all: ModeResult[][] = [];
  const total = rounds * modes.length * WORKLOAD.length;
  let done = 0;
  for (let round = 0; round < rounds; round += 1) {
    const results: ModeResult[] = [];
    for (const mode of modes) {
      const topology = await startTopology(mode);
      try {
        for (const query of WORKLOAD) {
          results.push(await measureWhileAlive(mode, topology, query));
          done += 1;
          progress(`round ${round + 1}: ${mode.name} × ${query.name}`, done, total);
        }
        await also?.(mode, topology);
      } finally {
        await topology.stop();
      }
    }
    all.push(results);
  }
  return all;
}

/** Medians across rounds, per mode and query; errors summed. */
function mediansAcrossRounds(all: readonly ModeResult[][]): ModeResult[] {
  return (all[0] ?? []).map((first) => {
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
      gatewayRssMb: first.gatewayRssMb?.map((_, i) => m((x) => x.gatewayRssMb?.[i] ?? 0)),
      sqlPerRequest: first.sqlPerRequest === null ? null : m((x) => x.sqlPerRequest ?? 0),
      errors: same.reduce((n, x) => n + x.errors, 0),
      loadErrors: same.reduce((n, x) => n + x.loadErrors, 0),
    };
  });
}

/**
 * The modes of this run: `--modes` (or every default mode), plus `baseline` and `candidate`, other
 * commits' builds, with `--baseline` and `--candidate`.
 */
async function modesOfRun(): Promise<readonly Mode[]> {
  const modes = [...MODES];
  for (const name of ['baseline', 'candidate'] as const) {
    const ref = args[name];
    if (ref) {
      const { commit, dir } = await prepareBaseline(ref);
      modes.push(commitMode(name, ref, commit, dir));
    }
  }
  return modes;
}

/**
 * The single-query set over `modes` (when `single`) and the pool workloads: inside the single
 * set's topologies with `--quick` (ours and Hive Gateway, no extra process starts), else in
 * alternating rounds of their own, timed on stderr; then one gateway against two (`two-gateways`).
 */
async function measureAll(
  modes: readonly Mode[],
  single: boolean,
  pool: ReturnType<typeof selectedPoolWorkloads>,
): Promise<{ medians: ModeResult[]; poolResults: WorkloadResult[]; gateways?: GatewaysReport }> {
  const inline: WorkloadResult[] | undefined = quick && single ? [] : undefined;
  const medians = single
    ? mediansAcrossRounds(
        await runRounds(modes, async (mode, topology) => {
          inline?.push(...(await poolWorkloadsIn(mode, topology, pool)));
        }),
      )
    : [];
  let poolResults = inline ?? [];
  if (!inline && pool.length > 0) {
    const started = performance.now();
    poolResults = await runPoolWorkloads(pool);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stderr.write(`bench: the pool workloads took ${seconds} s\n`);
  }
  if (!workloads.includes('two-gateways')) {
    return { medians, poolResults };
  }
  const started = performance.now();
  const gateways = await runTwoGateways(poolWorkload('mixed', quick));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  process.stderr.write(`bench: one gateway against two took ${seconds} s\n`);
  return { medians, poolResults, gateways };
}

async function main(): Promise<void> {
  const started = new Date();
  // `--workloads`: the single-query set over the modes, and the pool workloads over four gateways.
  const single = workloads.includes('single');
  const pool = selectedPoolWorkloads();
  const modes = single ? await modesOfRun() : [];
  const dataset = await loadDataset();
  if (single) {
    await recordResponses();
  }
  const { medians, poolResults, gateways } = await measureAll(modes, single, pool);
  const otlp = await stopOtlpSink();
  // A labelled run (`--label tracing`) measures its modes only.
  const memory = quick || args.label || !single ? undefined : await adHocMemory(10_000);
  const dashboard = args.label || !single ? undefined : await dashboardFirstView();
  const report: RunReport = {
    date: started.toISOString(),
    scale,
    quick,
    rounds,
    durationSeconds,
    connections,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
    dataset,
    modes: modes.map((m) => ({ name: m.name, description: m.description })),
    queries: single
      ? WORKLOAD.map((q) => ({ name: q.name, kind: q.kind, description: q.description }))
      : [],
    results: medians,
    ...(pool.length > 0
      ? {
          workloads: {
            workloads: pool.map((w) => ({ name: w.name, description: w.description })),
            modes: WORKLOAD_MODES.filter((m) => poolResults.some((r) => r.mode === m.name)).map(
              (m) => ({ name: m.name, description: m.description }),
            ),
            results: poolResults,
          },
        }
      : {}),
    ...(gateways ? { gateways } : {}),
    ...(memory ? { adHocMemory: memory } : {}),
    ...(dashboard ? { dashboard } : {}),
    ...(otlp ? { otlp } : {}),
  };
  const stamp = started.toISOString().slice(0, 10);
  const suffix = `${args.label ? `-${args.label}` : ''}${single ? '' : '-workloads'}${quick ? '-quick' : ''}`;
  const base = projectPath('bench', 'results', `${stamp}-scale${scale}${suffix}`);
  await mkdir(projectPath('bench', 'results'), { recursive: true });
  const chart = single ? `${base.split('/').pop()}.svg` : '';
  await writeFile(`${base}.md`, await formatted(renderMarkdown(report, chart), 'markdown'));
  if (single) {
    await writeFile(`${base}.svg`, renderChart(report));
  }
  await writeFile(`${base}.json`, await formatted(`${JSON.stringify(report, null, 2)}\n`, 'json'));
  if (!quick && single) {
    await writePerformanceDoc();
  }
  const failed = [...medians, ...poolResults, ...(gateways?.results ?? [])].filter(
    (r) => r.errors > 0,
  );
  const errors = failed.reduce((n, r) => n + r.errors, 0) + (memory?.errors ?? 0);
  const shown = renderMarkdown(report, '')
    .split('\n## ')
    .filter((s) => /^(Results|Workloads|Two gateways|Capacity)/.test(s));
  process.stdout.write(`\n${shown.join('\n')}\n`);
  process.stdout.write(
    `bench: wrote ${base}.md${single ? ', .svg' : ''} and .json; ${errors} errors\n`,
  );
  if (errors > 0) {
    for (const r of failed) {
      const what = 'query' in r ? r.query : r.workload;
      process.stderr.write(
        `  ${r.mode} × ${what}: ${r.errors} errors ${JSON.stringify(r.failures)}\n`,
      );
    }
    await removeResponses();
    process.exit(1);
  }
}

/** The recorded responses the bare-HTTP mode served: a temporary folder per run. */
async function removeResponses(): Promise<void> {
  if (recordedDir) {
    await rm(recordedDir, { recursive: true, force: true });
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
