import { z } from 'zod';

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
 * Secrets used when none is configured, so that `npm start` needs nothing. They are refused when
 * NODE_ENV=production.
 */
export const DEV_IDENTITY_SECRET = 'dev-only-identity-secret-not-for-production-use';
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-not-for-production-use-000';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Settings shared by every process: subgraphs, the gateway and the scripts. */
export const runtimeConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_SIZE: positiveInt.default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt.default(30_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt.default(60_000),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    REDIS_COMMAND_TIMEOUT_MS: positiveInt.default(250),
    REDIS_BREAKER_FAILURES: positiveInt.default(3),
    REDIS_BREAKER_RESET_MS: positiveInt.default(5_000),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    IDENTITY_SECRET: z.string().min(32).optional(),
    IDENTITY_MAX_AGE_SECONDS: positiveInt.default(60),
    ENTITY_CACHE_TTL_SECONDS: positiveInt.default(300),
    ENTITY_CACHE_MAX_ENTRIES: positiveInt.default(50_000),
    LOADERS: z.enum(['batched', 'unbatched']).default('batched'),
    ENTITY_CACHE: z.enum(['on', 'off']).default('on'),
    EXPOSE_STATS: z.enum(['true', 'false']).default('false'),
    MAX_BODY_BYTES: positiveInt.default(1_048_576),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.optional(),
    SEED_SYNTHETIC: z.enum(['true', 'false']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.IDENTITY_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_SECRET'],
        message:
          'is required when NODE_ENV=production (at least 32 characters, shared by the gateway and every subgraph)',
      });
    }
  })
  .transform((env) => ({
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
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
    identitySecret: env.IDENTITY_SECRET ?? DEV_IDENTITY_SECRET,
    identityMaxAgeSeconds: env.IDENTITY_MAX_AGE_SECONDS,
    entityCacheTtlSeconds: env.ENTITY_CACHE_TTL_SECONDS,
    entityCacheMaxEntries: env.ENTITY_CACHE_MAX_ENTRIES,
    loaders: env.LOADERS,
    entityCache: env.ENTITY_CACHE,
    exposeStats: env.EXPOSE_STATS === 'true',
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
