import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { openRuntime } from '../loaders/runtime.js';
import { prepareSubgraphDatabase } from '../schema/serve-subgraph.js';
import { fundingSubgraph } from '../subgraphs/funding/index.js';
import { importIati } from '../subgraphs/funding/iati-import.js';
import { IatiFileError } from '../subgraphs/funding/iati.parse.js';
import type { FundingTables } from '../subgraphs/funding/funding.table.js';

// `npm run import:iati -- [--synthetic] file.xml`: imports an IATI 2.03 activity file into the
// funding subgraph's schema (DATABASE_URL, or the embedded database `npm start` uses) and prints
// what it created, updated, left unchanged or rejected, and why.
const args = process.argv.slice(2);
const synthetic = args.includes('--synthetic');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('Usage: npm run import:iati -- [--synthetic] file.xml\n');
  process.exit(64);
}
const config = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: config.logLevel, service: 'import-iati' });
const xml = await readFile(file, 'utf8');
const runtime = await openRuntime(config, logger, { pgliteDir: `${config.pgliteDir}/stack` });
let exitCode = 0;
try {
  await prepareSubgraphDatabase(fundingSubgraph, runtime.database.db, logger, {
    synthetic: config.seedSynthetic,
  });
  const db = runtime.database.db.withSchema(fundingSubgraph.dbSchema) as Kysely<FundingTables>;
  const report = await importIati(db, xml, {
    synthetic,
    sourceName: basename(file),
    cache: runtime.cache,
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  exitCode = report.rejected.length > 0 ? 2 : 0;
} catch (error) {
  if (error instanceof IatiFileError) {
    process.stderr.write(`${file}: ${error.message}\n`);
    exitCode = 65;
  } else {
    throw error;
  }
} finally {
  await runtime.close();
}
process.exit(exitCode);
