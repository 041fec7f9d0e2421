import type { Insertable } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, required } from '../../loaders/seed-data/csv.js';
import {
  DATA_PACK_LICENCE,
  dataPackAttribution,
  packDate,
  packList,
} from '../../loaders/seed-data/data-pack.js';
import { ActivityStatus, OrganisationRole, TransactionType } from './codes.model.js';
import type { ContributionRecordTable, GpcFactTable } from './funding.table.js';
import { GPC_ID } from './synthetic.seed.js';

type ContributionRecordRow = Insertable<ContributionRecordTable>;

/**
 * The real projects and money of the shared data pack (issue 22): the partnership projects as
 * funding projects with their participants, recipients and budgets; the donors' contributions to
 * them as their transactions (partner money, never Global Programme income); and the
 * contributions to UNODC's cybercrime work, kept as dated records and, where the source ties an
 * amount to the Global Programme, as its transactions. Every row keeps its source, confidence,
 * licence and attribution; nothing here is synthetic.
 */

const seedFile = (file: string) => projectPath('subgraphs', 'funding', 'seed', file);

/** The data pack's row for the Global Programme itself is the seeded programme `gpc`. */
export const PACK_GPC_ROW = 'unodc-gpc';

/**
 * Projects the data pack says are executed in the framework of the Global Programme: children of
 * `gpc`, so `fundingSummary(projectId: "gpc")` counts their money (partnership_projects.csv notes).
 */
const UNDER_GPC: ReadonlySet<string> = new Set([
  'unodc-icac-central-america',
  'unodc-els-pnc-cybercrime',
]);

const TYPE_OF: Readonly<Record<string, TransactionType>> = {
  received: TransactionType.INCOMING_FUNDS,
  commitment: TransactionType.INCOMING_COMMITMENT,
  pledge: TransactionType.INCOMING_PLEDGE,
};

const projectIdOf = (packId: string) => (packId === PACK_GPC_ROW ? GPC_ID : packId);

function withPrecision(given: string): string {
  return given.length === 10
    ? given
    : `${given} (${given.length === 7 ? 'month' : 'year'} precision; dated to its first day)`;
}

/** The status a project's dates imply on `today` (a project rule: the pack gives no status). */
function statusFrom(start: string | null, end: string | null, today: string): ActivityStatus {
  if (end !== null && end < today) {
    return ActivityStatus.CLOSED;
  }
  if (start !== null && start > today) {
    return ActivityStatus.PIPELINE;
  }
  return ActivityStatus.IMPLEMENTATION;
}

export interface RealFunding {
  projects: ({ parent_id: string | null } & Record<string, unknown>)[];
  participants: { project_id: string; organization_id: string; role: OrganisationRole }[];
  recipients: { project_id: string; country_iso3: string }[];
  budgets: Record<string, unknown>[];
  transactions: Record<string, unknown>[];
  records: ContributionRecordRow[];
}

/**
 * The day project statuses are derived on: the data pack's date, so every seed run writes the
 * same rows (an editor updates a status from then on).
 */
export const STATUS_AS_OF = '2026-12-06';

/** Reads the five files of the data pack this subgraph copies. */
export async function readRealFunding(today = STATUS_AS_OF): Promise<RealFunding> {
  const out: RealFunding = {
    projects: [],
    participants: [],
    recipients: [],
    budgets: [],
    transactions: [],
    records: [],
  };
  const file = 'partnership_projects.csv';
  for (const r of await readCsv(seedFile(file))) {
    const packId = required(r, 'id', file);
    const id = projectIdOf(packId);
    const source = required(r, 'source', file);
    const start = packDate(r['start_on'], 'start');
    const end = packDate(r['end_on'], 'end');
    const amount = r['budget_amount'] ?? null;
    const currency = r['budget_currency'] ?? null;
    for (const org of packList(r['implementers'])) {
      out.participants.push({
        project_id: id,
        organization_id: org,
        role: OrganisationRole.IMPLEMENTING,
      });
    }
    for (const org of packList(r['funders'])) {
      out.participants.push({
        project_id: id,
        organization_id: org,
        role: OrganisationRole.FUNDING,
      });
    }
    if (id === GPC_ID) {
      // The programme row exists already (gpc_facts.csv); its pack row adds participants only.
      continue;
    }
    for (const iso3 of packList(r['beneficiary_countries'])) {
      out.recipients.push({ project_id: id, country_iso3: iso3 });
    }
    const budgetNote =
      amount && currency && !(start && end)
        ? ` Budget as the source gives it: ${currency} ${amount}; not recorded as a budget because the source gives no period.`
        : '';
    out.projects.push({
      id,
      iati_identifier: null,
      title: required(r, 'title', file),
      description:
        `${r['notes'] ?? ''}${budgetNote} Dates as given: ${r['start_on'] ?? 'start not given'} to ${r['end_on'] ?? 'end not given'}; the status is derived from them as of ${today} (project rule).`.trim(),
      status: statusFrom(start, end, today),
      planned_start: start,
      planned_end: end,
      actual_start: null,
      actual_end: null,
      parent_id: UNDER_GPC.has(id) ? GPC_ID : null,
      gpc_pillars: [],
      gpc_areas: [],
      sectors: [],
      synthetic: false,
      source,
      confidence: required(r, 'confidence', file),
      review_status: 'PUBLISHED',
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(source),
    });
    if (amount && currency && start && end) {
      out.budgets.push({
        id: `${id}-budget`,
        project_id: id,
        type: 'ORIGINAL',
        // A figure read on a project page, not a committed IATI budget line.
        status: 'INDICATIVE',
        period_start: start,
        period_end: end,
        amount,
        currency,
        value_date: start,
        synthetic: false,
        source,
      });
    }
  }

  const contributions = 'partnership_contributions.csv';
  for (const r of await readCsv(seedFile(contributions))) {
    const id = required(r, 'id', contributions);
    const source = required(r, 'source', contributions);
    const date = r['date'] ?? null;
    const projectId = projectIdOf(required(r, 'project_id', contributions));
    const typeAsGiven = required(r, 'type', contributions);
    const type = TYPE_OF[typeAsGiven];
    if (!type) {
      throw new Error(`${contributions}: unknown type "${typeAsGiven}" in row ${id}`);
    }
    const common = {
      donor_org_id: required(r, 'donor_org_id', contributions),
      source,
      confidence: required(r, 'confidence', contributions),
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(source),
    };
    const valueDate = packDate(date, 'start');
    if (valueDate !== null && date !== null) {
      out.transactions.push({
        id,
        project_id: projectId,
        type,
        transaction_date: valueDate,
        amount: required(r, 'amount', contributions),
        currency: required(r, 'currency', contributions),
        value_date: valueDate,
        provider_org_id: common.donor_org_id,
        receiver_org_id: r['recipient_org_id'] ?? null,
        provider_activity_id: null,
        earmarking: 'EARMARKED',
        description:
          `Donor contribution to the partner project (${typeAsGiven} as the source says; date ${withPrecision(date)}); partner funding, not Global Programme income. ${r['notes'] ?? ''}`.trim(),
        synthetic: false,
        source,
        confidence: common.confidence,
        review_status: 'PUBLISHED',
        submitted_by_org_id: null,
        licence: common.licence,
        attribution: common.attribution,
      });
    } else {
      // No date in the source: no value date to convert on, so a record, not a transaction.
      out.records.push({
        id,
        ...common,
        co_donor_org_ids: [],
        date_as_given: null,
        value_date: null,
        amount: null,
        currency: null,
        type_as_given: typeAsGiven,
        recipient_or_project: projectId,
        purpose: null,
        gpc_link: 'not the Global Programme (partner project funding)',
        attributed_to_gpc: false,
        counts_as_contribution: true,
        project_id: projectId,
        transaction_id: null,
        notes:
          `Amount as the source gives it: ${r['currency']} ${r['amount']}; no date, so not converted and not summed. ${r['notes'] ?? ''}`.trim(),
      });
    }
  }

  out.records.push(...(await readGpcContributions()));
  for (const rec of out.records) {
    if (rec.transaction_id === null || rec.transaction_id === NORWAY_TRANSACTION) {
      continue;
    }
    out.transactions.push({
      id: rec.transaction_id,
      project_id: rec.project_id,
      type: TransactionType.INCOMING_PLEDGE,
      transaction_date: rec.value_date,
      amount: rec.amount,
      currency: rec.currency,
      value_date: rec.value_date,
      provider_org_id: rec.donor_org_id,
      receiver_org_id: 'unodc',
      provider_activity_id: null,
      earmarking: 'EARMARKED',
      description: `${rec.purpose ?? ''} (${rec.type_as_given} as the source says; date ${withPrecision(rec.date_as_given ?? '')}; link to the Global Programme: ${rec.gpc_link}).`,
      synthetic: false,
      source: rec.source,
      confidence: rec.confidence,
      review_status: 'PUBLISHED',
      submitted_by_org_id: null,
      licence: rec.licence,
      attribution: rec.attribution,
    });
  }
  return out;
}

/** The Global Programme's Norway transaction, seeded from gpc_facts.csv (NOR_2018). */
export const NORWAY_TRANSACTION = 'gpc-nor-2018';

/**
 * Whether a `gpc_link` cell ties the contribution to the Global Programme: "named", "joint" and
 * "executed under/in the framework of the GPC" do, and the Doha centre is a Global Programme
 * office (gpc_facts.csv DOHA_CENTRE); "not named", "not stated" and "not GPC" do not.
 */
export function linksToGpc(gpcLink: string): boolean {
  const link = gpcLink.toLowerCase();
  if (/^not\b/.test(link)) {
    return false;
  }
  return /^named\b|joint|under the gpc|framework of the gpc|gpc result/.test(link);
}

/** Records with money that the source ties to a project of the Global Programme. */
const GPC_PROJECT_OF: Readonly<Record<string, string>> = {
  'gpc-can-2015-icac': 'unodc-icac-central-america',
  'gpc-usa-els': 'unodc-els-pnc-cybercrime',
  'gpc-usa-inl-tun-2021': 'unodc-tun-cybercrime',
  'gpc-nor-sea-2018': 'unodc-sea-wildlife-cybercrime',
  'unodc-swe-2017-central-asia': 'unodc-roca-cybercrime-central-asia',
};

/** "in-kind delivery value": the value of equipment delivered, never a contribution. */
const NOT_A_CONTRIBUTION = /delivery value/;

async function readGpcContributions(): Promise<ContributionRecordRow[]> {
  const file = 'gpc_contributions.csv';
  return (await readCsv(seedFile(file))).map((r) => {
    const id = required(r, 'id', file);
    const source = required(r, 'source', file);
    const gpcLink = required(r, 'gpc_link', file);
    const attributed = linksToGpc(gpcLink);
    const typeAsGiven = required(r, 'type', file);
    const counts = !NOT_A_CONTRIBUTION.test(typeAsGiven);
    const amount = r['amount'] ?? null;
    const date = r['date'] ?? null;
    const projectId = GPC_PROJECT_OF[id] ?? (attributed ? GPC_ID : null);
    const notes = r['notes'] ?? '';
    // Co-funders the notes name as organisation ids ("co-funder gov-jpn", "co-funders eu, gov-usa").
    const coDonors = [...notes.matchAll(/co-funders? ([a-z-]+(?:, [a-z-]+)*)/g)].flatMap((m) =>
      (m[1] ?? '').split(', '),
    );
    // Money becomes a Global Programme transaction only when the source ties it to the
    // programme, gives a date and is a contribution (the Tunisia equipment value is not).
    const transactionId =
      id === 'gpc-nor-2018'
        ? NORWAY_TRANSACTION
        : attributed && counts && amount !== null && date !== null && projectId !== null
          ? id
          : null;
    return {
      id,
      donor_org_id: required(r, 'donor_org_id', file),
      co_donor_org_ids: coDonors,
      date_as_given: date,
      value_date: amount === null ? null : packDate(date, 'start'),
      amount,
      currency: amount === null ? null : required(r, 'currency', file),
      type_as_given: typeAsGiven,
      recipient_or_project: r['recipient_or_project'] ?? null,
      purpose: r['purpose'] ?? null,
      gpc_link: gpcLink,
      attributed_to_gpc: attributed,
      counts_as_contribution: counts,
      project_id: projectId,
      transaction_id: transactionId,
      source,
      confidence: required(r, 'confidence', file),
      notes: notes || null,
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(source),
    };
  });
}

/**
 * The corrections the data pack's README lists for gpc_facts.csv (from gpc_contributions.csv),
 * applied to the facts as seeded; the copied file itself stays as published.
 */
export function correctGpcFacts<T extends GpcFactTable>(facts: readonly T[]): T[] {
  const README = 'Corrected per the data pack README (gpc_contributions.csv section)';
  return facts.map((f) => {
    if (f.fact_type === 'RESULT' && f.code === 'TUN_FORENSICS') {
      return {
        ...f,
        date: '2021-03-24',
        source: `${f.source} ; https://www.unodc.org/romena/en/Stories/2021/March/unodc-provides-tunisia-with-200-000-usd-worth-of-forensic-equipment-and-software-to-stop-cybercrimes.html`,
        notes: `${README}: delivered on 2021-03-24 under a project funded by the US Department of State's Bureau of International Narcotics and Law Enforcement Affairs (INL). The USD 200,000 is the value of the equipment, not a contribution: never summed with contributions.`,
      };
    }
    if (f.fact_type === 'CONTRIBUTION' && f.code === 'NOR_2018') {
      return {
        ...f,
        notes:
          `${f.notes ?? ''} ${README}: a signed commitment, not only a pledge (the Prime Minister's speech: "we will sign a 35 mill NOK/4,4 mill USD agreement with UNODC later today").`.trim(),
      };
    }
    if (f.fact_type === 'DONOR' && f.code === 'GBR') {
      return {
        ...f,
        notes:
          `${f.notes ?? ''} ${README}: the 2016 Eastern Africa pages name the United Kingdom's channel as the Foreign and Commonwealth Office (FCO).`.trim(),
        source: `${f.source} ; https://www.unodc.org/easternafrica/en/Stories/cybercrime.html`,
      };
    }
    return f;
  });
}
