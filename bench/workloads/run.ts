import { progress, quick, rounds, workloads } from '../options.js';
import type { Service } from '../processes.js';
import {
  ALL_MODES,
  EXTRA_MODES,
  METRICS_TOKEN,
  startSubgraphs,
  startTopology,
  type Mode,
  type Topology,
} from '../topology.js';
import { measureWorkload, targetOf, workloadMedians, type WorkloadResult } from './load.js';
import { roundOrder } from './rounds.js';
import { POOL_WORKLOADS, poolWorkload, type Workload } from './workload.js';

/**
 * Ours (batching and entity cache, no response cache), the two peers and plain Apollo Gateway
 * (the yardstick of what our own work costs), in round 1's order.
 */
export const WORKLOAD_MODES: readonly Mode[] = [
  'entity-cache',
  'hive-gateway',
  'hive-router',
  'apollo-gateway',
].map((name) => [...ALL_MODES, ...EXTRA_MODES].find((m) => m.name === name)!);

/** The pool workloads this run measures (`--workloads`), built once. */
export function selectedPoolWorkloads(): Workload[] {
  return POOL_WORKLOADS.filter((name) => workloads.includes(name)).map((name) =>
    poolWorkload(name, quick),
  );
}

/** Runs `measure` while the processes live; fails at once, naming the process, if one dies. */
export async function whileAlive<T>(
  services: readonly Service[],
  what: string,
  measure: Promise<T>,
): Promise<T> {
  let measuring = true;
  const death = new Promise<never>((_, reject) => {
    for (const service of services) {
      void service.exited.then((code) => {
        if (measuring) {
          reject(new Error(`${service.name} exited (code ${code}) during ${what}`));
        }
      });
    }
  });
  try {
    return await Promise.race([measure, death]);
  } finally {
    measuring = false;
  }
}

/**
 * The pool workloads on a topology another part of the run started (`--quick` measures them
 * inside the single-query set's topologies, so they add no process starts): nothing unless
 * `mode` is one of the gateways compared.
 */
export async function poolWorkloadsIn(
  mode: Mode,
  topology: Topology,
  selected: readonly Workload[],
): Promise<WorkloadResult[]> {
  if (!WORKLOAD_MODES.some((m) => m.name === mode.name)) {
    return [];
  }
  const results: WorkloadResult[] = [];
  for (const workload of selected) {
    const token = mode.gateway === 'ours' ? METRICS_TOKEN : undefined;
    results.push(
      await whileAlive(
        [topology.gateway, ...topology.subgraphs],
        `${mode.name} × ${workload.name}`,
        measureWorkload(mode.name, targetOf(topology), workload, { token, fullWarmup: true }),
      ),
    );
  }
  return results;
}

/**
 * Rounds of the gateways, the order rotating (`roundOrder`). Per round, one set of subgraph
 * processes serves the gateways in turn (Redis emptied before each); each gateway
 * is a new process that runs every selected workload after a warm-up sending a pool's every
 * request once (its plan and document caches filled, as in a gateway that has served for a
 * while), then stops. Medians across rounds.
 */
export async function runPoolWorkloads(selected: readonly Workload[]): Promise<WorkloadResult[]> {
  const all: WorkloadResult[][] = [];
  const total = rounds * WORKLOAD_MODES.length * selected.length;
  let done = 0;
  for (let round = 0; round < rounds; round += 1) {
    const results: WorkloadResult[] = [];
    // The gateways' subgraph settings are the same (batching and entity cache).
    const subgraphs = await startSubgraphs(WORKLOAD_MODES[0]!);
    try {
      for (const mode of roundOrder(WORKLOAD_MODES, round)) {
        const topology = await startTopology(mode, subgraphs);
        try {
          for (const workload of selected) {
            const token = mode.gateway === 'ours' ? METRICS_TOKEN : undefined;
            results.push(
              await whileAlive(
                [topology.gateway, ...topology.subgraphs],
                `${mode.name} × ${workload.name}`,
                measureWorkload(mode.name, targetOf(topology), workload, {
                  token,
                  fullWarmup: true,
                }),
              ),
            );
            done += 1;
            progress(`round ${round + 1}: ${mode.name} × ${workload.name}`, done, total);
          }
        } finally {
          await topology.stop();
        }
      }
    } finally {
      await Promise.all(subgraphs.map((s) => s.stop()));
    }
    all.push(results);
  }
  return workloadMedians(all);
}
