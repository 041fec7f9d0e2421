import 'reflect-metadata';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { migrateSchema } from '../loaders/migrate.js';
import { openRuntime } from '../loaders/runtime.js';
import { prepareSubgraphDatabase } from '../schema/serve-subgraph.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';

// `npm run db:migrate` | `npm run db:seed` (seed also migrates): against DATABASE_URL, or the
// embedded database that `npm start` uses.
const command = process.argv[2];
const config = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: config.logLevel, service: 'db' });
const runtime = await openRuntime(config, logger, { pgliteDir: `${config.pgliteDir}/stack` });
try {
  for (const subgraph of CORE_SUBGRAPHS) {
    if (command === 'seed') {
      await prepareSubgraphDatabase(subgraph, runtime.database.db, logger, {
        synthetic: config.seedSynthetic,
      });
    } else {
      const applied = await migrateSchema(
        runtime.database.db,
        subgraph.dbSchema,
        subgraph.migrations,
      );
      logger.info({ subgraph: subgraph.name, applied }, 'migrated');
    }
  }
} finally {
  await runtime.close();
}
