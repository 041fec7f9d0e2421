import type { Kysely } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, readStates, required } from '../../loaders/seed-data/csv.js';
import { DATA_PACK_LICENCE, dataPackAttribution } from '../../loaders/seed-data/data-pack.js';
import {
  FICTIONAL_AGENCY,
  FICTIONAL_ORGANIZATIONS,
  FICTIONAL_SOURCE,
} from '../../loaders/seed-data/synthetic.js';
import { insertNew, upsertChanged } from '../../loaders/seed-data/upsert.js';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import {
  ActivityStatus,
  type GpcArea,
  type GpcPillar,
  OrganisationRole,
  TransactionType,
} from './codes.model.js';
import type { FundingTables, GpcFactTable } from './funding.table.js';
import { correctGpcFacts, readRealFunding } from './real.seed.js';
import {
  GPC_ID,
  generateSynthetic,
  PROGRAMME_DONORS,
  SYNTHETIC_PROGRAMME_ID,
  SYNTHETIC_PROJECTS,
  SYNTHETIC_SOURCE,
} from './synthetic.seed.js';

type NewGpcFactRow = GpcFactTable & Record<string, unknown>;

const seedFile = (file: string) => projectPath('subgraphs', 'funding', 'seed', file);

const M49_SOURCE =
  'UNSD M49 via datasets/country-codes (ODC-PDDL-1.0), copied from the shared data pack (member_states.csv)';

type Row = Record<string, string | null>;

async function readOrganizations() {
  const rows = [];
  for (const file of ['organizations.csv', 'organizations_more.csv']) {
    for (const row of await readCsv(seedFile(file))) {
      rows.push({
        id: required(row, 'id', file),
        name: required(row, 'name', file),
        iati_org_id: row['iati_org_id'] ?? null,
        source: `${file} (shared data pack): ${row['source'] ?? ''}`,
      });
    }
  }
  return rows;
}

async function readCountries() {
  return (await readStates(seedFile)).map((state) => ({
    iso3: state.iso3,
    iso2: state.iso2,
    region_m49: state.regionM49,
    source: M49_SOURCE,
  }));
}

async function readRates() {
  const file = 'exchange_rates.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    currency: required(row, 'currency', file),
    period: required(row, 'period', file),
    units_per_usd: required(row, 'units_per_usd', file),
    source: required(row, 'source', file),
    licence: required(row, 'licence', file),
    confidence: required(row, 'confidence', file),
  }));
}

interface GpcFacts {
  pillars: GpcPillar[];
  areas: GpcArea[];
  donors: string[];
  donorSource: string;
  programmeSource: string;
  norway: Row;
  /** Every fact of the file, for `globalProgrammeFacts`. */
  all: NewGpcFactRow[];
}

const DONOR_ORG: Readonly<Record<string, string>> = {
  AUS: 'gov-aus',
  CAN: 'gov-can',
  JPN: 'gov-jpn',
  NOR: 'gov-nor',
  GBR: 'gov-gbr',
  USA: 'gov-usa',
};

async function readGpcFacts(): Promise<GpcFacts> {
  const file = 'gpc_facts.csv';
  const rows = await readCsv(seedFile(file));
  const all = correctGpcFacts(
    rows.map((r) => ({
      code: required(r, 'code', file),
      fact_type: required(r, 'fact_type', file),
      label: required(r, 'label', file),
      value: r['value'] ?? null,
      unit: r['unit'] ?? null,
      value_note: r['value_note'] ?? null,
      date: r['date'] ?? null,
      source: required(r, 'source', file),
      confidence: required(r, 'confidence', file),
      notes: r['notes'] ?? null,
    })),
  );
  const of = (type: string) => rows.filter((r) => r['fact_type'] === type);
  const norway = rows.find((r) => r['code'] === 'NOR_2018');
  const established = rows.find((r) => r['code'] === 'GPC_ESTABLISHED');
  if (!norway || !established) {
    throw new Error(`${file}: the NOR_2018 and GPC_ESTABLISHED rows are required`);
  }
  const donors = of('DONOR').map((r) => {
    const org = DONOR_ORG[required(r, 'code', file)];
    if (!org) {
      throw new Error(`${file}: donor ${r['code']} has no organisation id`);
    }
    return org;
  });
  return {
    pillars: of('PILLAR').map((r) => required(r, 'code', file) as GpcPillar),
    areas: of('AREA').map((r) => required(r, 'code', file) as GpcArea),
    donors,
    donorSource: required(of('DONOR')[0]!, 'source', file),
    programmeSource: required(established, 'source', file),
    norway,
    all,
  };
}

/**
 * The Global Programme on Cybercrime with its founding donors and Norway's cited 2018
 * contribution (real, from gpc_facts.csv), then, in demo mode only, the synthetic set: fictional
 * donors paying into a fictional programme, never into the Global Programme. Idempotent.
 */
export async function seedFunding(
  db: Kysely<FundingTables>,
  options: SeedOptions,
): Promise<SeedReport> {
  const [organizations, countries, rates, facts, real] = await Promise.all([
    readOrganizations(),
    readCountries(),
    readRates(),
    readGpcFacts(),
    readRealFunding(),
  ]);
  const regionOf = new Map(countries.map((c) => [c.iso3, c.region_m49]));
  const synthetic = options.synthetic
    ? generateSynthetic()
    : { participants: [], transactions: [], budgets: [] };
  const syntheticProjects = options.synthetic ? SYNTHETIC_PROJECTS : [];
  const norwayAmount = required(facts.norway, 'value', 'gpc_facts.csv');
  const norwayCurrency = required(facts.norway, 'unit', 'gpc_facts.csv');
  const norwayDate = required(facts.norway, 'date', 'gpc_facts.csv');

  const projects = [
    {
      id: GPC_ID,
      iati_identifier: null,
      title: 'Global Programme on Cybercrime',
      description:
        'UNODC Global Programme on Cybercrime, established in 2013 under GA res. 65/230 and CCPCJ res. 22/7 and 22/8. Start and end dates are not seeded: only the year of establishment is sourced.',
      status: ActivityStatus.IMPLEMENTATION,
      planned_start: null,
      planned_end: null,
      actual_start: null,
      actual_end: null,
      parent_id: null,
      gpc_pillars: facts.pillars,
      gpc_areas: facts.areas,
      sectors: [],
      synthetic: false,
      source: `${facts.programmeSource} ; donors: ${facts.donorSource}`,
      confidence: 'verified',
      review_status: 'PUBLISHED',
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(`${facts.programmeSource} ; ${facts.donorSource}`),
    },
    ...real.projects,
    ...(options.synthetic
      ? [
          {
            id: SYNTHETIC_PROGRAMME_ID,
            iati_identifier: null,
            title: 'Example Cybercrime Programme, fictional (synthetic)',
            description:
              'A fictional programme that holds the synthetic projects and money of the demo set; it does not exist and is not the Global Programme on Cybercrime.',
            status: ActivityStatus.IMPLEMENTATION,
            planned_start: '2016-01-01',
            planned_end: '2026-12-31',
            actual_start: null,
            actual_end: null,
            parent_id: null,
            gpc_pillars: facts.pillars,
            gpc_areas: facts.areas,
            sectors: [],
            synthetic: true,
            source: FICTIONAL_SOURCE,
            confidence: 'to verify',
            review_status: 'PUBLISHED',
            licence: null,
            attribution: null,
          },
        ]
      : []),
    ...syntheticProjects.map((p) => ({
      id: p.id,
      iati_identifier: null,
      title: p.title,
      description: p.description,
      status: p.status,
      planned_start: `${p.startYear}-01-01`,
      planned_end: `${p.endYear}-12-31`,
      actual_start: null,
      actual_end: null,
      parent_id: SYNTHETIC_PROGRAMME_ID,
      gpc_pillars: p.pillars,
      gpc_areas: p.areas,
      sectors: p.sectors,
      synthetic: true,
      source: SYNTHETIC_SOURCE,
      confidence: 'to verify',
      review_status: 'PUBLISHED',
      licence: null,
      attribution: null,
    })),
  ];
  const participants = [
    ...real.participants,
    ...facts.donors.map((org) => ({
      project_id: GPC_ID,
      organization_id: org,
      role: OrganisationRole.FUNDING,
    })),
    { project_id: GPC_ID, organization_id: 'unodc', role: OrganisationRole.ACCOUNTABLE },
    { project_id: GPC_ID, organization_id: 'unodc', role: OrganisationRole.IMPLEMENTING },
    ...(options.synthetic
      ? [
          ...PROGRAMME_DONORS.map((org) => ({
            project_id: SYNTHETIC_PROGRAMME_ID,
            organization_id: org,
            role: OrganisationRole.FUNDING,
          })),
          {
            project_id: SYNTHETIC_PROGRAMME_ID,
            organization_id: FICTIONAL_AGENCY,
            role: OrganisationRole.ACCOUNTABLE,
          },
          {
            project_id: SYNTHETIC_PROGRAMME_ID,
            organization_id: FICTIONAL_AGENCY,
            role: OrganisationRole.IMPLEMENTING,
          },
        ]
      : []),
    ...synthetic.participants.map((p) => ({
      project_id: p.projectId,
      organization_id: p.organizationId,
      role: p.role,
    })),
  ];
  const realRecipients = real.recipients.map((r) => {
    const region = regionOf.get(r.country_iso3);
    if (!region) {
      throw new Error(
        `partnership_projects.csv ${r.project_id}: unknown country ${r.country_iso3}`,
      );
    }
    return { ...r, percentage: null, region_m49: region };
  });
  const syntheticRecipients = syntheticProjects.flatMap((p) =>
    p.recipients.map((r) => {
      const region = regionOf.get(r.iso3);
      if (!region) {
        throw new Error(`synthetic project ${p.id}: unknown recipient ${r.iso3}`);
      }
      return {
        project_id: p.id,
        country_iso3: r.iso3,
        percentage: r.percentage,
        region_m49: region,
      };
    }),
  );
  const recipients = [...realRecipients, ...syntheticRecipients];
  const transactions = [
    {
      id: 'gpc-nor-2018',
      project_id: GPC_ID,
      // The data pack README: a signed commitment (the Prime Minister's speech), not a pledge.
      type: TransactionType.INCOMING_COMMITMENT,
      transaction_date: norwayDate,
      amount: norwayAmount,
      currency: norwayCurrency,
      value_date: norwayDate,
      provider_org_id: 'gov-nor',
      receiver_org_id: 'unodc',
      provider_activity_id: null,
      earmarking: null,
      description: `${required(facts.norway, 'label', 'gpc_facts.csv')}. ${facts.norway['value_note'] ?? ''} (press release). Recorded as an incoming commitment: the Prime Minister's speech says the agreement was to be signed that day (data pack README correction); its receipt is not sourced.`,
      synthetic: false,
      source: required(facts.norway, 'source', 'gpc_facts.csv'),
      confidence: required(facts.norway, 'confidence', 'gpc_facts.csv'),
      review_status: 'PUBLISHED',
      submitted_by_org_id: null,
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(required(facts.norway, 'source', 'gpc_facts.csv')),
    },
    ...real.transactions,
    ...synthetic.transactions.map((t) => ({
      id: t.id,
      project_id: t.projectId,
      type: t.type,
      transaction_date: t.date,
      amount: t.amount,
      currency: t.currency,
      value_date: t.date,
      provider_org_id: t.provider,
      receiver_org_id: t.receiver,
      provider_activity_id: t.providerActivityId,
      earmarking: t.earmarking,
      description: 'Synthetic transaction (illustrative only).',
      synthetic: true,
      source: SYNTHETIC_SOURCE,
      confidence: 'to verify',
      review_status: 'PUBLISHED',
      submitted_by_org_id: null,
      licence: null,
      attribution: null,
    })),
  ];
  const budgets = [
    ...real.budgets,
    ...synthetic.budgets.map((b) => ({
      id: b.id,
      project_id: b.projectId,
      type: 'ORIGINAL',
      status: 'COMMITTED',
      period_start: `${b.year}-01-01`,
      period_end: `${b.year}-12-31`,
      amount: b.amount,
      currency: 'USD',
      value_date: `${b.year}-01-01`,
      synthetic: true,
      source: SYNTHETIC_SOURCE,
    })),
  ];

  return db.transaction().execute(async (trx) => {
    const report: Record<string, number> = {};
    const run = async (
      name: string,
      table: string,
      rows: Record<string, unknown>[],
      keys: string[],
    ) => {
      // A table of key columns only (project_participant) has nothing to update.
      const keysOnly = Object.keys(rows[0] ?? {}).every((column) => keys.includes(column));
      const [inserted, updated] = keysOnly
        ? [await insertNew(trx, table, keys, rows), 0]
        : await upsertChanged(trx, table, keys, rows);
      report[`${name}Inserted`] = inserted;
      report[`${name}Updated`] = updated;
    };
    await run(
      'organizations',
      'known_organization',
      [
        ...organizations,
        ...(options.synthetic
          ? FICTIONAL_ORGANIZATIONS.map((o) => ({
              id: o.id,
              name: o.name,
              iati_org_id: null,
              source: FICTIONAL_SOURCE,
            }))
          : []),
      ],
      ['id'],
    );
    await run('countries', 'known_country', countries, ['iso3']);
    await run('rates', 'exchange_rate', rates, ['currency', 'period']);
    await run('gpcFacts', 'gpc_fact', facts.all, ['fact_type', 'code']);
    // The programmes first, so their children can name them as parent.
    const isProgramme = (p: { parent_id: string | null }) => p.parent_id === null;
    await run('programmes', 'project', projects.filter(isProgramme), ['id']);
    await run(
      'projects',
      'project',
      projects.filter((p) => !isProgramme(p)),
      ['id'],
    );
    await run('participants', 'project_participant', participants, [
      'project_id',
      'organization_id',
      'role',
    ]);
    await run('recipients', 'project_recipient_country', recipients, [
      'project_id',
      'country_iso3',
    ]);
    await run('transactions', 'funding_transaction', transactions, ['id']);
    await run('budgets', 'budget', budgets, ['id']);
    await run('contributionRecords', 'contribution_record', real.records, ['id']);
    return report;
  });
}
