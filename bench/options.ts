import { parseArgs } from 'node:util';
import { generateIdentityKey } from '../loaders/identity.js';
import { createLogger } from '../loaders/logger.js';
import { projectPath } from '../loaders/project-path.js';

// The benchmark's command line and fixed settings: what every part of a run shares.

export const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '10' },
    modes: { type: 'string' },
    baseline: { type: 'string' },
    candidate: { type: 'string' },
    label: { type: 'string' },
    workloads: { type: 'string' },
  },
});
export const quick = args.quick ?? false;
export const scale = Number(args.scale);
if (![1, 10, 100].includes(scale)) {
  throw new Error(`--scale must be 1, 10 or 100; got ${args.scale}`);
}
export const rounds = Number(args.rounds ?? (quick ? 1 : 3));
export const durationSeconds = Number(args.duration ?? (quick ? 2 : 10));
export const connections = Number(args.connections);
if (args.label !== undefined && !/^[a-z0-9-]{1,32}$/.test(args.label)) {
  throw new Error(`--label must be 1–32 of a-z, 0-9 and -; got ${args.label}`);
}
/**
 * `--workloads single,mixed,dashboard,two-gateways`: `single` is the committed
 * one-query-per-measurement set over `--modes`; `mixed` and `dashboard` are the pool workloads
 * (bench/workloads/) over our gateway and both peers; `two-gateways` is `mixed` on our gateway
 * started once and twice behind a load balancer (bench/workloads/gateways.ts). Default: all four
 * (`--quick`: `single` and a slice of `mixed`).
 */
export const WORKLOAD_NAMES = ['single', 'mixed', 'dashboard', 'two-gateways'] as const;
export const workloads = (args.workloads ?? (quick ? 'single,mixed' : WORKLOAD_NAMES.join(',')))
  .split(',')
  .map((name) => name.trim());
for (const name of workloads) {
  if (!(WORKLOAD_NAMES as readonly string[]).includes(name)) {
    throw new Error(`--workloads: unknown workload "${name}"; known: ${WORKLOAD_NAMES.join(', ')}`);
  }
}
export const databaseUrl =
  process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crg_bench';
export const redisUrl = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379/7';
export const secret = 'bench-only-secret-bench-only-secret-0000';
// The viewer-header keys, as in production: the core's, and the partner's own (the gateway refuses
// to start without it in production, even though the benchmark runs no partner subgraph).
export const coreKey = generateIdentityKey('bench-core');
export const partnerKey = generateIdentityKey('bench-hotline-reports');
export const root = projectPath();
export const logger = createLogger({ level: 'warn', service: 'bench' });
export const ANALYSIS_MARKER =
  '<!-- hand-written analysis: kept when the benchmark regenerates this file -->';

export function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(
    `\r  [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${label}   `,
  );
  if (done >= total) {
    process.stderr.write('\n');
  }
}
