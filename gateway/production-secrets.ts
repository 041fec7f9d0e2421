import { DEV_IDENTITY_SIGNING_KEY, DEV_SECRETS, MIN_SECRET_BYTES } from '../loaders/config.js';
import type { IdentityJwk } from '../loaders/identity.js';
import { signingKeyEnvName, type Env } from './config-env.js';
import type { SubgraphTier } from './config.js';

/**
 * The variables that hold the graph's secrets, checked in production for development values,
 * length and reuse (with `IDENTITY_SECRET` and `IDENTITY_SECRET_<NAME>`, which are refused).
 * Add a new secret here. Other variables are never read: the environment of a container holds
 * tokens of other software.
 */
const SECRET_VARIABLES: readonly string[] = ['JWT_SECRET', 'METRICS_TOKEN'];
const isSecretVariable = (name: string) =>
  SECRET_VARIABLES.includes(name) || /^IDENTITY_SECRET(_[A-Z0-9_]+)?$/.test(name);

/**
 * Production rules across variables: no published development value, no secret shared by two
 * variables, every PARTNER subgraph with a signing key of its own, no key used twice.
 */
export function productionProblems(
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
