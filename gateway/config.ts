import { z } from 'zod';
import {
  ConfigError,
  DEV_IDENTITY_SIGNING_KEY,
  DEV_JWT_SECRET,
  identityKeysFrom,
  parseConfig,
  runtimeConfigSchema,
} from '../loaders/config.js';
import type { IdentityJwk, Role } from '../loaders/identity.js';
import { gatewayOnlySchema, listOf, type Env } from './config-env.js';
import { productionProblems } from './production-secrets.js';

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

export type SubgraphTier = 'CORE' | 'PARTNER';

export interface GatewayConfig {
  readonly port: number;
  /** HS256 secret of bearer tokens (development, or production with a strong secret). */
  readonly jwtSecret: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  /** The identity provider's JWKS; tokens it signed are accepted (RS256, ES256, EdDSA ...). */
  readonly jwks?: {
    readonly url: string;
    readonly algorithms: readonly string[];
    readonly timeoutMs: number;
    readonly cooldownMs: number;
    readonly cacheMaxAgeMs: number;
  };
  /** Tolerated clock difference for `exp`, `nbf` and `iat` of bearer tokens. */
  readonly jwtClockSkewSeconds?: number;
  /** Signs the viewer header toward core subgraphs (and any without a key of its own). */
  readonly identitySigningKey?: IdentityJwk;
  /**
   * From `IDENTITY_SIGNING_KEY_<NAME>`: the key that signs the viewer header toward that subgraph.
   * Every PARTNER subgraph has its own, so the public key a partner holds verifies no header
   * meant for anyone else.
   */
  readonly identitySigningKeys?: Readonly<Record<string, IdentityJwk>>;
  /** The registry's tiers (from schema/subgraphs.json), for the key rules above. */
  readonly subgraphTiers?: Readonly<Record<string, SubgraphTier>>;
  /** NODE_ENV=production: a PARTNER without its own key gets no viewer, never the core key. */
  readonly production?: boolean;
  readonly supergraphPath: string;
  readonly subgraphTimeoutMs: number;
  /** Identical queries in flight to a subgraph for the same viewer share one fetch. */
  readonly subgraphDedup: boolean;
  /** From `SUBGRAPH_URL_<NAME>`: where each subgraph really runs, over the supergraph's URL. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
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
  /** The bytes of large response-cache entries kept in process for early hits, in MiB (0: none). */
  readonly responseCacheHotMiB?: number;
  readonly apqTtlSeconds?: number;
  readonly responseCache?: {
    readonly enabled: boolean;
    readonly maxAgeSeconds: number;
    readonly typeMaxAge: Readonly<Record<string, number>>;
  };
  /** Origins allowed by CORS; `*` for any; empty: same-origin only (no CORS headers). */
  readonly corsOrigins?: readonly string[];
  /**
   * Trusted documents (`gateway/trusted-documents.ts`): `mode` off, log or enforce; the requests
   * held to them are those of a listed role or from a listed origin (both lists empty: all).
   */
  readonly trustedDocuments?: {
    readonly mode: 'off' | 'log' | 'enforce';
    readonly roles: readonly string[];
    readonly origins: readonly string[];
  };
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

type Parsed = z.output<typeof gatewayOnlySchema> & Record<string, unknown>;
type Tiers = Readonly<Record<string, SubgraphTier>>;

/** `SUBGRAPH_URL_HOTLINE_REPORTS` → `hotline-reports`, for each entry. */
function bySubgraph<T>(entries: [string, T][], prefix: string): Record<string, T> {
  return Object.fromEntries(
    entries.map(([k, v]) => [k.slice(prefix.length).toLowerCase().replace(/_/g, '-'), v]),
  );
}

/** Parses with `schema`, adding its problems to `problems` rather than throwing them. */
function parseInto<T>(schema: z.ZodType<T>, env: Env, problems: string[]): T | undefined {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems.filter((p) => !problems.includes(p)));
    return undefined;
  }
}

/**
 * Every variable parsed (the shared ones checked too), every problem listed in one
 * `ConfigError`: the gateway's own, `SUBGRAPH_URL_<NAME>` and `IDENTITY_SIGNING_KEY_<NAME>`,
 * and the production rules across them.
 */
function parseEnv(env: Env, tiers: Tiers) {
  const urlOverrides = Object.entries(env).filter(([k, v]) => k.startsWith('SUBGRAPH_URL_') && v);
  const keyOverrides = Object.entries(env).filter(
    ([k, v]) => k.startsWith('IDENTITY_SIGNING_KEY_') && v,
  );
  const overrideSchema = z.object({
    ...Object.fromEntries(urlOverrides.map(([k]) => [k, z.url({ protocol: /^https?$/ })])),
    ...Object.fromEntries(
      keyOverrides.map(([k]) => [
        k,
        z.string().transform((text, ctx) => identityKeysFrom(text, 'private', ctx)[0]),
      ]),
    ),
  });
  // Parse everything before throwing, so one run lists every problem.
  const problems: string[] = [];
  const parsed = (parseInto(z.intersection(gatewayOnlySchema, overrideSchema), env, problems) ??
    {}) as Parsed;
  parseInto(runtimeConfigSchema, env, problems);
  const signingKeys = bySubgraph(
    keyOverrides.map(([k]) => [k, parsed[k] as IdentityJwk | undefined] as [string, IdentityJwk]),
    'IDENTITY_SIGNING_KEY_',
  );
  const production = (env['NODE_ENV'] ?? 'development') === 'production';
  if (production) {
    problems.push(
      ...productionProblems(
        env,
        parsed.IDENTITY_SIGNING_KEY,
        Object.fromEntries(Object.entries(signingKeys).filter(([, k]) => k !== undefined)),
        tiers,
      ),
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  const subgraphUrls = bySubgraph(urlOverrides as [string, string][], 'SUBGRAPH_URL_');
  return { parsed, signingKeys, production, subgraphUrls };
}

/** The limits of one tier, from `LIMIT_*` (public) or `LIMIT_*_ANALYST`. */
function tierLimits(parsed: Parsed, tier: LimitTier): QueryLimits {
  const numbers = parsed as unknown as Record<string, number>;
  const s = tier === 'public' ? '' : '_ANALYST';
  return {
    maxDepth: numbers[`LIMIT_MAX_DEPTH${s}`] as number,
    maxAliases: numbers[`LIMIT_MAX_ALIASES${s}`] as number,
    maxRootFields: numbers[`LIMIT_MAX_ROOT_FIELDS${s}`] as number,
    maxTokens: numbers[`LIMIT_MAX_TOKENS${s}`] as number,
    maxDocumentBytes: numbers[`LIMIT_MAX_DOCUMENT_BYTES${s}`] as number,
    maxCost: numbers[`LIMIT_MAX_COST${s}`] as number,
    budgetPerMinute: numbers[`LIMIT_BUDGET_PER_MINUTE${s}`] as number,
  };
}

/** Bearer tokens and the viewer header's signing keys. */
function identitySettings(
  { parsed, signingKeys, production }: ReturnType<typeof parseEnv>,
  tiers: Tiers,
) {
  return {
    jwtSecret: parsed.JWT_SECRET ?? (production ? undefined : DEV_JWT_SECRET),
    jwtIssuer: parsed.JWT_ISSUER,
    jwtAudience: parsed.JWT_AUDIENCE,
    ...(parsed.JWT_JWKS_URL
      ? {
          jwks: {
            url: parsed.JWT_JWKS_URL,
            algorithms: listOf(parsed.JWT_ALGORITHMS),
            timeoutMs: parsed.JWT_JWKS_TIMEOUT_MS,
            cooldownMs: parsed.JWT_JWKS_COOLDOWN_MS,
            cacheMaxAgeMs: parsed.JWT_JWKS_CACHE_MAX_AGE_MS,
          },
        }
      : {}),
    jwtClockSkewSeconds: parsed.JWT_CLOCK_SKEW_SECONDS,
    identitySigningKey: parsed.IDENTITY_SIGNING_KEY ?? DEV_IDENTITY_SIGNING_KEY,
    identitySigningKeys: Object.freeze(signingKeys),
    subgraphTiers: Object.freeze({ ...tiers }),
    production,
  };
}

/** Where the subgraphs run and how they are called. */
function subgraphSettings({ parsed, subgraphUrls }: ReturnType<typeof parseEnv>) {
  return {
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphDedup: parsed.SUBGRAPH_DEDUP === 'on',
    subgraphUrls,
    subgraphRetries: parsed.SUBGRAPH_RETRIES,
    subgraphRetryBaseMs: parsed.SUBGRAPH_RETRY_BASE_MS,
    subgraphMaxResponseBytes: parsed.SUBGRAPH_MAX_RESPONSE_BYTES,
    breaker: {
      failureThreshold: parsed.BREAKER_FAILURE_THRESHOLD,
      resetMs: parsed.BREAKER_RESET_MS,
    },
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
  };
}

/** Limits, budgets and the in-process and shared caches. */
function limitAndCacheSettings(parsed: Parsed) {
  return {
    limits: {
      defaultListSize: parsed.LIMIT_DEFAULT_LIST_SIZE,
      floorCost: parsed.LIMIT_FLOOR_COST,
      tiers: { public: tierLimits(parsed, 'public'), analyst: tierLimits(parsed, 'analyst') },
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
    responseCacheHotMiB: parsed.RESPONSE_CACHE_HOT_MIB,
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
  };
}

/** CORS, trusted documents, security headers, proxies and the operational endpoints. */
function httpSettings(parsed: Parsed) {
  return {
    corsOrigins: listOf(parsed.CORS_ORIGINS),
    trustedDocuments: {
      mode: parsed.TRUSTED_DOCUMENTS,
      roles: listOf(parsed.TRUSTED_DOCUMENTS_ROLES),
      origins: listOf(parsed.TRUSTED_DOCUMENTS_ORIGINS),
    },
    securityHeaders: parsed.SECURITY_HEADERS === 'on',
    trustedProxies: listOf(parsed.TRUSTED_PROXIES),
    metrics: {
      token: parsed.METRICS_TOKEN,
      port: parsed.METRICS_PORT,
      onMainPort:
        parsed.METRICS_PORT === undefined &&
        (parsed.METRICS_TOKEN !== undefined || parsed.NODE_ENV !== 'production'),
    },
  };
}

/**
 * Gateway-only settings, with the shared ones checked too, every problem listed in one
 * `ConfigError`. `subgraphTiers` (from the registry) lets production insist that every PARTNER
 * subgraph has a signing key of its own.
 */
export function readGatewayConfig(
  env: Env,
  options: { subgraphTiers?: Tiers } = {},
): GatewayConfig {
  const tiers = options.subgraphTiers ?? {};
  const read = parseEnv(env, tiers);
  return Object.freeze({
    port: read.parsed.GATEWAY_PORT,
    ...identitySettings(read, options.subgraphTiers ?? {}),
    ...subgraphSettings(read),
    ...limitAndCacheSettings(read.parsed),
    ...httpSettings(read.parsed),
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
