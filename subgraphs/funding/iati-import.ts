import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KeyValueCache } from '../../loaders/cache.js';
import { invalidate } from '../../loaders/invalidation.js';
import { FICTIONAL_ORGANIZATIONS } from '../../loaders/seed-data/synthetic.js';
import { foldTextJs } from '../../loaders/text-fold.js';
import { isValidDate } from '../../schema/scalars.js';
import {
  ACTIVITY_STATUS_CODES,
  ORGANISATION_ROLE_CODES,
  TRANSACTION_TYPE_CODES,
  type ActivityStatus,
  type OrganisationRole,
  type TransactionType,
} from './codes.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import type { FundingTables } from './funding.table.js';
import {
  findExistingProjects,
  findKnownCountries,
  findKnownOrganizations,
  importActivityRows,
  type ImportedActivityRows,
  type KnownOrganization,
} from './iati-import.repository.js';
import { parseIatiDatastoreJson } from './iati.datastore-json.js';
import type {
  IatiActivity,
  IatiFile,
  IatiOrgMention,
  IatiTransaction,
  IatiValue,
} from './iati.model.js';
import { parseIatiXml } from './iati.parse.js';
import { currencyProblem, dateOutsideProject, percentagesProblem } from './validation.js';

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

/** An organisation to register with its owner (the partners subgraph) before it is referenced. */
export interface UnverifiedOrganizationRequest {
  readonly id: string;
  readonly name: string;
  readonly iatiOrgId: string | null;
  readonly iatiOrgType: string | null;
  readonly source: string;
  readonly notes: string;
  readonly synthetic: boolean;
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
    ((organizations: readonly UnverifiedOrganizationRequest[]) => Promise<unknown>) | undefined;
}

export type IatiFormat = 'xml' | 'datastore-json';

const invert = <T extends string>(codes: Readonly<Record<T, string>>) =>
  new Map(Object.entries(codes).map(([name, code]) => [code as string, name as T]));
const STATUS = invert<ActivityStatus>(ACTIVITY_STATUS_CODES);
const ROLE = invert<OrganisationRole>(ORGANISATION_ROLE_CODES);
const TYPE = invert<TransactionType>(TRANSACTION_TYPE_CODES);
/** IATI TransactionType codes for loans and equity: valid IATI, not flows this repository counts. */
const SKIPPED_TYPES = new Map([
  ['5', 'Interest Payment'],
  ['6', 'Loan Repayment'],
  ['8', 'Purchase of Equity'],
  ['9', 'Sale of Equity'],
  ['10', 'Credit Guarantee'],
]);
const BUDGET_TYPE = new Map([
  ['1', 'ORIGINAL'],
  ['2', 'REVISED'],
]);
const BUDGET_STATUS = new Map([
  ['1', 'INDICATIVE'],
  ['2', 'COMMITTED'],
]);
const DATE_TYPES = ['1', '2', '3', '4'] as const;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const ZERO = /^-?0(\.0+)?$/;
const IMPORT_VIEWER = { role: 'admin', subject: 'import:iati' } as const;
const FICTIONAL_IDS: ReadonlySet<string> = new Set(FICTIONAL_ORGANIZATIONS.map((o) => o.id));

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** XML when the file starts with `<`, the Datastore's JSON when it starts with `{`. */
export function detectFormat(text: string): IatiFormat {
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

export interface ImportContext {
  readonly synthetic: boolean;
  readonly source: string;
  readonly canRegister: boolean;
  readonly byRef: ReadonlyMap<string, KnownOrganization>;
  readonly byName: ReadonlyMap<string, KnownOrganization[]>;
  readonly byId: ReadonlyMap<string, KnownOrganization>;
  readonly countries: ReadonlyMap<string, { iso3: string; region_m49: string }>;
  readonly existingProjects: ReadonlyMap<string, { synthetic: boolean }>;
  /** Unverified organisations met earlier in this file, by id. */
  readonly pending: Map<string, NewOrganization>;
  readonly registered: Set<string>;
  readonly reported: Set<string>;
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

/** What checking needs to know of the database, read once per file (pure: tests build it). */
export function buildImportContext(
  known: {
    organizations: readonly KnownOrganization[];
    countries: readonly { iso2: string; iso3: string; region_m49: string }[];
    existingProjects: readonly { id: string; synthetic: boolean }[];
  },
  synthetic: boolean,
  options: Pick<ImportOptions, 'sourceName' | 'registerOrganizations'>,
): ImportContext {
  const byRef = new Map<string, KnownOrganization>();
  const byName = new Map<string, KnownOrganization[]>();
  const byId = new Map<string, KnownOrganization>();
  for (const org of known.organizations) {
    const entry = { ...org, synthetic: org.synthetic || FICTIONAL_IDS.has(org.id) };
    byId.set(org.id, entry);
    if (!org.verified) {
      continue; // an unverified one is found by its deterministic id, never by a guess
    }
    byRef.set(org.id, entry);
    if (org.iati_org_id) {
      byRef.set(org.iati_org_id, entry);
    }
    const folded = foldTextJs(org.name).trim();
    byName.set(folded, [...(byName.get(folded) ?? []), entry]);
  }
  return {
    synthetic,
    source: `IATI activity file ${options.sourceName}${synthetic ? ' (synthetic: the file says so)' : ''}`,
    canRegister: options.registerOrganizations !== undefined,
    byRef,
    byName,
    byId,
    countries: new Map(known.countries.map((c) => [c.iso2, c])),
    existingProjects: new Map(known.existingProjects.map((p) => [p.id, p])),
    pending: new Map(),
    registered: new Set(),
    reported: new Set(),
  };
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
      FUNDING_CACHE.projectById + projectId,
      FUNDING_CACHE.transactionsByProjectId + projectId,
      FUNDING_CACHE.budgetsByProjectId + projectId,
      ...rows.budgets.map((b) => FUNDING_CACHE.budgetById + b.id),
      ...rows.transactions.flatMap((t) => [
        FUNDING_CACHE.transactionById + t.id,
        ...(t.provider_org_id
          ? [FUNDING_CACHE.transactionsByProviderOrgId + t.provider_org_id]
          : []),
      ]),
    ],
    tags: ['Project', 'Transaction', `Project:${projectId}`],
  };
}

// ---------------------------------------------------------------------------------------------
// Checking one activity: small steps that each read one part of it into rows, reporting problems
// (which refuse the activity) and warnings (which do not) with the element's place.

/** Problems refuse the activity; warnings are reported and the activity is imported. */
class Findings {
  readonly reasons: string[] = [];
  readonly warnings: string[] = [];

  refuse(at: string, element: string, message: string): void {
    this.reasons.push(`${at} <${element}>: ${message}`);
  }

  warn(at: string, element: string, message: string): void {
    this.warnings.push(`${at} <${element}>: ${message}`);
  }
}

export interface NewOrganization {
  id: string;
  name: string;
  ref: string | null;
  type: string | null;
  at: string;
  synthetic: boolean;
}

interface Step {
  readonly activity: IatiActivity;
  readonly context: ImportContext;
  readonly findings: Findings;
  readonly projectId: string;
  /** Unverified organisations this activity needs, by id. */
  readonly newOrganizations: Map<string, NewOrganization>;
}

type Checked =
  | { rows: ImportedActivityRows; warnings: string[]; organizations: NewOrganization[] }
  | { reasons: string[]; warnings: string[] };

/** Checks one activity in full: its rows, or every reason it cannot be imported. */
export function checkActivity(
  activity: IatiActivity,
  context: ImportContext,
  firstSeen: Map<string, string>,
): Checked {
  const step: Step = {
    activity,
    context,
    findings: new Findings(),
    projectId: `iati:${activity.identifier ?? ''}`,
    newOrganizations: new Map(),
  };
  checkIdentity(step, firstSeen);
  const status = readStatus(step);
  const dates = readDates(step);
  const participants = readParticipants(step);
  const recipients = readRecipientCountries(step);
  const regions = readRecipientRegions(step);
  checkRecipientShares(step);
  const sectors = readSectors(step);
  const transactions = readTransactions(step, dates, participants);
  const budgets = readBudgets(step);
  const plannedDisbursements = readPlannedDisbursements(step);
  const { reasons, warnings } = step.findings;
  if (reasons.length > 0) {
    // A refused activity creates nothing: a later activity naming the same organisation does.
    for (const id of step.newOrganizations.keys()) {
      context.pending.delete(id);
    }
    return { reasons, warnings };
  }
  const organizations = [...step.newOrganizations.values()];
  return {
    warnings,
    organizations,
    rows: {
      project: projectRow(step, status, dates, sectors),
      participants,
      recipients,
      regions,
      transactions,
      budgets,
      plannedDisbursements,
      organizations: organizations.map((o) => ({ id: o.id, name: o.name, synthetic: o.synthetic })),
    },
  };
}

/** Identifier, title, no duplicate in the file, and never a synthetic/real crossing. */
function checkIdentity(
  { activity, context, findings, projectId }: Step,
  firstSeen: Map<string, string>,
) {
  const at = activity.at;
  if (!activity.identifier) {
    findings.refuse(at, 'iati-identifier', 'is missing');
  } else {
    const earlier = firstSeen.get(activity.identifier);
    if (earlier) {
      findings.refuse(
        at,
        'iati-identifier',
        `"${activity.identifier}" already appears in this file (${earlier})`,
      );
    } else {
      firstSeen.set(activity.identifier, at);
    }
    const existing = context.existingProjects.get(projectId);
    if (existing && existing.synthetic !== context.synthetic) {
      findings.refuse(
        at,
        'iati-identifier',
        existing.synthetic
          ? `"${activity.identifier}" is synthetic in the repository; a real file cannot make it real`
          : `"${activity.identifier}" is real in the repository; a synthetic file cannot overwrite it`,
      );
    }
  }
  if (!activity.title) {
    findings.refuse(at, 'title', 'needs a <narrative>');
  }
}

function readStatus({ activity, findings }: Step): string {
  const status = activity.statusCode ? STATUS.get(activity.statusCode) : undefined;
  if (!status) {
    findings.refuse(
      activity.at,
      'activity-status',
      `code "${activity.statusCode ?? ''}" is not an IATI ActivityStatus (1–6)`,
    );
  }
  return status ?? '';
}

interface ActivityDates {
  plannedStart: string | null;
  actualStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
}

function readDates({ activity, findings }: Step): ActivityDates {
  const dates = new Map<string, string>();
  for (const d of activity.dates) {
    if (!d.typeCode || !(DATE_TYPES as readonly string[]).includes(d.typeCode)) {
      findings.refuse(
        d.at,
        'activity-date',
        `type "${d.typeCode ?? ''}" is not an IATI ActivityDateType (1–4)`,
      );
    } else if (!d.isoDate || !isValidDate(d.isoDate)) {
      findings.refuse(
        d.at,
        'activity-date',
        `iso-date "${d.isoDate ?? ''}" is not a YYYY-MM-DD date`,
      );
    } else {
      dates.set(d.typeCode, d.isoDate);
    }
  }
  return {
    plannedStart: dates.get('1') ?? null,
    actualStart: dates.get('2') ?? null,
    plannedEnd: dates.get('3') ?? null,
    actualEnd: dates.get('4') ?? null,
  };
}

/**
 * The organisation a mention names: a curated one by reference (this project's id or its IATI
 * identifier), else by name; else an unverified one, created for this mention (its id derived
 * from the reference, or the folded name, so the same mention finds it again). Undefined when
 * the mention names nothing or is refused.
 */
function resolveOrganization(
  step: Step,
  mention: IatiOrgMention,
  at: string,
  element: string,
): string | undefined {
  const { context, findings } = step;
  const curated =
    (mention.ref ? context.byRef.get(mention.ref) : undefined) ??
    byUniqueName(step, mention, at, element);
  if (curated) {
    if (curated.synthetic && !context.synthetic) {
      findings.refuse(
        at,
        element,
        `"${curated.id}" is a synthetic organisation; a real file cannot name it`,
      );
      return undefined;
    }
    return curated.id;
  }
  if (!mention.ref && !mention.name) {
    return undefined;
  }
  const candidate = unverifiedOrganization(mention, at, context.synthetic);
  const known = context.byId.get(candidate.id) ?? context.pending.get(candidate.id);
  if (known) {
    return known.id;
  }
  if (!context.canRegister) {
    findings.refuse(at, element, `${describe(mention)} is not a known organisation`);
    return undefined;
  }
  context.pending.set(candidate.id, candidate);
  step.newOrganizations.set(candidate.id, candidate);
  findings.warn(
    at,
    element,
    `${describe(mention)} is not a known organisation: created unverified as "${candidate.id}"`,
  );
  return candidate.id;
}

function byUniqueName(step: Step, mention: IatiOrgMention, at: string, element: string) {
  if (!mention.name) {
    return undefined;
  }
  const matches = step.context.byName.get(foldTextJs(mention.name).trim()) ?? [];
  if (matches.length !== 1) {
    return undefined;
  }
  if (mention.ref) {
    step.findings.warn(
      at,
      element,
      `ref "${mention.ref}" is not recorded; matched "${mention.name}" by name to "${matches[0]!.id}"`,
    );
  }
  return matches[0];
}

function describe(mention: IatiOrgMention): string {
  return [mention.ref ? `ref "${mention.ref}"` : '', mention.name ? `name "${mention.name}"` : '']
    .filter(Boolean)
    .join(' with ');
}

/** A deterministic slug for an organisation known only by a reference or a name. */
export function unverifiedOrganization(
  mention: IatiOrgMention,
  at: string,
  synthetic: boolean,
): NewOrganization {
  const key = mention.ref ? `ref:${mention.ref}` : `name:${foldTextJs(mention.name ?? '').trim()}`;
  const slug = (mention.ref ?? mention.name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36)
    .replace(/-+$/, '');
  const prefix = synthetic ? 'syn-iati' : 'iati';
  return {
    id: `${prefix}-${slug ? `${slug}-` : ''}${hash(`${synthetic}|${key}`).slice(0, 8)}`,
    name: mention.name ?? mention.ref ?? '',
    ref: mention.ref ?? null,
    type: mention.type ?? null,
    at,
    synthetic,
  };
}

function readParticipants(step: Step): ImportedActivityRows['participants'] {
  const participants: ImportedActivityRows['participants'] = [];
  for (const p of step.activity.participants) {
    const role = p.roleCode ? ROLE.get(p.roleCode) : undefined;
    if (!role) {
      step.findings.refuse(
        p.at,
        'participating-org',
        `role "${p.roleCode ?? ''}" is not an IATI OrganisationRole (1–4)`,
      );
    }
    if (!p.ref && !p.name) {
      step.findings.refuse(
        p.at,
        'participating-org',
        'names no organisation (no @ref and no <narrative>)',
      );
      continue;
    }
    const org = resolveOrganization(step, p, p.at, 'participating-org');
    if (org && role && !participants.some((x) => x.organization_id === org && x.role === role)) {
      participants.push({ organization_id: org, role });
    }
  }
  return participants;
}

function readRecipientCountries({
  activity,
  context,
  findings,
}: Step): ImportedActivityRows['recipients'] {
  const recipients: ImportedActivityRows['recipients'] = [];
  for (const r of activity.recipients) {
    const country = r.code ? context.countries.get(r.code) : undefined;
    if (!country) {
      findings.refuse(
        r.at,
        'recipient-country',
        `code "${r.code ?? ''}" is not a known ISO 3166-1 alpha-2 code`,
      );
    } else if (recipients.some((x) => x.country_iso3 === country.iso3)) {
      findings.refuse(r.at, 'recipient-country', `"${r.code}" is listed twice`);
    } else {
      recipients.push({
        country_iso3: country.iso3,
        percentage: r.percentage ?? null,
        region_m49: country.region_m49,
      });
    }
  }
  return recipients;
}

/** IATI RegionVocabulary 1 (OECD DAC) and 2 (UN M49) codes are three digits; others are kept. */
function readRecipientRegions({ activity, findings }: Step): ImportedActivityRows['regions'] {
  const regions: ImportedActivityRows['regions'] = [];
  for (const r of activity.regions) {
    const vocabulary = r.vocabulary ?? '1';
    if (!r.code) {
      findings.refuse(r.at, 'recipient-region', 'has no @code');
    } else if ((vocabulary === '1' || vocabulary === '2') && !/^\d{3}$/.test(r.code)) {
      findings.refuse(
        r.at,
        'recipient-region',
        `code "${r.code}" is not a three-digit region code of vocabulary ${vocabulary}`,
      );
    } else if (regions.some((x) => x.vocabulary === vocabulary && x.code === r.code)) {
      findings.refuse(r.at, 'recipient-region', `"${r.code}" is listed twice`);
    } else {
      regions.push({ vocabulary, code: r.code, percentage: r.percentage ?? null });
    }
  }
  return regions;
}

/** Country and region percentages together sum to 100 (IATI 2.03 rule), or none is given. */
function checkRecipientShares({ activity, findings }: Step) {
  const all = [...activity.recipients, ...activity.regions];
  const split = percentagesProblem(all.map((r) => r.percentage));
  if (split) {
    // Countries come first in `all`, so the first element names the list the problem starts in.
    const element = activity.recipients.length > 0 ? 'recipient-country' : 'recipient-region';
    findings.refuse(all[0]?.at ?? activity.at, element, `percentages ${split}`);
  }
}

function readSectors({ activity, findings }: Step): string[] {
  return activity.sectors
    .filter((s) => (s.vocabulary ?? '1') === '1')
    .map((s) => {
      if (!s.code || !/^\d{5}$/.test(s.code)) {
        findings.refuse(
          s.at,
          'sector',
          `code "${s.code ?? ''}" is not a five-digit DAC purpose code`,
        );
      }
      return s.code ?? '';
    });
}

interface Money {
  amount: string;
  currency: string;
  value_date: string;
}

/**
 * One `<value>`: an exact decimal (negative when `signed`: reversals and corrections), an
 * ISO 4217 currency (its own or the activity's default) and a value date (its own or the
 * fallback). Undefined when the value is zero: nothing flows, the element is skipped with a warning.
 */
function readMoney(
  { activity, findings }: Step,
  v: IatiValue,
  fallbackDate: string | undefined,
  at: string,
  element: string,
  signed: boolean,
): Money | undefined {
  const where = `${element}/value`;
  const currency = v.currency ?? activity.defaultCurrency;
  const amount = v.amount ?? '';
  const valueDate = v.valueDate ?? fallbackDate;
  if (!DECIMAL.test(amount)) {
    findings.refuse(
      at,
      where,
      `must be a decimal number such as "1250.50" or "-300"; got ${JSON.stringify(amount)}`,
    );
  } else if (!signed && amount.startsWith('-')) {
    findings.refuse(at, where, `must not be negative; got "${amount}"`);
  }
  if (!currency) {
    findings.refuse(at, where, 'has no @currency and the activity no @default-currency');
  } else {
    const currencyIssue = currencyProblem(currency);
    if (currencyIssue) {
      findings.refuse(at, where, `@currency ${currencyIssue}`);
    }
  }
  if (!valueDate || !isValidDate(valueDate)) {
    findings.refuse(at, where, `@value-date "${valueDate ?? ''}" is not a YYYY-MM-DD date`);
  }
  if (ZERO.test(amount)) {
    findings.warn(at, where, 'is zero: nothing flows, skipped');
    return undefined;
  }
  return { amount, currency: currency ?? '', value_date: valueDate ?? '' };
}

function readTransactions(
  step: Step,
  dates: ActivityDates,
  participants: ImportedActivityRows['participants'],
): ImportedActivityRows['transactions'] {
  const seen = new Map<string, number>();
  return step.activity.transactions.flatMap((t) => {
    const row = readTransaction(step, t, dates, participants, seen);
    return row ? [row] : [];
  });
}

function readTransaction(
  step: Step,
  t: IatiTransaction,
  dates: ActivityDates,
  participants: ImportedActivityRows['participants'],
  seen: Map<string, number>,
): ImportedActivityRows['transactions'][number] | undefined {
  const type = readTransactionType(step, t);
  if (type === 'skipped') {
    return undefined;
  }
  checkTransactionDate(step, t, dates);
  const money = readMoney(step, t.value, t.date, t.at, 'transaction', true);
  const provider = resolveOrganization(step, t.provider, t.at, 'provider-org');
  if (provider && !participants.some((p) => p.organization_id === provider)) {
    step.findings.warn(
      t.at,
      'provider-org',
      `"${provider}" is not a participating organisation of the activity`,
    );
  }
  const receiver = resolveOrganization(step, t.receiver, t.at, 'receiver-org');
  if (!money) {
    return undefined;
  }
  return {
    id: transactionId(step, t, money, seen),
    project_id: step.projectId,
    type: type ?? '',
    transaction_date: t.date ?? '',
    ...money,
    provider_org_id: provider ?? null,
    receiver_org_id: receiver ?? null,
    provider_activity_id: t.providerActivityId ?? null,
    earmarking: null,
    description: t.description ?? null,
    synthetic: step.context.synthetic,
    source: step.context.source,
    confidence: 'to verify',
    review_status: 'PUBLISHED',
    submitted_by_org_id: null,
  };
}

/** The repository's type; `skipped` (with a warning) for loan and equity types; else refused. */
function readTransactionType(
  { findings }: Step,
  t: IatiTransaction,
): TransactionType | 'skipped' | undefined {
  const skipped = t.typeCode ? SKIPPED_TYPES.get(t.typeCode) : undefined;
  if (skipped) {
    findings.warn(
      t.at,
      'transaction-type',
      `code "${t.typeCode}" (${skipped}) is not a flow this repository counts: skipped`,
    );
    return 'skipped';
  }
  const type = t.typeCode ? TYPE.get(t.typeCode) : undefined;
  if (!type) {
    findings.refuse(
      t.at,
      'transaction-type',
      `code "${t.typeCode ?? ''}" is not an IATI TransactionType (1–13)`,
    );
  }
  return type;
}

/** A real date is required; one outside the activity's dates is warned about, not refused. */
function checkTransactionDate({ findings }: Step, t: IatiTransaction, dates: ActivityDates) {
  if (!t.date || !isValidDate(t.date)) {
    findings.refuse(
      t.at,
      'transaction-date',
      `iso-date "${t.date ?? ''}" is not a YYYY-MM-DD date`,
    );
    return;
  }
  const outside = dateOutsideProject(t.date, dates);
  if (outside) {
    findings.warn(t.at, 'transaction-date', `${outside}: imported, check the dates`);
  }
}

/**
 * Stable across imports: the transaction's own @ref, else its natural key, with the occurrence
 * of that key in the activity (two identical rows are two transactions).
 */
function transactionId(
  { activity }: Step,
  t: IatiTransaction,
  money: Money,
  seen: Map<string, number>,
): string {
  const natural =
    t.ref ??
    [t.typeCode, t.date, money.amount, money.currency, t.provider.ref, t.receiver.ref].join('|');
  const occurrence = (seen.get(natural) ?? 0) + 1;
  seen.set(natural, occurrence);
  return `iati-${hash(`${activity.identifier ?? ''}|${natural}|${occurrence}`)}`;
}

function readPeriod(
  step: Step,
  at: string,
  element: string,
  start: string | undefined,
  end: string | undefined,
  endRequired: boolean,
) {
  for (const [name, date, required] of [
    ['period-start', start, true],
    ['period-end', end, endRequired],
  ] as const) {
    if ((required || date !== undefined) && (!date || !isValidDate(date))) {
      step.findings.refuse(
        at,
        `${element}/${name}`,
        `iso-date "${date ?? ''}" is not a YYYY-MM-DD date`,
      );
    }
  }
  if (start && end && isValidDate(start) && isValidDate(end) && end < start) {
    step.findings.refuse(at, `${element}/period-end`, `${end} is before period-start ${start}`);
  }
}

function readBudgets(step: Step): ImportedActivityRows['budgets'] {
  return step.activity.budgets.flatMap((b, i) => {
    const type = BUDGET_TYPE.get(b.typeCode ?? '1');
    const status = BUDGET_STATUS.get(b.statusCode ?? '1');
    if (!type) {
      step.findings.refuse(b.at, 'budget', `type "${b.typeCode}" is not an IATI BudgetType (1, 2)`);
    }
    if (!status) {
      step.findings.refuse(
        b.at,
        'budget',
        `status "${b.statusCode}" is not an IATI BudgetStatus (1, 2)`,
      );
    }
    readPeriod(step, b.at, 'budget', b.periodStart, b.periodEnd, true);
    const money = readMoney(step, b.value, b.periodStart, b.at, 'budget', false);
    if (!money) {
      return [];
    }
    return [
      {
        id: `iati-${hash(`${step.activity.identifier ?? ''}|budget|${b.typeCode}|${b.periodStart}|${b.periodEnd}|${i}`)}`,
        project_id: step.projectId,
        type: type ?? '',
        status: status ?? '',
        period_start: b.periodStart ?? '',
        period_end: b.periodEnd ?? '',
        ...money,
        synthetic: step.context.synthetic,
        source: step.context.source,
      },
    ];
  });
}

function readPlannedDisbursements(step: Step): ImportedActivityRows['plannedDisbursements'] {
  return step.activity.plannedDisbursements.flatMap((d, i) => {
    const type = BUDGET_TYPE.get(d.typeCode ?? '1');
    if (!type) {
      step.findings.refuse(
        d.at,
        'planned-disbursement',
        `type "${d.typeCode}" is not an IATI BudgetType (1, 2)`,
      );
    }
    readPeriod(step, d.at, 'planned-disbursement', d.periodStart, d.periodEnd, false);
    const money = readMoney(step, d.value, d.periodStart, d.at, 'planned-disbursement', true);
    const provider = resolveOrganization(step, d.provider, d.at, 'provider-org');
    const receiver = resolveOrganization(step, d.receiver, d.at, 'receiver-org');
    if (!money) {
      return [];
    }
    return [
      {
        id: `iati-${hash(`${step.activity.identifier ?? ''}|planned|${d.typeCode}|${d.periodStart}|${d.periodEnd}|${i}`)}`,
        project_id: step.projectId,
        type: type ?? '',
        period_start: d.periodStart ?? '',
        period_end: d.periodEnd ?? null,
        ...money,
        provider_org_id: provider ?? null,
        receiver_org_id: receiver ?? null,
        synthetic: step.context.synthetic,
        source: step.context.source,
      },
    ];
  });
}

function projectRow(
  { activity, context, projectId }: Step,
  status: string,
  dates: ActivityDates,
  sectors: string[],
): ImportedActivityRows['project'] {
  return {
    id: projectId,
    iati_identifier: activity.identifier ?? null,
    title: activity.title ?? '',
    description: activity.description ?? null,
    status,
    planned_start: dates.plannedStart,
    planned_end: dates.plannedEnd,
    actual_start: dates.actualStart,
    actual_end: dates.actualEnd,
    parent_id: null,
    gpc_pillars: [],
    gpc_areas: [],
    sectors,
    synthetic: context.synthetic,
    source: context.source,
    confidence: 'to verify',
    review_status: 'PUBLISHED',
  };
}
