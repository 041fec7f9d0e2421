import { Redis } from 'ioredis';
import { publicJwk } from '../loaders/identity.js';
import { projectPath } from '../loaders/project-path.js';
import { readRegistry, subgraphUrlEnvName } from '../schema/composition/registry.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';
import { args, databaseUrl, redisUrl, secret, coreKey, partnerKey, root } from './options.js';
import { startOtlpSink, type OtlpSink } from './otlp-sink.js';
import { startService, type Service } from './processes.js';

// The processes a benchmark mode measures: subgraphs and one gateway (ours, Hive Gateway, Hive
// Gateway with Hive Router's query planner, plain Apollo Gateway, or the bare-HTTP ceiling), each
// a separate process on real PostgreSQL and Redis.

export interface Mode {
  readonly name: string;
  readonly description: string;
  readonly subgraphEnv: Record<string, string>;
  readonly gateway: 'ours' | 'hive' | 'hive-router' | 'apollo' | 'bare';
  readonly gatewayEnv?: Record<string, string>;
  /** Where the gateway and subgraphs are built (`dist/`): this tree unless `--baseline`. */
  readonly root?: string;
  /** Gateway and subgraphs export their traces to the benchmark's OTLP sink. */
  readonly tracing?: boolean;
}

export const ALL_MODES: readonly Mode[] = [
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

/**
 * Modes run only when asked for by `--modes`: what tracing costs. `tracing-on` is entity-cache
 * with every trace sampled and exported (OTLP/HTTP to `bench/otlp-sink.ts`), resolver spans at
 * their default (root fields). Its counterpart for "off costs nothing" is `--baseline <ref>`.
 */
export const EXTRA_MODES: readonly Mode[] = [
  {
    name: 'hive-router',
    description:
      "the second peer: Hive Gateway planning with Hive Router's Rust query planner (@graphql-hive/router-runtime), same supergraph and subgraphs",
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'hive-router',
  },
  {
    name: 'apollo-gateway',
    description:
      "the yardstick: Apollo Server and Apollo Gateway as documented (same versions, supergraph and subgraphs), without any of our gateway's own work",
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'apollo',
  },
  {
    name: 'tracing-on',
    description:
      'entity-cache with OpenTelemetry on: every request traced from the gateway to SQL, spans exported over OTLP/HTTP to a local sink',
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'ours',
    tracing: true,
  },
];

/**
 * `--baseline <ref>` (mode `baseline`) and `--candidate <ref>` (mode `candidate`): entity-cache as
 * built from another commit (bench/baseline.ts), so one run weighs two commits against each other.
 */
export function commitMode(
  name: 'baseline' | 'candidate',
  ref: string,
  commit: string,
  dir: string,
): Mode {
  return {
    name,
    description: `entity-cache as built from ${ref} (${commit.slice(0, 12)}): gateway and subgraphs of that commit on the same database, Redis and workload`,
    subgraphEnv: { LOADERS: 'batched', ENTITY_CACHE: 'on' },
    gateway: 'ours',
    root: dir,
  };
}

/** `--modes loaders-on,entity-cache`: a subset, for the large scales (the N+1 baseline takes minutes there). */
export const MODES: readonly Mode[] = args.modes
  ? args.modes.split(',').map((name) => {
      const known = [...ALL_MODES, ...EXTRA_MODES];
      const mode = known.find((m) => m.name === name.trim());
      if (!mode) {
        throw new Error(
          `--modes: unknown mode "${name}"; known: ${known.map((m) => m.name).join(', ')}`,
        );
      }
      return mode;
    })
  : ALL_MODES;

/** The OTLP sink tracing modes export to, started on first use (`stopOtlpSink` ends it). */
let sink: Promise<OtlpSink> | undefined;
let sinkUrl: string | undefined;

function otlpEnv(mode: Mode): Record<string, string> {
  return mode.tracing && sinkUrl ? { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl } : {};
}

/** Ends the sink; what it received, if a tracing mode ran. */
export async function stopOtlpSink(): Promise<OtlpSink['received'] | undefined> {
  const running = await sink;
  await running?.close();
  sink = undefined;
  return running?.received;
}

export interface Topology {
  readonly gatewayUrl: string;
  readonly gateway: Service;
  readonly subgraphs: readonly Service[];
  stop(): Promise<void>;
}

let responsesDir: string | undefined;

/** Where the bare-HTTP mode's recorded responses are (set once they are recorded). */
export function useRecordedResponses(dir: string | undefined): void {
  responsesDir = dir;
}

/**
 * Starts a mode's gateway, and its subgraphs unless `shared` (subgraph processes already running,
 * which `stop` then leaves running) is given. Empties the benchmark's Redis database first.
 */
export async function startTopology(mode: Mode, shared?: readonly Service[]): Promise<Topology> {
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
  if (mode.tracing) {
    sink ??= startOtlpSink();
    sinkUrl = (await sink).url;
  }
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const subgraphs = shared ?? (await startSubgraphs(mode));
  const gateway =
    mode.gateway === 'ours'
      ? await startService(
          'gateway',
          // As deployed (package.json start:gateway, docker-compose): with a heap budget.
          ['--max-old-space-size=256', 'dist/gateway/main.js'],
          gatewayEnv(mode, subgraphs),
          /"url":"(http:[^"]+)","msg":"gateway listening"/,
          mode.root ?? root,
        )
      : await startService(
          mode.gateway === 'apollo' ? 'apollo' : 'hive',
          [
            mode.gateway === 'apollo'
              ? 'dist/bench/apollo-gateway.js'
              : 'dist/bench/hive-gateway.js',
            projectPath('schema', 'supergraph.graphql'),
            JSON.stringify(
              Object.fromEntries(
                registry.map((r) => [r.url, subgraphs.find((s) => s.name === r.name)?.url]),
              ),
            ),
            ...(mode.gateway === 'hive-router' ? ['router'] : []),
          ],
          { NODE_ENV: 'production' },
          /listening at (http:\S+)/,
          root,
        );
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
    stop: async () => {
      await gateway.stop();
      if (!shared) {
        await Promise.all(subgraphs.map((s) => s.stop()));
      }
    },
  };
}

/** Every core subgraph as its own process, in registry order. */
export async function startSubgraphs(mode: Mode): Promise<Service[]> {
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
          ...otlpEnv(mode),
        },
        /"url":"(http:[^"]+)","msg":"subgraph listening"/,
        mode.root ?? root,
      ),
    );
  }
  return subgraphs;
}

/** The bearer token of our gateway's `/metrics` in the benchmark. */
export const METRICS_TOKEN = 'bench-only-metrics-token-bench-only-metrics-token';

/** Our gateway's environment as the benchmark runs it: production, limits lifted, no guards. */
function gatewayEnv(mode: Mode, subgraphs: readonly Service[]): Record<string, string> {
  return {
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
    // `/metrics` on the GraphQL port, for the share of subgraph fetches shared in flight.
    METRICS_TOKEN: METRICS_TOKEN,
    ...Object.fromEntries(subgraphs.map((s) => [subgraphUrlEnvName(s.name), s.url])),
    ...mode.gatewayEnv,
    ...otlpEnv(mode),
  };
}
