import { z } from 'zod';
import { checkIdentityJwk, publicJwk, type IdentityJwk } from './identity.js';
import { redisUrlProblem } from './redis-cluster.js';

/**
 * A configuration problem found while parsing the environment. Every problem is listed, so one
 * restart fixes them all.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Secrets and keys used when none is configured, so that `npm start` and the tests need nothing.
 * They are published here, so NODE_ENV=production refuses every one of them.
 */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-not-for-production-use-000';
/** The HMAC secret of the old viewer header; still refused in production wherever it appears. */
export const DEV_IDENTITY_SECRET = 'dev-only-identity-secret-not-for-production-use';
/** The development key pair of the viewer header (Ed25519). */
export const DEV_IDENTITY_SIGNING_KEY: IdentityJwk = Object.freeze({
  kty: 'OKP',
  crv: 'Ed25519',
  kid: 'dev-only-not-for-production',
  x: 'e6EQKYZX6Q8ZNWvOpvkhfC-HUkexRapNEzMySyVwips',
  d: 'cFXlrfI6_d2p3G3GflA6jt-1mI9zHk59zA_dw-KKzYg',
});
/** Every published development value, refused in production. */
export const DEV_SECRETS: readonly string[] = [
  DEV_JWT_SECRET,
  DEV_IDENTITY_SECRET,
  DEV_IDENTITY_SIGNING_KEY.d as string,
];

/** Secrets and tokens must hold at least this many bytes in production. */
export const MIN_SECRET_BYTES = 32;

/**
 * An identity key from an environment variable: one JWK (`private`), or for verifiers a JWK
 * Set `{"keys": [...]}`, an array of JWKs or one JWK (`public`). Problems go to `ctx`.
 */
export function identityKeysFrom(
  text: string,
  kind: 'private' | 'public',
  ctx: z.RefinementCtx,
): IdentityJwk[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not JSON (a JWK; npm run keys prints one)' });
    return [];
  }
  const list =
    kind === 'public' && Array.isArray(value)
      ? value
      : kind === 'public' && typeof value === 'object' && value && 'keys' in value
        ? (value as { keys: unknown }).keys
        : [value];
  if (!Array.isArray(list) || list.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'holds no key' });
    return [];
  }
  const keys: IdentityJwk[] = [];
  for (const item of list) {
    const checked = checkIdentityJwk(item, kind);
    if ('problem' in checked) {
      ctx.addIssue({ code: 'custom', message: checked.problem });
    } else {
      keys.push(checked.key);
    }
  }
  const kids = keys.map((k) => k.kid);
  const twice = kids.find((kid, i) => kids.indexOf(kid) !== i);
  if (twice) {
    ctx.addIssue({ code: 'custom', message: `lists kid "${twice}" twice` });
  }
  return keys;
}

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });

/** `DATABASE_REPLICA_URLS`: PostgreSQL URLs separated by commas; problems go to `ctx`. */
function replicaUrlsFrom(text: string, ctx: z.RefinementCtx): string[] {
  const urls = text
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  urls.forEach((url, i) => {
    if (!postgresUrl.safeParse(url).success) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${i + 1} is not a postgres:// URL (comma-separated list of replica URLs)`,
      });
    }
  });
  return urls;
}

const isDevKey = (key: IdentityJwk) => key.x === DEV_IDENTITY_SIGNING_KEY.x;

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Settings shared by every process: subgraphs, the gateway and the scripts. */
export const runtimeConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    DATABASE_URL: postgresUrl.optional(),
    /** Read replicas of DATABASE_URL, comma-separated (docs/operations.md). */
    DATABASE_REPLICA_URLS: z
      .string()
      .transform((text, ctx) => replicaUrlsFrom(text, ctx))
      .optional(),
    /** With replicas, a write's cache purge runs again this long after (0: never). */
    DATABASE_REPLICA_REPURGE_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
    DATABASE_POOL_SIZE: positiveInt.default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt.default(30_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt.default(60_000),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),
    /** One server (`redis://`, `rediss://`) or a Redis Cluster (`redis+cluster://host:port,…`). */
    REDIS_URL: z
      .string()
      .superRefine((text, ctx) => {
        const problem = redisUrlProblem(text);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: problem });
        }
      })
      .optional(),
    REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(250),
    REDIS_BREAKER_FAILURES: positiveInt.default(3),
    REDIS_BREAKER_RESET_MS: positiveInt.default(5_000),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    /** Legacy (HMAC viewer header); refused in production, ignored otherwise. */
    IDENTITY_SECRET: z.string().optional(),
    IDENTITY_PUBLIC_KEYS: z
      .string()
      .transform((text, ctx) => identityKeysFrom(text, 'public', ctx))
      .optional(),
    IDENTITY_HEADER_TTL_SECONDS: positiveInt.max(300).default(30),
    IDENTITY_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    IDENTITY_REPLAY_CACHE_ENTRIES: positiveInt.default(50_000),
    ENTITY_CACHE_TTL_SECONDS: positiveInt.default(300),
    ENTITY_CACHE_MAX_ENTRIES: positiveInt.default(50_000),
    LOADERS: z.enum(['batched', 'unbatched']).default('batched'),
    ENTITY_CACHE: z.enum(['on', 'off']).default('on'),
    EXPOSE_STATS: z.enum(['true', 'false']).default('false'),
    /** Bearer token for a subgraph's `/metrics`; without it, `/metrics` is served only outside production. */
    METRICS_TOKEN: z.string().min(16).optional(),
    MAX_BODY_BYTES: positiveInt.default(1_048_576),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.optional(),
    SEED_SYNTHETIC: z.enum(['true', 'false']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_REPLICA_URLS?.length && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_REPLICA_URLS'],
        message: 'needs DATABASE_URL, the primary they replicate (writes and migrations go there)',
      });
    }
    if (env.NODE_ENV !== 'production') {
      return;
    }
    if (env.IDENTITY_SECRET !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_SECRET'],
        message:
          'is no longer used: the viewer header is signed with Ed25519 keys (IDENTITY_SIGNING_KEY on the gateway, IDENTITY_PUBLIC_KEYS on subgraphs; docs/security.md); remove it',
      });
    }
    if (env.IDENTITY_PUBLIC_KEYS?.some(isDevKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_PUBLIC_KEYS'],
        message: 'holds the published development key; generate your own with npm run keys',
      });
    }
  })
  .transform((env) => ({
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrls: Object.freeze(env.DATABASE_REPLICA_URLS ?? []) as readonly string[],
    databaseReplicaRepurgeMs: env.DATABASE_REPLICA_REPURGE_MS,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseTimeouts: {
      statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    },
    redisUrl: env.REDIS_URL,
    redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    redisBreaker: {
      failureThreshold: env.REDIS_BREAKER_FAILURES,
      resetMs: env.REDIS_BREAKER_RESET_MS,
    },
    pgliteDir: env.PGLITE_DIR,
    /** Public keys that verify the viewer header (the development key when none is set). */
    identityPublicKeys: Object.freeze(
      env.IDENTITY_PUBLIC_KEYS ?? [publicJwk(DEV_IDENTITY_SIGNING_KEY)],
    ) as readonly IdentityJwk[],
    identityHeaderTtlSeconds: env.IDENTITY_HEADER_TTL_SECONDS,
    identityClockSkewSeconds: env.IDENTITY_CLOCK_SKEW_SECONDS,
    identityReplayCacheEntries: env.IDENTITY_REPLAY_CACHE_ENTRIES,
    entityCacheTtlSeconds: env.ENTITY_CACHE_TTL_SECONDS,
    entityCacheMaxEntries: env.ENTITY_CACHE_MAX_ENTRIES,
    loaders: env.LOADERS,
    entityCache: env.ENTITY_CACHE,
    exposeStats: env.EXPOSE_STATS === 'true',
    metricsToken: env.METRICS_TOKEN,
    maxBodyBytes: env.MAX_BODY_BYTES,
    host: env.HOST,
    port: env.PORT,
    // The demo set (synthetic records, flagged) is seeded unless NODE_ENV=production;
    // SEED_SYNTHETIC says it explicitly either way.
    seedSynthetic:
      env.SEED_SYNTHETIC !== undefined
        ? env.SEED_SYNTHETIC === 'true'
        : env.NODE_ENV !== 'production',
  }));

export type RuntimeConfig = Readonly<z.output<typeof runtimeConfigSchema>>;

type Env = Readonly<Record<string, string | undefined>>;

/** Parses `env` with `schema`, listing every problem in one `ConfigError`. */
export function parseConfig<S extends z.ZodType>(schema: S, env: Env): Readonly<z.output<S>> {
  // An empty variable means "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
      ),
    );
  }
  return Object.freeze(result.data);
}

/** Shared runtime settings, from `process.env` at an entry point. */
export function readRuntimeConfig(env: Env): RuntimeConfig {
  return parseConfig(runtimeConfigSchema, env);
}

/**
 * A subgraph's settings: the shared ones and, in production, the public keys it verifies the
 * viewer header with (the development key serves only outside production).
 */
export function readSubgraphRuntimeConfig(env: Env): RuntimeConfig {
  const problems: string[] = [];
  let config: RuntimeConfig | undefined;
  try {
    config = readRuntimeConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems);
  }
  if (env['NODE_ENV'] === 'production' && !env['IDENTITY_PUBLIC_KEYS']) {
    problems.push(
      'IDENTITY_PUBLIC_KEYS: is required when NODE_ENV=production: the public key(s) of the gateway key that signs toward this subgraph (npm run keys)',
    );
  }
  if (problems.length > 0 || !config) {
    throw new ConfigError(problems);
  }
  return config;
}

/** For entry points: parse, or print every problem and exit non-zero. */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
