import 'reflect-metadata';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { projectPath } from '../loaders/project-path.js';
import { createRedis } from '../loaders/redis.js';
import { RedisUsageStore, USAGE_RETENTION_DAYS } from '../loaders/usage-store.js';
import { buildFederatedSchema, printSubgraphSdl } from '../schema/build-subgraph-schema.js';
import { checkCandidate } from '../schema/composition/candidate.js';
import {
  composeCheckedSupergraph,
  GraphCheckError,
  type RegisteredSdl,
} from '../schema/composition/compose.js';
import { readRegistry, sdlPathOf } from '../schema/composition/registry.js';
import type { UsageWindow } from '../schema/composition/usage-check.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';
import { PARTNER_TIER_SUBGRAPHS } from '../subgraphs/partner-tier.js';

// `npm run schema:emit | schema:compose | schema:check [-- <name> [--sdl file | --url url]
//   [--usage-days n]]`
const SUPERGRAPH = projectPath('schema', 'supergraph.graphql');
const REGISTRY = projectPath('schema', 'subgraphs.json');

async function emitted(): Promise<Map<string, string>> {
  const registry = await readRegistry(REGISTRY);
  const files = new Map<string, string>();
  for (const subgraph of [...CORE_SUBGRAPHS, ...PARTNER_TIER_SUBGRAPHS]) {
    const entry = registry.find((r) => r.name === subgraph.name);
    if (!entry) {
      throw new Error(`Subgraph "${subgraph.name}" is not in schema/subgraphs.json; add it there.`);
    }
    files.set(sdlPathOf(entry), printSubgraphSdl(await buildFederatedSchema(subgraph)));
  }
  return files;
}

async function registered(sdlOverrides: Map<string, string>): Promise<RegisteredSdl[]> {
  const registry = await readRegistry(REGISTRY);
  return Promise.all(
    registry.map(async (entry) => ({
      name: entry.name,
      url: entry.url,
      tier: entry.tier,
      allowMutations: entry.allowMutations,
      sdl: sdlOverrides.get(sdlPathOf(entry)) ?? (await readFile(sdlPathOf(entry), 'utf8')),
    })),
  );
}

/** The supergraph of the registry, refused when a PARTNER entry breaks the policy. */
async function composed(sdlOverrides: Map<string, string>): Promise<string> {
  return composeCheckedSupergraph(await registered(sdlOverrides));
}

/** Writes through a temporary file and a rename, so a watching gateway never reads half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

async function readOrEmpty(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

/** Asks a running subgraph for its SDL, as the Federation 2 subgraph spec serves it. */
async function fetchSdl(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: unknown) => {
    throw new Error(`${url} is unreachable: ${String((error as Error).cause ?? error)}`);
  });
  const body = (await response.json().catch(() => undefined)) as
    { data?: { _service?: { sdl?: string } } } | undefined;
  const sdl = body?.data?._service?.sdl;
  if (!response.ok || typeof sdl !== 'string') {
    throw new Error(
      `${url} answered HTTP ${response.status} without { _service { sdl } }: is it a Federation 2 subgraph?`,
    );
  }
  return sdl;
}

async function checkDrift(): Promise<void> {
  const files = await emitted();
  files.set(SUPERGRAPH, await composed(files));
  const drifted: string[] = [];
  for (const [path, expected] of files) {
    if ((await readOrEmpty(path)) !== expected) {
      drifted.push(path);
    }
  }
  if (drifted.length > 0) {
    process.stderr.write(
      `Generated schema files differ from the code:\n  ${drifted.join('\n  ')}\nRun: npm run schema:emit && npm run schema:compose\n`,
    );
    process.exit(1);
  }
  process.stdout.write('schema files match the code\n');
}

/**
 * The field usage the gateway recorded in Redis (REDIS_URL) over the last `days` days, for
 * `--usage-days`: breaking changes nobody used in the window pass, as safe.
 */
function usageWindowOf(days: string): UsageWindow & { close(): void } {
  const n = Number(days);
  const { redisUrl } = configOrExit(() => readRuntimeConfig(process.env));
  if (!Number.isInteger(n) || n < 1 || n > USAGE_RETENTION_DAYS || !redisUrl) {
    throw new Error(
      `--usage-days takes 1 to ${USAGE_RETENTION_DAYS} (the retention) and needs REDIS_URL: the gateway's Redis, where field usage is kept`,
    );
  }
  const logger = createLogger({ level: 'warn', service: 'schema-check' });
  const redis = createRedis(redisUrl, { commandTimeoutMs: 5_000, logger });
  return { store: new RedisUsageStore(redis), days: n, close: () => redis.disconnect() };
}

async function checkNamedCandidate(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sdl: { type: 'string' },
      url: { type: 'string' },
      'usage-days': { type: 'string' },
    },
  });
  const name = positionals[0] ?? '';
  const graph = await registered(new Map());
  const entry = graph.find((g) => g.name === name);
  let sdl: string;
  let usage: ReturnType<typeof usageWindowOf> | undefined;
  try {
    usage = values['usage-days'] ? usageWindowOf(values['usage-days']) : undefined;
    if (values.sdl) {
      sdl = await readFile(values.sdl, 'utf8');
    } else if (values.url) {
      sdl = await fetchSdl(values.url);
    } else if (entry) {
      sdl = entry.sdl;
    } else {
      throw new Error(
        `"${name}" is not in schema/subgraphs.json: give --sdl <file> or --url <url>`,
      );
    }
  } catch (error) {
    process.stderr.write(`schema:check ${name}: FAILED\n  - ${(error as Error).message}\n`);
    process.exit(1);
  }
  const candidate: RegisteredSdl = {
    name,
    url: values.url ?? entry?.url ?? 'http://candidate.invalid/graphql',
    tier: entry?.tier ?? 'PARTNER',
    allowMutations: entry?.allowMutations ?? false,
    sdl,
  };
  const report = await checkCandidate(
    candidate,
    graph,
    await readFile(SUPERGRAPH, 'utf8').catch(() => undefined),
    usage,
  );
  usage?.close();
  for (const line of report.safe ?? []) {
    process.stdout.write(`schema:check ${name}: safe, ${line}\n`);
  }
  if (report.problems.length > 0) {
    process.stderr.write(
      `schema:check ${name} (${candidate.tier}): FAILED, ${report.problems.length} problem(s)\n  - ${report.problems.join('\n  - ')}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(
    `schema:check ${name} (${candidate.tier}): composes with the graph, keeps the partner policy, breaks nothing${usage ? ` used in the last ${usage.days} days` : ''}\n`,
  );
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'emit') {
    for (const [path, sdl] of await emitted()) {
      await writeAtomically(path, sdl);
      process.stdout.write(`wrote ${path}\n`);
    }
  } else if (command === 'compose') {
    await writeAtomically(SUPERGRAPH, await composed(new Map()));
    process.stdout.write(`wrote ${SUPERGRAPH}\n`);
  } else if (command === 'check' && rest.length === 0) {
    await checkDrift();
  } else if (command === 'check') {
    await checkNamedCandidate(rest);
  } else {
    process.stderr.write(
      'Usage: scripts/schema.ts emit | compose | check [<name> [--sdl file | --url url] [--usage-days n]]\n',
    );
    process.exit(64);
  }
} catch (error) {
  if (error instanceof GraphCheckError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
