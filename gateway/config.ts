import { z } from 'zod';
import type { Role } from '../loaders/identity.js';
import { trustedProxyProblem } from './client-address.js';
import { DEV_JWT_SECRET, parseConfig, runtimeConfigSchema } from '../loaders/config.js';

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

/** Per-request limits of one tier of viewers; see docs/operations.md. */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxTokens: number;
  readonly maxDocumentBytes: number;
  readonly maxCost: number;
  /** Cost units a viewer may spend per minute, across requests. */
  readonly budgetPerMinute: number;
}

/** `public` covers anonymous viewers and the narrow roles; `analyst` covers analyst, editor, admin. */
export type LimitTier = 'public' | 'analyst';

export function limitTierOf(role: Role): LimitTier {
  return role === 'analyst' || role === 'editor' || role === 'admin' ? 'analyst' : 'public';
}

const tierDefaults = {
  public: {
    MAX_DEPTH: 12,
    MAX_ALIASES: 20,
    MAX_ROOT_FIELDS: 10,
    MAX_TOKENS: 2_000,
    MAX_DOCUMENT_BYTES: 20_000,
    MAX_COST: 5_000,
    BUDGET_PER_MINUTE: 100_000,
  },
  analyst: {
    MAX_DEPTH: 25,
    MAX_ALIASES: 100,
    MAX_ROOT_FIELDS: 30,
    MAX_TOKENS: 10_000,
    MAX_DOCUMENT_BYTES: 100_000,
    MAX_COST: 50_000,
    BUDGET_PER_MINUTE: 1_000_000,
  },
} as const;

function tierShape(tier: LimitTier) {
  const suffix = tier === 'public' ? '' : '_ANALYST';
  const d = tierDefaults[tier];
  return {
    [`LIMIT_MAX_DEPTH${suffix}`]: positiveInt.default(d.MAX_DEPTH),
    [`LIMIT_MAX_ALIASES${suffix}`]: nonNegativeInt.default(d.MAX_ALIASES),
    [`LIMIT_MAX_ROOT_FIELDS${suffix}`]: positiveInt.default(d.MAX_ROOT_FIELDS),
    [`LIMIT_MAX_TOKENS${suffix}`]: positiveInt.default(d.MAX_TOKENS),
    [`LIMIT_MAX_DOCUMENT_BYTES${suffix}`]: positiveInt.default(d.MAX_DOCUMENT_BYTES),
    [`LIMIT_MAX_COST${suffix}`]: positiveInt.default(d.MAX_COST),
    [`LIMIT_BUDGET_PER_MINUTE${suffix}`]: positiveInt.default(d.BUDGET_PER_MINUTE),
  };
}

const gatewayOnlySchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    JWT_SECRET: z.string().min(32).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
    SUBGRAPH_TIMEOUT_MS: positiveInt.default(10_000),
    SUBGRAPH_RETRIES: nonNegativeInt.max(3).default(1),
    SUBGRAPH_RETRY_BASE_MS: positiveInt.default(50),
    SUBGRAPH_MAX_RESPONSE_BYTES: positiveInt.default(16 * 1024 * 1024),
    SUBGRAPH_DEDUP: z.enum(['on', 'off']).default('on'),
    BREAKER_FAILURE_THRESHOLD: positiveInt.default(5),
    BREAKER_RESET_MS: positiveInt.default(10_000),
    SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
    LIMIT_DEFAULT_LIST_SIZE: positiveInt.default(10),
    HEAVY_OPERATION_COST: positiveInt.default(20_000),
    HEAVY_OPERATIONS_AT_ONCE: positiveInt.default(4),
    HEAVY_OPERATION_WAIT_MS: positiveInt.default(10_000),
    ...tierShape('public'),
    ...tierShape('analyst'),
    QUERY_PLAN_CACHE_MIB: positiveInt.default(30),
    QUERY_PLAN_CACHE_ENTRIES: positiveInt.default(2000),
    DOCUMENT_CACHE_ENTRIES: positiveInt.default(2000),
    DOCUMENT_CACHE_MIB: positiveInt.default(64),
    LIMIT_FLOOR_COST: positiveInt.default(10),
    APQ_TTL_SECONDS: positiveInt.default(86_400),
    RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
    RESPONSE_CACHE_MAX_AGE_SECONDS: positiveInt.default(60),
    /** `Country=600,M49Region=3600`: a shorter or longer max-age for responses holding a type. */
    RESPONSE_CACHE_TYPE_MAX_AGE: z
      .string()
      .regex(
        /^\s*(\w+\s*=\s*\d+\s*)(,\s*\w+\s*=\s*\d+\s*)*$/,
        'must look like "Country=600,M49Region=3600"',
      )
      .optional(),
    CORS_ORIGINS: z.string().optional(),
    SECURITY_HEADERS: z.enum(['on', 'off']).default('on'),
    /** `10.0.0.0/8,192.0.2.7,fd00::/8`: proxies whose X-Forwarded-For is believed. */
    TRUSTED_PROXIES: z.string().optional(),
    /** Bearer token for `/metrics` and `/ready`'s detail. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** Serve `/metrics` and `/ready`'s detail on this port only, not on the GraphQL port. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  })
  .superRefine((env, ctx) => {
    for (const entry of listOf(env.TRUSTED_PROXIES)) {
      const problem = trustedProxyProblem(entry);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: problem });
      }
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required when NODE_ENV=production (HS256, at least 32 characters)',
      });
    }
  });

export interface GatewayConfig {
  readonly port: number;
  readonly jwtSecret: string;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  readonly supergraphPath: string;
  readonly subgraphTimeoutMs: number;
  /** Identical queries in flight to a subgraph for the same viewer share one fetch. */
  readonly subgraphDedup: boolean;
  /** From `SUBGRAPH_URL_<NAME>`: where each subgraph really runs, over the supergraph's URL. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /**
   * From `IDENTITY_SECRET_<NAME>`: the secret that signs the viewer header toward that subgraph,
   * over `IDENTITY_SECRET`. Give each partner subgraph its own, so the secret a partner holds to
   * verify viewers cannot sign a viewer that a core subgraph would accept.
   */
  readonly identitySecrets?: Readonly<Record<string, string>>;
  /** Retries of a failed query fetch (never of a mutation, never after a timeout). */
  readonly subgraphRetries?: number;
  /** First retry's maximum delay; each later one doubles it (full jitter, at most 1 s). */
  readonly subgraphRetryBaseMs?: number;
  /** A subgraph response larger than this is cut off: SUBGRAPH_UNAVAILABLE, partial data. */
  readonly subgraphMaxResponseBytes?: number;
  readonly breaker?: { readonly failureThreshold: number; readonly resetMs: number };
  readonly shutdownGraceMs?: number;
  readonly limits?: {
    readonly defaultListSize: number;
    /** Cost units every GraphQL request is charged, refused ones included. */
    readonly floorCost?: number;
    readonly tiers: Readonly<Record<LimitTier, QueryLimits>>;
    /** Operations of at least this cost run `atOnce` at a time; others wait up to `waitMs`. */
    readonly heavy?: { readonly cost: number; readonly atOnce: number; readonly waitMs: number };
  };
  readonly queryPlanCacheMiB?: number;
  /** At most this many query plans are kept (LRU). */
  readonly queryPlanCacheEntries?: number;
  /** At most this many parsed and validated documents are kept (LRU). */
  readonly documentCacheEntries?: number;
  /** Estimated heap the parsed-document cache may hold, in MiB. */
  readonly documentCacheMiB?: number;
  readonly apqTtlSeconds?: number;
  readonly responseCache?: {
    readonly enabled: boolean;
    readonly maxAgeSeconds: number;
    readonly typeMaxAge: Readonly<Record<string, number>>;
  };
  /** Origins allowed by CORS; `*` for any; empty for none (no CORS headers). */
  readonly corsOrigins?: readonly string[];
  readonly securityHeaders?: boolean;
  /** Addresses and CIDR ranges of the proxies in front; see `clientAddressOf`. Empty: none. */
  readonly trustedProxies?: readonly string[];
  /**
   * Where the operational endpoints are served. `port`: on their own listener (`opsListener`),
   * and not on the GraphQL port; `token`: only to requests bearing it; `onMainPort`: whether the
   * GraphQL port serves them (no port set, and a token set or NODE_ENV not production).
   */
  readonly metrics?: {
    readonly token: string | undefined;
    readonly port: number | undefined;
    readonly onMainPort: boolean;
  };
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

type Env = Readonly<Record<string, string | undefined>>;

/** Gateway-only settings; the shared ones come from `readRuntimeConfig`. */
export function readGatewayConfig(env: Env): GatewayConfig {
  const urlOverrides = Object.entries(env).filter(([k, v]) => k.startsWith('SUBGRAPH_URL_') && v);
  const secretOverrides = Object.entries(env).filter(
    ([k, v]) => k.startsWith('IDENTITY_SECRET_') && v,
  );
  const overrideSchema = z.object({
    ...Object.fromEntries(urlOverrides.map(([k]) => [k, z.url({ protocol: /^https?$/ })])),
    ...Object.fromEntries(secretOverrides.map(([k]) => [k, z.string().min(32)])),
  });
  const bySubgraph = (entries: [string, string | undefined][], prefix: string) =>
    Object.fromEntries(
      entries.map(([k, v]) => [
        k.slice(prefix.length).toLowerCase().replace(/_/g, '-'),
        v as string,
      ]),
    );
  // Parse both at once so one run lists every problem.
  const parsed = parseConfig(z.intersection(gatewayOnlySchema, overrideSchema), env);
  parseConfig(runtimeConfigSchema, env);
  const numbers = parsed as unknown as Record<string, number>;
  const tier = (t: LimitTier): QueryLimits => {
    const s = t === 'public' ? '' : '_ANALYST';
    return {
      maxDepth: numbers[`LIMIT_MAX_DEPTH${s}`] as number,
      maxAliases: numbers[`LIMIT_MAX_ALIASES${s}`] as number,
      maxRootFields: numbers[`LIMIT_MAX_ROOT_FIELDS${s}`] as number,
      maxTokens: numbers[`LIMIT_MAX_TOKENS${s}`] as number,
      maxDocumentBytes: numbers[`LIMIT_MAX_DOCUMENT_BYTES${s}`] as number,
      maxCost: numbers[`LIMIT_MAX_COST${s}`] as number,
      budgetPerMinute: numbers[`LIMIT_BUDGET_PER_MINUTE${s}`] as number,
    };
  };
  return Object.freeze({
    port: parsed.GATEWAY_PORT,
    jwtSecret: parsed.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtIssuer: parsed.JWT_ISSUER,
    jwtAudience: parsed.JWT_AUDIENCE,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphDedup: parsed.SUBGRAPH_DEDUP === 'on',
    subgraphUrls: bySubgraph(urlOverrides, 'SUBGRAPH_URL_'),
    identitySecrets: bySubgraph(secretOverrides, 'IDENTITY_SECRET_'),
    subgraphRetries: parsed.SUBGRAPH_RETRIES,
    subgraphRetryBaseMs: parsed.SUBGRAPH_RETRY_BASE_MS,
    subgraphMaxResponseBytes: parsed.SUBGRAPH_MAX_RESPONSE_BYTES,
    breaker: {
      failureThreshold: parsed.BREAKER_FAILURE_THRESHOLD,
      resetMs: parsed.BREAKER_RESET_MS,
    },
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
    limits: {
      defaultListSize: parsed.LIMIT_DEFAULT_LIST_SIZE,
      floorCost: parsed.LIMIT_FLOOR_COST,
      tiers: { public: tier('public'), analyst: tier('analyst') },
      heavy: {
        cost: parsed.HEAVY_OPERATION_COST,
        atOnce: parsed.HEAVY_OPERATIONS_AT_ONCE,
        waitMs: parsed.HEAVY_OPERATION_WAIT_MS,
      },
    },
    queryPlanCacheMiB: parsed.QUERY_PLAN_CACHE_MIB,
    queryPlanCacheEntries: parsed.QUERY_PLAN_CACHE_ENTRIES,
    documentCacheEntries: parsed.DOCUMENT_CACHE_ENTRIES,
    documentCacheMiB: parsed.DOCUMENT_CACHE_MIB,
    apqTtlSeconds: parsed.APQ_TTL_SECONDS,
    responseCache: {
      enabled: parsed.RESPONSE_CACHE === 'on',
      maxAgeSeconds: parsed.RESPONSE_CACHE_MAX_AGE_SECONDS,
      typeMaxAge: Object.fromEntries(
        (parsed.RESPONSE_CACHE_TYPE_MAX_AGE ?? '')
          .split(',')
          .map((pair) => pair.split('=').map((s) => s.trim()))
          .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '')
          .map(([type, age]) => [type, Number(age)]),
      ),
    },
    corsOrigins: listOf(parsed.CORS_ORIGINS),
    securityHeaders: parsed.SECURITY_HEADERS === 'on',
    trustedProxies: listOf(parsed.TRUSTED_PROXIES),
    metrics: {
      token: parsed.METRICS_TOKEN,
      port: parsed.METRICS_PORT,
      onMainPort:
        parsed.METRICS_PORT === undefined &&
        (parsed.METRICS_TOKEN !== undefined || parsed.NODE_ENV !== 'production'),
    },
  });
}

/** The settings with every optional part filled with its default (for configs built by hand). */
export function withDefaults(config: GatewayConfig): Required<GatewayConfig> {
  const defaults = readGatewayConfig({});
  return { ...(defaults as Required<GatewayConfig>), ...stripUndefined(config) };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
