import { z } from 'zod';
import { ROLES, type IdentityJwk, type Role } from '../loaders/identity.js';
import {
  ConfigError,
  DEV_IDENTITY_SIGNING_KEY,
  DEV_JWT_SECRET,
  DEV_SECRETS,
  identityKeysFrom,
  MIN_SECRET_BYTES,
  parseConfig,
  runtimeConfigSchema,
} from '../loaders/config.js';
import { trustedProxyProblem } from './client-address.js';
import { corsOriginProblem } from './http-security.js';

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

/** What a JWKS may sign bearer tokens with: asymmetric algorithms only. */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

const gatewayOnlySchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    JWT_SECRET: z
      .string()
      .refine((v) => Buffer.byteLength(v) >= MIN_SECRET_BYTES, {
        message: `must hold at least ${MIN_SECRET_BYTES} bytes (openssl rand -hex 32)`,
      })
      .optional(),
    /** The identity provider's key set (OIDC `jwks_uri`). */
    JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_ALGORITHMS: z
      .string()
      .refine(
        (list) =>
          list
            .split(',')
            .map((a) => a.trim())
            .every((a) => JWKS_ALGORITHMS.includes(a)),
        { message: `must list asymmetric JWS algorithms of: ${JWKS_ALGORITHMS.join(', ')}` },
      )
      .default('RS256,PS256,ES256,EdDSA'),
    JWT_CLOCK_SKEW_SECONDS: nonNegativeInt.max(300).default(30),
    JWT_JWKS_TIMEOUT_MS: positiveInt.default(5_000),
    JWT_JWKS_COOLDOWN_MS: nonNegativeInt.default(30_000),
    JWT_JWKS_CACHE_MAX_AGE_MS: positiveInt.default(600_000),
    IDENTITY_SIGNING_KEY: z
      .string()
      .transform((text, ctx) => identityKeysFrom(text, 'private', ctx)[0])
      .optional(),
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
    /** `off`, `log` (serve, and log what is not trusted) or `enforce` (refuse it). */
    TRUSTED_DOCUMENTS: z.enum(['off', 'log', 'enforce']).default('off'),
    /** `public,analyst`: the roles held to trusted documents; none given: every role. */
    TRUSTED_DOCUMENTS_ROLES: z
      .string()
      .refine(
        (value) => listOf(value).every((role) => (ROLES as readonly string[]).includes(role)),
        `must be a comma-separated list of roles among ${ROLES.join(', ')}`,
      )
      .optional(),
    /** `https://dash.example.org`: the origins held to trusted documents; none given: every request. */
    TRUSTED_DOCUMENTS_ORIGINS: z.string().optional(),
    SECURITY_HEADERS: z.enum(['on', 'off']).default('on'),
    /** `10.0.0.0/8,192.0.2.7,fd00::/8`: proxies whose X-Forwarded-For is believed. */
    TRUSTED_PROXIES: z.string().optional(),
    /** Bearer token for `/metrics` and `/ready`'s detail. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** Serve `/metrics` and `/ready`'s detail on this port only, not on the GraphQL port. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  })
  .superRefine((env, ctx) => {
    for (const entry of listOf(env.CORS_ORIGINS)) {
      const problem = corsOriginProblem(entry);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: problem });
      }
    }
    for (const entry of listOf(env.TRUSTED_PROXIES)) {
      const problem = trustedProxyProblem(entry);
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: problem });
      }
    }
    if (env.NODE_ENV !== 'production') {
      return;
    }
    const required = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (!env.JWT_SECRET && !env.JWT_JWKS_URL) {
      required(
        'JWT_JWKS_URL',
        "or JWT_SECRET is required when NODE_ENV=production: the identity provider's key set URL (or an HS256 secret of 32+ bytes)",
      );
    }
    if (env.JWT_JWKS_URL && !env.JWT_JWKS_URL.startsWith('https:')) {
      required('JWT_JWKS_URL', 'must be an https URL when NODE_ENV=production');
    }
    if (!env.JWT_ISSUER) {
      required('JWT_ISSUER', 'is required when NODE_ENV=production: the tokens\' "iss"');
    }
    if (!env.JWT_AUDIENCE) {
      required('JWT_AUDIENCE', 'is required when NODE_ENV=production: the tokens\' "aud"');
    }
    if (!env.IDENTITY_SIGNING_KEY) {
      required(
        'IDENTITY_SIGNING_KEY',
        'is required when NODE_ENV=production: the Ed25519 private JWK that signs the viewer header toward core subgraphs (npm run keys)',
      );
    }
  });

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

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

type Env = Readonly<Record<string, string | undefined>>;

/** `IDENTITY_SIGNING_KEY_HOTLINE_REPORTS` is the signing key toward `hotline-reports`. */
export function signingKeyEnvName(subgraph: string): string {
  return `IDENTITY_SIGNING_KEY_${subgraph.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The variables that hold the graph's secrets, checked in production for development values,
 * length and reuse (with `IDENTITY_SECRET` and `IDENTITY_SECRET_<NAME>`, which are refused).
 * Add a new secret here. Other variables are never read: the environment of a container holds
 * tokens of other software.
 */
export const SECRET_VARIABLES: readonly string[] = ['JWT_SECRET', 'METRICS_TOKEN'];
const isSecretVariable = (name: string) =>
  SECRET_VARIABLES.includes(name) || /^IDENTITY_SECRET(_[A-Z0-9_]+)?$/.test(name);

/**
 * Production rules across variables: no published development value, no secret shared by two
 * variables, every PARTNER subgraph with a signing key of its own, no key used twice.
 */
function productionProblems(
  env: Env,
  core: IdentityJwk | undefined,
  bySubgraph: Readonly<Record<string, IdentityJwk>>,
  tiers: Readonly<Record<string, SubgraphTier>>,
): string[] {
  const problems: string[] = [];
  const secrets: [string, string][] = Object.entries(env)
    .filter(([name, value]) => isSecretVariable(name) && value)
    .map(([name, value]) => [name, value as string]);
  const keys: [string, IdentityJwk][] = [
    ...(core ? [['IDENTITY_SIGNING_KEY', core] as [string, IdentityJwk]] : []),
    ...Object.entries(bySubgraph).map(
      ([name, key]) => [signingKeyEnvName(name), key] as [string, IdentityJwk],
    ),
  ];
  for (const [name, value] of secrets) {
    if (DEV_SECRETS.includes(value)) {
      problems.push(`${name}: is a published development secret; generate your own`);
    } else if (Buffer.byteLength(value) < MIN_SECRET_BYTES && name !== 'JWT_SECRET') {
      problems.push(`${name}: must hold at least ${MIN_SECRET_BYTES} bytes`);
    }
    if (name.startsWith('IDENTITY_SECRET')) {
      problems.push(
        `${name}: is no longer used: the viewer header is signed with Ed25519 keys (${name.replace('IDENTITY_SECRET', 'IDENTITY_SIGNING_KEY')}; docs/security.md); remove it`,
      );
    }
  }
  for (const [name, key] of keys) {
    if (key.x === DEV_IDENTITY_SIGNING_KEY.x) {
      problems.push(`${name}: is the published development key; generate your own (npm run keys)`);
    }
  }
  const material: [string, string][] = [
    ...secrets,
    ...keys.map(([name, key]) => [name, key.d ?? key.x] as [string, string]),
  ];
  for (let i = 0; i < material.length; i += 1) {
    for (let j = i + 1; j < material.length; j += 1) {
      if (material[i]![1] === material[j]![1]) {
        problems.push(
          `${material[j]![0]}: holds the same secret as ${material[i]![0]}; every secret and key must be its own`,
        );
      }
    }
  }
  const kids = keys.map(([name, key]) => [name, key.kid] as const);
  for (let i = 0; i < kids.length; i += 1) {
    for (let j = i + 1; j < kids.length; j += 1) {
      if (kids[i]![1] === kids[j]![1] && keys[i]![1].x !== keys[j]![1].x) {
        problems.push(
          `${kids[j]![0]}: uses kid "${kids[j]![1]}" of ${kids[i]![0]}; give every key its own kid`,
        );
      }
    }
  }
  for (const [name, tier] of Object.entries(tiers)) {
    if (tier === 'PARTNER' && !bySubgraph[name]) {
      problems.push(
        `${signingKeyEnvName(name)}: is required when NODE_ENV=production: PARTNER subgraph "${name}" gets a signing key of its own (npm run keys), never the core key`,
      );
    }
  }
  return problems;
}

/**
 * Gateway-only settings, with the shared ones checked too, every problem listed in one
 * `ConfigError`. `subgraphTiers` (from the registry) lets production insist that every PARTNER
 * subgraph has a signing key of its own.
 */
export function readGatewayConfig(
  env: Env,
  options: { subgraphTiers?: Readonly<Record<string, SubgraphTier>> } = {},
): GatewayConfig {
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
  const bySubgraph = <T>(entries: [string, T][], prefix: string): Record<string, T> =>
    Object.fromEntries(
      entries.map(([k, v]) => [k.slice(prefix.length).toLowerCase().replace(/_/g, '-'), v]),
    );
  // Parse everything before throwing, so one run lists every problem.
  const problems: string[] = [];
  let parsed: z.output<typeof gatewayOnlySchema> & Record<string, unknown> = {} as never;
  try {
    parsed = parseConfig(z.intersection(gatewayOnlySchema, overrideSchema), env) as typeof parsed;
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems);
  }
  try {
    parseConfig(runtimeConfigSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems.filter((p) => !problems.includes(p)));
  }
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
        options.subgraphTiers ?? {},
      ),
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
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
    jwtSecret: parsed.JWT_SECRET ?? (production ? undefined : DEV_JWT_SECRET),
    jwtIssuer: parsed.JWT_ISSUER,
    jwtAudience: parsed.JWT_AUDIENCE,
    ...(parsed.JWT_JWKS_URL
      ? {
          jwks: {
            url: parsed.JWT_JWKS_URL,
            algorithms: parsed.JWT_ALGORITHMS.split(',')
              .map((a) => a.trim())
              .filter((a) => a.length > 0),
            timeoutMs: parsed.JWT_JWKS_TIMEOUT_MS,
            cooldownMs: parsed.JWT_JWKS_COOLDOWN_MS,
            cacheMaxAgeMs: parsed.JWT_JWKS_CACHE_MAX_AGE_MS,
          },
        }
      : {}),
    jwtClockSkewSeconds: parsed.JWT_CLOCK_SKEW_SECONDS,
    identitySigningKey: parsed.IDENTITY_SIGNING_KEY ?? DEV_IDENTITY_SIGNING_KEY,
    identitySigningKeys: Object.freeze(signingKeys),
    subgraphTiers: Object.freeze({ ...options.subgraphTiers }),
    production,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphDedup: parsed.SUBGRAPH_DEDUP === 'on',
    subgraphUrls: bySubgraph(urlOverrides as [string, string][], 'SUBGRAPH_URL_'),
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
