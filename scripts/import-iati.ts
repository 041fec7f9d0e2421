import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { configOrExit, readRuntimeConfig } from '../loaders/config.js';
import { createLogger } from '../loaders/logger.js';
import { openRuntime } from '../loaders/runtime.js';
import { prepareSubgraphDatabase } from '../schema/server/serve-subgraph.js';
import type { FundingTables } from '../subgraphs/funding/funding.table.js';
import { importIati, type ImportReport } from '../subgraphs/funding/iati.import.js';
import { IatiFileError } from '../subgraphs/funding/iati.model.js';
import { fundingSubgraph } from '../subgraphs/funding/index.js';
import {
  partnersSubgraph,
  registerUnverifiedOrganizations,
  type PartnersTables,
} from '../subgraphs/partners/index.js';

// `npm run import:iati -- file.xml|file.json [--dry-run] [--json]`: imports an IATI 2.03
// activity file, XML or the IATI Datastore's JSON, into the funding subgraph's schema
// (DATABASE_URL, or the embedded database `npm start` uses); organisations the file names only
// by a reference or a name are registered unverified with the partners subgraph, which owns them.
// Prints what it created, updated, left unchanged, warned about and refused, and why (docs/funding.md).
// Exit 0 when every activity was imported or unchanged, 2 when one was refused, 65 when the file
// is malformed (nothing written), 66 when it cannot be read, 64 on bad usage.
const USAGE = 'Usage: npm run import:iati -- file.xml|file.json [--dry-run] [--json]\n';
const args = process.argv.slice(2);
if (args.includes('--synthetic')) {
  process.stderr.write(
    '--synthetic is not an option: a file is synthetic only if it says so itself ' +
      '(xmlns:crg="urn:x-crg:iati" crg:synthetic="true" on <iati-activities>, or "crg:synthetic": true ' +
      'at the top of a JSON file; docs/funding.md).\n',
  );
  process.exit(64);
}
const dryRun = args.includes('--dry-run');
const asJson = args.includes('--json');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && a !== '--json');
const files = args.filter((a) => !a.startsWith('--'));
const file = files[0];
if (!file || files.length > 1 || unknown.length > 0) {
  process.stderr.write(USAGE);
  process.exit(64);
}

let text: string;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
  process.exit(66);
}
const config = configOrExit(() => readRuntimeConfig(process.env));
const logger = createLogger({ level: config.logLevel, service: 'import-iati' });
const runtime = await openRuntime(config, logger, { pgliteDir: `${config.pgliteDir}/stack` });
let exitCode = 0;
try {
  for (const subgraph of [partnersSubgraph, fundingSubgraph]) {
    await prepareSubgraphDatabase(subgraph, runtime.database.db, logger, {
      synthetic: config.seedSynthetic,
    });
  }
  const db = runtime.database.db.withSchema(fundingSubgraph.dbSchema) as Kysely<FundingTables>;
  const partners = runtime.database.db.withSchema(
    partnersSubgraph.dbSchema,
  ) as Kysely<PartnersTables>;
  const requestId = `import-iati-${new Date().toISOString()}`;
  const report = await importIati(db, text, {
    sourceName: basename(file),
    dryRun,
    cache: runtime.cache,
    registerOrganizations: (organizations) =>
      registerUnverifiedOrganizations(partners, organizations, {
        viewer: { role: 'admin', subject: 'import:iati' },
        requestId,
        cache: runtime.cache,
      }),
  });
  process.stdout.write(asJson ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
  exitCode = report.refused.length > 0 ? 2 : 0;
} catch (error) {
  if (error instanceof IatiFileError) {
    process.stderr.write(`${file}: ${error.message}; nothing written\n`);
    exitCode = 65;
  } else {
    throw error;
  }
} finally {
  await runtime.close();
}
process.exit(exitCode);

function describeReport(report: ImportReport): string {
  const would = report.dryRun ? 'would be ' : '';
  const lines: string[] = [
    `${file}: IATI ${report.format === 'xml' ? 'XML' : 'Datastore JSON'}, ${report.synthetic ? 'synthetic (the file says so)' : 'real'}${report.dryRun ? ', dry run: nothing written' : ''}`,
  ];
  for (const [verb, ids] of [
    ['created', report.created],
    ['updated', report.updated],
    ['unchanged', report.unchanged],
  ] as const) {
    for (const id of ids) {
      lines.push(`${verb === 'unchanged' ? '' : would}${verb}: ${id}`);
    }
  }
  for (const org of report.unverifiedOrganizations) {
    lines.push(
      `${would}created unverified organisation ${org.id} "${org.name}"${org.ref ? ` (ref ${org.ref})` : ''} at ${org.at}`,
    );
  }
  for (const w of report.warned) {
    for (const warning of w.warnings) {
      lines.push(`warning: ${w.activity}: ${warning}`);
    }
  }
  for (const r of report.refused) {
    for (const reason of r.reasons) {
      lines.push(`refused: ${r.activity}: ${reason}`);
    }
  }
  const changes =
    report.created.length + report.updated.length + report.unverifiedOrganizations.length;
  lines.push(
    changes === 0 && report.refused.length === 0
      ? `Nothing to change: all ${report.unchanged.length} activities are already as in the file.`
      : `${report.dryRun ? 'Would create' : 'Created'} ${report.created.length}, ${report.dryRun ? 'update' : 'updated'} ${report.updated.length}, unchanged ${report.unchanged.length}, refused ${report.refused.length}; ${report.unverifiedOrganizations.length} unverified organisation(s).`,
  );
  return `${lines.join('\n')}\n`;
}
