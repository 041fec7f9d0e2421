import { availableParallelism } from 'node:os';
import { progress, root, rounds } from '../options.js';
import { pinToCore, startService, type Service } from '../processes.js';
import {
  ALL_MODES,
  METRICS_TOKEN,
  startSubgraphs,
  startTopology,
  type Topology,
} from '../topology.js';
import { measureWorkload, workloadMedians, type LoadTarget, type WorkloadResult } from './load.js';
import { whileAlive } from './run.js';
import type { Workload } from './workload.js';

// `--workloads two-gateways` (issue #23): our gateway started once, then twice, behind one
// round-robin load balancer, on the same subgraph processes, database and Redis.

/** Our gateway as the pool workloads measure it: batching and entity cache, no response cache. */
const OURS = ALL_MODES.find((m) => m.name === 'entity-cache')!;

/** The result's mode name for `count` gateways behind the balancer. */
export const gatewaysMode = (count: number) => (count === 1 ? 'one-gateway' : 'two-gateways');

/** One gateway and two behind the balancer, on one workload (medians across rounds). */
export interface GatewaysReport {
  readonly workload: { readonly name: string; readonly description: string };
  /** Every gateway ran pinned to a core of its own (taskset): gateway n on core n − 1. */
  readonly pinned: boolean;
  /** Cores of the machine. */
  readonly cores: number;
  /** Modes `one-gateway` and `two-gateways`. */
  readonly results: readonly WorkloadResult[];
}

/** The balancer (bench/balancer.ts) as its own process, in front of `gateways` in turn. */
async function startBalancer(gateways: readonly Service[]): Promise<Service> {
  const upstreams = Object.fromEntries(gateways.map((g, i) => [`gateway-${i + 1}`, g.url]));
  return startService(
    'balancer',
    ['dist/bench/balancer.js', JSON.stringify(upstreams)],
    {},
    /listening at (http:\S+)/,
    root,
  );
}

/**
 * `count` gateways started on `subgraphs` (Redis emptied before each start, so before any load),
 * each pinned to its own core where the machine allows, the balancer in front, the workload
 * measured through it (each gateway warmed up with the pool's every request first), all stopped.
 */
async function measureGateways(
  count: number,
  subgraphs: readonly Service[],
  workload: Workload,
): Promise<{ result: WorkloadResult; pinned: boolean }> {
  const topologies: Topology[] = [];
  let balancer: Service | undefined;
  try {
    for (let i = 0; i < count; i += 1) {
      topologies.push(await startTopology(OURS, subgraphs));
    }
    const gateways = topologies.map((t) => t.gateway);
    const pins = await Promise.all(gateways.map((g, core) => pinToCore(g.child.pid ?? 0, core)));
    balancer = await startBalancer(gateways);
    const target: LoadTarget = {
      url: new URL(new URL(gateways[0]!.url).pathname, balancer.url).toString(),
      gateways,
      subgraphs,
    };
    const result = await whileAlive(
      [balancer, ...gateways, ...subgraphs],
      `${gatewaysMode(count)} × ${workload.name}`,
      measureWorkload(gatewaysMode(count), target, workload, {
        token: METRICS_TOKEN,
        fullWarmup: true,
      }),
    );
    return { result, pinned: pins.every(Boolean) };
  } finally {
    await balancer?.stop();
    await Promise.all(topologies.map((t) => t.stop()));
  }
}

/**
 * Alternating rounds: one gateway then two, two then one in the next round, and so on; per round
 * one set of subgraph processes serves both. The same connections load both. Medians across rounds.
 */
export async function runTwoGateways(workload: Workload): Promise<GatewaysReport> {
  const all: WorkloadResult[][] = [];
  let pinned = true;
  let done = 0;
  for (let round = 0; round < rounds; round += 1) {
    const results: WorkloadResult[] = [];
    const subgraphs = await startSubgraphs(OURS);
    try {
      for (const count of round % 2 === 0 ? [1, 2] : [2, 1]) {
        const measured = await measureGateways(count, subgraphs, workload);
        results.push(measured.result);
        pinned &&= measured.pinned;
        done += 1;
        progress(`round ${round + 1}: ${gatewaysMode(count)} × ${workload.name}`, done, rounds * 2);
      }
    } finally {
      await Promise.all(subgraphs.map((s) => s.stop()));
    }
    all.push(results);
  }
  return {
    workload: { name: workload.name, description: workload.description },
    pinned,
    cores: availableParallelism(),
    results: workloadMedians(all),
  };
}
