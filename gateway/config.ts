import { z } from 'zod';
import { DEV_JWT_SECRET, parseConfig, runtimeConfigSchema } from '../loaders/config.js';

const gatewayOnlySchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    JWT_SECRET: z.string().min(32).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .superRefine((env, ctx) => {
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
  /** From `SUBGRAPH_URL_<NAME>`: where each subgraph really runs, over the supergraph's URL. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Gateway-only settings; the shared ones come from `readRuntimeConfig`. */
export function readGatewayConfig(env: Env): GatewayConfig {
  const urlOverrides = Object.entries(env).filter(([k, v]) => k.startsWith('SUBGRAPH_URL_') && v);
  const overrideSchema = z.object(
    Object.fromEntries(urlOverrides.map(([k]) => [k, z.url({ protocol: /^https?$/ })])),
  );
  // Parse both at once so one run lists every problem.
  const parsed = parseConfig(z.intersection(gatewayOnlySchema, overrideSchema), env);
  parseConfig(runtimeConfigSchema, env);
  return Object.freeze({
    port: parsed.GATEWAY_PORT,
    jwtSecret: parsed.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtIssuer: parsed.JWT_ISSUER,
    jwtAudience: parsed.JWT_AUDIENCE,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphTimeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
    subgraphUrls: Object.fromEntries(
      urlOverrides.map(([k, v]) => [
        k.slice('SUBGRAPH_URL_'.length).toLowerCase().replace(/_/g, '-'),
        v as string,
      ]),
    ),
  });
}
