import { configOrExit, readSubgraphRuntimeConfig } from '../../loaders/config.js';
import { createLogger } from '../../loaders/logger.js';
import { warnOnUnsupportedNode } from '../../loaders/node-release.js';
import { projectPath } from '../../loaders/project-path.js';
import { openRuntime } from '../../loaders/runtime.js';
import { closeOnSignals } from '../../loaders/signals.js';
import { readTracingConfig, startTracing } from '../../loaders/tracing.js';
import { readRegistry } from '../composition/registry.js';
import type { AnySubgraph } from '../subgraph.js';
import { prepareSubgraphDatabase, startSubgraph } from './serve-subgraph.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * One subgraph alone in its process: the deployment shape. Listens on `PORT`, else on the
 * registry's port. Without DATABASE_URL it keeps its own embedded database in
 * `<PGLITE_DIR>/<name>`, since embedded PostgreSQL cannot be shared between processes.
 */
export async function runSubgraphMain(subgraph: AnySubgraph, env: Env): Promise<void> {
  const config = configOrExit(() => readSubgraphRuntimeConfig(env));
  const logger = createLogger({ level: config.logLevel, service: subgraph.name });
  warnOnUnsupportedNode(logger);
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const entry = registry.find((r) => r.name === subgraph.name);
  const port = config.port ?? (entry ? Number(new URL(entry.url).port) : 0);
  const tracing = await startTracing(
    configOrExit(() => readTracingConfig(env)),
    subgraph.name,
  );
  const runtime = await openRuntime(config, logger, {
    pgliteDir: `${config.pgliteDir}/${subgraph.name}`,
  });
  await prepareSubgraphDatabase(subgraph, runtime.database.db, logger, {
    synthetic: config.seedSynthetic,
  });
  const running = await startSubgraph(subgraph, {
    database: runtime.database,
    cache: runtime.cache,
    stats: runtime.stats,
    ownProcess: true,
    config,
    logger,
    host: config.host,
    port,
  });
  closeOnSignals(async () => {
    await running.close();
    await runtime.close();
    await tracing?.shutdown();
  }, logger);
}
