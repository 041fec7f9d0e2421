import type { Kysely } from 'kysely';
import type { KeyValueCache } from '../../loaders/cache.js';
import { invalidate, subgraphTag } from '../../loaders/invalidation.js';
import type { UnverifiedOrganization } from '../../schema/sourced.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import type { FundingTables } from './funding.table.js';
import { checkActivity } from './iati-activity.import.js';
import { parseIatiDatastoreJson } from './iati-datastore-json.import.js';
import {
  findExistingProjects,
  findKnownCountries,
  findKnownOrganizations,
  importActivityRows,
  type ImportedActivityRows,
} from './iati-import.repository.js';
import { parseIatiXml } from './iati-parse.import.js';
import {
  buildImportContext,
  type ImportContext,
  type NewOrganization,
} from './iati-step.import.js';
import type { IatiFile } from './iati.model.js';

// Importing an IATI activity file, by stage: parse (iati-parse.import.ts,
// iati-datastore-json.import.ts) → map each activity to rows (iati-activity.import.ts,
// iati-money.import.ts, iati-organizations.import.ts, with iati-step.import.ts) → write
// (iati-import.repository.ts), one transaction per activity.

/** What an import did, or (dry run) would do, with every reason, by line or JSON path. */
export interface ImportReport {
  format: IatiFormat;
  /** As the file declares it: a file is synthetic only if it says so itself. */
  synthetic: boolean;
  dryRun: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Imported (or importable) activities with what the curator should look at. */
  warned: { activity: string; at: string; warnings: string[] }[];
  /** Activities not imported, with every reason; nothing of them was written. */
  refused: { activity: string; at: string; reasons: string[] }[];
  /** Organisations the file named only by a reference or a name, created unverified. */
  unverifiedOrganizations: { id: string; name: string; ref: string | null; at: string }[];
}

export interface ImportOptions {
  /** Named in each record's `source`. */
  readonly sourceName: string;
  /** Checks and reports everything, writes nothing. */
  readonly dryRun?: boolean | undefined;
  readonly cache?: KeyValueCache | undefined;
  /**
   * Registers unverified organisations with the subgraph that owns organisations (the script
   * passes the partners subgraph's `registerUnverifiedOrganizations`). Without it, an activity
   * naming an unknown organisation is refused.
   */
  readonly registerOrganizations?:
    ((organizations: readonly UnverifiedOrganization[]) => Promise<unknown>) | undefined;
}

export type IatiFormat = 'xml' | 'datastore-json';

const IMPORT_VIEWER = { role: 'admin', subject: 'import:iati' } as const;

/** XML when the file starts with `<`, the Datastore's JSON when it starts with `{`. */
function detectFormat(text: string): IatiFormat {
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, '')) ? 'datastore-json' : 'xml';
}

/** Reads either format; a file that is not IATI activities throws `IatiFileError`. */
export function parseIatiFile(text: string): IatiFile & { format: IatiFormat } {
  const format = detectFormat(text);
  const file = format === 'xml' ? parseIatiXml(text) : parseIatiDatastoreJson(text);
  return { ...file, format };
}

/**
 * Imports an IATI 2.03 activity file (XML, or the IATI Datastore's JSON): each activity is
 * checked in full first and then written in its own database transaction with its audit entry,
 * or refused with every reason (line or path, and element). Idempotent: a second run changes
 * nothing. A malformed file throws `IatiFileError` before anything is written.
 */
export async function importIati(
  db: Kysely<FundingTables>,
  text: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const file = parseIatiFile(text);
  const context = await loadContext(db, file, options);
  const report: ImportReport = {
    format: file.format,
    synthetic: file.synthetic,
    dryRun: options.dryRun === true,
    created: [],
    updated: [],
    unchanged: [],
    warned: [],
    refused: [],
    unverifiedOrganizations: [],
  };
  const firstSeen = new Map<string, string>();
  const requestId = `import-iati-${new Date().toISOString()}`;
  for (const activity of file.activities) {
    const label = activity.identifier ?? `(activity at ${activity.at})`;
    const checked = checkActivity(activity, context, firstSeen);
    if ('reasons' in checked) {
      report.refused.push({ activity: label, at: activity.at, reasons: checked.reasons });
      continue;
    }
    if (!report.dryRun) {
      await registerNewOrganizations(checked.organizations, context, options);
    }
    const outcome = await importActivityRows(db, checked.rows, {
      viewer: IMPORT_VIEWER,
      requestId,
      dryRun: report.dryRun,
    });
    report[outcome].push(label);
    if (checked.warnings.length > 0) {
      report.warned.push({ activity: label, at: activity.at, warnings: checked.warnings });
    }
    for (const org of checked.organizations) {
      if (!context.reported.has(org.id)) {
        context.reported.add(org.id);
        report.unverifiedOrganizations.push({
          id: org.id,
          name: org.name,
          ref: org.ref,
          at: org.at,
        });
      }
    }
    if (outcome !== 'unchanged' && !report.dryRun) {
      await invalidate(options.cache, invalidationOf(checked.rows));
    }
  }
  return report;
}

async function loadContext(
  db: Kysely<FundingTables>,
  file: IatiFile,
  options: ImportOptions,
): Promise<ImportContext> {
  const ids = file.activities.flatMap((a) => (a.identifier ? [`iati:${a.identifier}`] : []));
  return buildImportContext(
    {
      organizations: await findKnownOrganizations(db),
      countries: await findKnownCountries(db),
      existingProjects: await findExistingProjects(db, ids),
    },
    file.synthetic,
    options,
  );
}

async function registerNewOrganizations(
  organizations: readonly NewOrganization[],
  context: ImportContext,
  options: ImportOptions,
): Promise<void> {
  const fresh = organizations.filter((o) => !context.registered.has(o.id));
  if (fresh.length === 0 || !options.registerOrganizations) {
    return;
  }
  await options.registerOrganizations(
    fresh.map((o) => ({
      id: o.id,
      name: o.name,
      iatiOrgId: o.ref,
      iatiOrgType: o.type,
      source: `${context.source}, ${o.at}`,
      notes: o.ref
        ? `Known only by ${o.name === o.ref ? 'its IATI reference' : 'the reference and name'} an IATI file gave; unverified.`
        : 'Known only by the name an IATI file gave (no reference); unverified.',
      synthetic: o.synthetic,
    })),
  );
  for (const o of fresh) {
    context.registered.add(o.id);
  }
}

function invalidationOf(rows: ImportedActivityRows) {
  const projectId = rows.project.id;
  return {
    keys: [
      FUNDING_CACHE.projectById.key(projectId),
      FUNDING_CACHE.transactionsByProjectId.key(projectId),
      FUNDING_CACHE.budgetsByProjectId.key(projectId),
      ...rows.budgets.map((b) => FUNDING_CACHE.budgetById.key(b.id)),
      ...rows.transactions.flatMap((t) => [
        FUNDING_CACHE.transactionById.key(t.id),
        ...(t.provider_org_id
          ? [FUNDING_CACHE.transactionsByProviderOrgId.key(t.provider_org_id)]
          : []),
      ]),
    ],
    // Totals and summaries read these rows too: the subgraph's tag purges every answer that did.
    tags: ['Project', 'Transaction', `Project:${projectId}`, subgraphTag('funding')],
  };
}
