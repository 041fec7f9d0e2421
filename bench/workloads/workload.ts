import { clientOperation } from '../../clients/operations/index.js';
import { mixedPool } from './mixed.js';
import { checkedBy, type Json, type PoolRequest } from './pool.js';

/** Sends one request, checks its answer, and resolves with its body (undefined when it failed). */
export type Send = (request: PoolRequest) => Promise<Json | undefined>;

/**
 * A workload of many requests (bench/workloads/load.ts drives it): `step(send, index)` is one
 * unit of what a client does, a request or a page view; `index` walks a pool.
 */
export interface Workload {
  readonly name: string;
  readonly description: string;
  /** Distinct requests in the pool (1 for a scenario that repeats). */
  readonly size: number;
  /** Steps of the checked warm-up (a pool's warm-up sends each of its requests once). */
  readonly warmupSteps: number;
  step(send: Send, index: number): Promise<void>;
}

/** `mixed`: each step is the pool's request at `index` (mod its size). */
export function mixedWorkload(slice = 1): Workload {
  const pool = mixedPool(slice);
  const families = new Set(pool.map((r) => r.family)).size;
  return {
    name: 'mixed',
    description: `${pool.length} distinct requests from ${families} families (the analyst cookbook and the dashboard's operations with varied variables, generated searches and pages with varied selections), in a seeded order; each connection walks the pool from its own offset, so requests in flight differ.`,
    size: pool.length,
    warmupSteps: pool.length,
    step: async (send, index) => {
      await send(pool[index % pool.length]!);
    },
  };
}

function dashboardRequest(
  name: string,
  variables: Record<string, unknown>,
  shape: (d: Json) => boolean,
): PoolRequest {
  return {
    family: name,
    query: clientOperation(name).body,
    variables,
    check: checkedBy(shape, `${name}: unexpected shape`),
  };
}

/**
 * `dashboard`: the dashboard's first view (`/dashboard`, the world map) as the browser loads it:
 * the first page of CyberlawStatusWorld and DashboardTreatyMap at once, then the next page of
 * CyberlawStatusWorld from the first page's cursor. Each step is one view.
 */
export function dashboardWorkload(): Workload {
  const asOf = new Date().toISOString().slice(0, 10);
  const world = (after?: string) =>
    dashboardRequest('CyberlawStatusWorld', after ? { after } : {}, (d) =>
      d['countries'].edges.every((e: Json) => e.node.iso3 && e.node.region),
    );
  const treaties = dashboardRequest(
    'DashboardTreatyMap',
    { asOf, includeSynthetic: false },
    (d) => d['budapest'].parties > 0 && Array.isArray(d['unConvention'].participants),
  );
  return {
    name: 'dashboard',
    description:
      "The dashboard's first view as the browser loads it: CyberlawStatusWorld (page 1) and DashboardTreatyMap at once, then CyberlawStatusWorld page 2 from page 1's cursor; each connection a browser repeating the view.",
    size: 3,
    warmupSteps: 4,
    step: async (send) => {
      const [first] = await Promise.all([send(world()), send(treaties)]);
      const page = first?.['data']?.countries?.pageInfo;
      if (page?.hasNextPage && page.endCursor) {
        await send(world(page.endCursor as string));
      }
    },
  };
}

/** The pool workloads by name, as `--workloads` names them. */
export const POOL_WORKLOADS = ['mixed', 'dashboard'] as const;
export type PoolWorkloadName = (typeof POOL_WORKLOADS)[number];

export function poolWorkload(name: PoolWorkloadName, quick: boolean): Workload {
  return name === 'mixed' ? mixedWorkload(quick ? 30 : 1) : dashboardWorkload();
}
