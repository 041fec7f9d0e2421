import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { openRuntime } from '../loaders/runtime.js';
import { prepareSubgraphDatabase } from '../schema/server/serve-subgraph.js';
import { lawsSubgraph, type LawsTables } from '../subgraphs/laws/index.js';
import { formatOf, importLaws, LawsImportFileError } from '../subgraphs/laws/laws.import.js';

// `npm run import:laws -- file.csv|file.jsonl [--dry-run]`: laws, provisions, cases and lessons
// learned into the laws subgraph's schema (DATABASE_URL, or the embedded database `npm start`
// uses). Format: docs/import-laws.md. Exit 0 when imported (or nothing to change), 65 when the
// file is invalid (every problem printed with its line; nothing written), 64 on bad usage.
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
const files = args.filter((a) => !a.startsWith('--'));
const file = files[0];
if (!file || files.length > 1 || unknown.length > 0) {
  process.stderr.write('Usage: npm run import:laws -- file.csv|file.jsonl [--dry-run]\n');
  process.exit(64);
}

/** A one-line bar on a terminal; nothing when stderr is not a TTY (CI logs stay clean). */
function progressBar(stream: NodeJS.WriteStream) {
  if (!stream.isTTY) {
    return () => undefined;
  }
  let last = -1;
  return (done: number, total: number) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    if (filled === last && done !== total) {
      return;
    }
    last = filled;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} records`);
    if (done === total) {
      stream.write('\n');
    }
  };
}

const config = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: config.logLevel, service: 'import-laws' });
let exitCode = 0;
let text: string;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
  process.exit(66);
}
const runtime = await openRuntime(config, logger, { pgliteDir: `${config.pgliteDir}/stack` });
try {
  await prepareSubgraphDatabase(lawsSubgraph, runtime.database.db, logger, {
    synthetic: config.seedSynthetic,
  });
  const db = runtime.database.db.withSchema(lawsSubgraph.dbSchema) as Kysely<LawsTables>;
  const report = await importLaws(db, text, {
    format: formatOf(file),
    dryRun,
    cache: runtime.cache,
    logger,
    progress: progressBar(process.stderr),
  });
  if (report.problems.length > 0) {
    for (const p of report.problems) {
      process.stderr.write(`${file}:${p.line}: ${p.field}: ${p.message}\n`);
    }
    process.stderr.write(
      `${report.problems.length} problem(s) in ${report.records} record(s); nothing written.\n`,
    );
    exitCode = 65;
  } else {
    for (const c of report.changes) {
      process.stdout.write(
        `${dryRun ? 'would ' : ''}${c.action} ${c.kind} ${c.id} (line ${c.line}): ${c.fields.join(', ')}\n`,
      );
    }
    const verb = dryRun ? 'Dry run, nothing written: would create' : 'Created';
    process.stdout.write(
      report.changes.length === 0
        ? `Nothing to change: all ${report.unchanged} record(s) are already as in ${file}.\n`
        : `${verb} ${report.created}, ${dryRun ? 'update' : 'updated'} ${report.updated}; ${report.unchanged} unchanged.\n`,
    );
  }
} catch (error) {
  if (error instanceof LawsImportFileError) {
    process.stderr.write(`${file}: ${error.message}\n`);
    exitCode = 65;
  } else {
    throw error;
  }
} finally {
  await runtime.close();
}
process.exit(exitCode);
