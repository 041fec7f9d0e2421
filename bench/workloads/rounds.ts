// The order of the gateways in a round of the pool workloads (bench/workloads/run.ts).

/**
 * The gateways in round `round`'s order: rotated by one each round, so each of the first three
 * starts one round of three. The subgraph processes are new each round and keep warming up
 * (JIT, heap sizing, PostgreSQL's buffers) through it, so the gateway measured first pays for
 * that: in a fixed order it was always ours (in one probe the same subgraphs used 4.08 ms of CPU
 * per request behind the gateway measured first and 3.52 ms behind the next).
 */
export function roundOrder<T>(modes: readonly T[], round: number): T[] {
  const shift = round % modes.length;
  return [...modes.slice(shift), ...modes.slice(0, shift)];
}
