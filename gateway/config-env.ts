import { z } from 'zod';
import { identityKeysFrom, MIN_SECRET_BYTES } from '../loaders/config.js';
import { ROLES } from '../loaders/identity.js';
import { trustedProxyProblem } from './client-address.js';
import type { LimitTier } from './config.js';
import { corsOriginProblem } from './http-security.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** `IDENTITY_SIGNING_KEY_HOTLINE_REPORTS` is the signing key toward `hotline-reports`. */
export function signingKeyEnvName(subgraph: string): string {
  return `IDENTITY_SIGNING_KEY_${subgraph.toUpperCase().replace(/-/g, '_')}`;
}

/** The entries of a comma-separated list, trimmed, empty ones left out. */
export function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);

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

/** The gateway's own variables, with their defaults and the production rules across them. */
export const gatewayOnlySchema = z
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
    /** Large entries' bytes kept in process for early hits (gateway/cache-hits.ts); 0: none. */
    RESPONSE_CACHE_HOT_MIB: z.coerce.number().int().min(0).max(1024).default(16),
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
