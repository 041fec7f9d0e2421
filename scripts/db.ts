import 'reflect-metadata';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { allowSubgraphLogin, databasePasswordEnvName } from '../loaders/db-roles.js';
import { createLogger } from '../loaders/logger.js';
import { migrateSchema } from '../loaders/migrate.js';
import { openRuntime } from '../loaders/runtime.js';
import { prepareSubgraphDatabase } from '../schema/server/serve-subgraph.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';
import { PARTNER_TIER_SUBGRAPHS } from '../subgraphs/partner-tier.js';

// `npm run db:migrate` | `npm run db:seed` (seed also migrates): against DATABASE_URL, or the
// embedded database that `npm start` uses, for every subgraph of the repository. Run as a user that
// may create roles: each subgraph's role is made here. With `DATABASE_PASSWORD_<NAME>` set, that
// subgraph's role may log in with it (deployments: each service connects as its own role).
const command = process.argv[2];
const config = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: config.logLevel, service: 'db' });
const runtime = await openRuntime(config, logger, { pgliteDir: `${config.pgliteDir}/stack` });
try {
  for (const subgraph of [...CORE_SUBGRAPHS, ...PARTNER_TIER_SUBGRAPHS]) {
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
    const password = process.env[databasePasswordEnvName(subgraph.name)];
    if (password) {
      const role = await allowSubgraphLogin(runtime.database.db, subgraph.dbSchema, password);
      logger.info({ subgraph: subgraph.name, role }, 'role may log in');
    }
  }
} finally {
  await runtime.close();
}
