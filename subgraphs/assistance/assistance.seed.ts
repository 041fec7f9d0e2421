import type { Kysely } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, readStates, required } from '../../loaders/seed-data/csv.js';
import { DATA_PACK_LICENCE, dataPackAttribution } from '../../loaders/seed-data/data-pack.js';
import { FICTIONAL_ORGANIZATIONS, FICTIONAL_SOURCE } from '../../loaders/seed-data/synthetic.js';
import { GpcArea, GpcPillar } from '../../schema/gpc.js';
import { ReviewStatus } from '../../schema/review.js';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import type {
  AssistanceTables,
  NewActivityRow,
  NewAssistanceRequestRow,
  NewRequestStatusChangeRow,
} from './assistance.table.js';
import { ActivityType } from './codes.model.js';
import {
  readProjectFootprints,
  readRealActivities,
  readRealProjects,
  readTunisiaDelivery,
} from './real.seed.js';
import { PLANTED_ACTIVITIES, PLANTED_REQUESTS } from './synthetic-planted.seed.js';
import {
  generateSynthetic,
  SYNTHETIC_SOURCE,
  type SyntheticActivity,
  type SyntheticRequest,
} from './synthetic.seed.js';

const seedFile = (file: string) => projectPath('subgraphs', 'assistance', 'seed', file);

type Row = Record<string, string | null>;

const M49_SOURCE =
  'UNSD M49 via datasets/country-codes (ODC-PDDL-1.0), copied from the shared data pack (member_states.csv, observer_states.csv)';

async function readCountries() {
  return (await readStates(seedFile)).map((state) => ({
    iso3: state.iso3,
    region_m49: state.regionM49,
    source: M49_SOURCE,
  }));
}

async function readOrganizations() {
  const rows = [];
  for (const file of ['organizations.csv', 'organizations_more.csv']) {
    for (const row of await readCsv(seedFile(file))) {
      rows.push({
        id: required(row, 'id', file),
        name: required(row, 'name', file),
        source: `${file} (shared data pack): ${row['source'] ?? ''}`,
      });
    }
  }
  return rows;
}

async function readProjects() {
  const file = 'funding_projects.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    id: required(row, 'id', file),
    title: required(row, 'title', file),
    source: required(row, 'source', file),
    recipients: (row['recipient_iso3s'] ?? '').split(' ').filter(Boolean),
    startYear: row['planned_start'] ? Number(row['planned_start'].slice(0, 4)) : null,
    endYear: row['planned_end'] ? Number(row['planned_end'].slice(0, 4)) : null,
  }));
}

async function readOffenceCategories() {
  const file = 'offence_categories.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    code: required(row, 'code', file),
    scheme: required(row, 'scheme', file),
    source: `offence_categories.csv (shared data pack): ${row['source'] ?? ''}`,
  }));
}

/** The Global Programme facts specific enough to record (gpc_facts.csv), by code. */
async function readFacts(): Promise<Map<string, Row>> {
  const rows = await readCsv(seedFile('gpc_facts.csv'));
  return new Map(rows.map((r) => [r['code'] ?? '', r]));
}

/** Reported figures and facts that stay aggregates: never spread into invented activities. */
const REPORTED: readonly { code: string; country: string | null; pillar: string | null }[] = [
  { code: 'PRACTITIONERS_TRAINED_2023', country: null, pillar: 'CAPACITY_BUILDING' },
  { code: 'DOHA_CENTRE', country: 'QAT', pillar: null },
  { code: 'KAZ_2023', country: 'KAZ', pillar: 'REGULATORY_FRAMEWORK' },
  { code: 'COUNTRIES_2018', country: null, pillar: null },
];

function yearOf(value: string | null | undefined): number | null {
  return value && /^\d{4}/.test(value) ? Number(value.slice(0, 4)) : null;
}

function toActivityRow(a: SyntheticActivity): NewActivityRow {
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    modality: a.modality,
    start_date: a.startDate,
    end_date: a.endDate,
    location_iso3: a.locationIso3,
    location_city: null,
    beneficiary_iso3s: a.beneficiaryIso3s,
    beneficiary_institutions: a.institutions,
    implementer_ids: a.implementerIds,
    project_id: a.projectId,
    gpc_pillar: a.pillar,
    gpc_areas: a.areas,
    offence_category_codes: a.offenceCategories,
    participants_total: a.participants?.total ?? null,
    participants_female: a.participants?.female ?? null,
    participants_male: a.participants?.male ?? null,
    participants_other: a.participants?.other ?? null,
    participants_by_role: a.participants ? JSON.stringify(a.participants.byRole) : null,
    needs_assessment_id: a.needsAssessmentId,
    request_id: a.requestId,
    legislation_ids: a.legislationIds,
    provision_ids: a.provisionIds,
    synthetic: true,
    source: SYNTHETIC_SOURCE,
    confidence: 'to verify',
    notes: null,
    review_status: ReviewStatus.PUBLISHED,
    submitted_by_org_id: null,
  };
}

function toRequestRows(r: SyntheticRequest): {
  request: NewAssistanceRequestRow;
  history: NewRequestStatusChangeRow[];
} {
  return {
    request: {
      id: r.id,
      country_iso3: r.countryIso3,
      received_on: r.receivedOn,
      gpc_areas: r.areas,
      description: r.description,
      status: r.history.at(-1)!.status,
      needs_assessment_id: r.needsAssessmentId,
      synthetic: true,
      source: SYNTHETIC_SOURCE,
      review_status: ReviewStatus.PUBLISHED,
    },
    history: r.history.map((h) => ({
      request_id: r.id,
      status: h.status,
      changed_on: h.on,
      note: null,
    })),
  };
}

/**
 * Reference copies (countries with regions, organisations, projects, offence categories), the
 * cited Global Programme records from gpc_facts.csv, then the planted and random synthetic sets.
 * Idempotent: ids are stable and existing rows are left alone.
 */
export async function seedAssistance(
  db: Kysely<AssistanceTables>,
  options: SeedOptions,
): Promise<SeedReport> {
  const [countries, organizations, projects, offences, facts, realProjects, realActivities] =
    await Promise.all([
      readCountries(),
      readOrganizations(),
      readProjects(),
      readOffenceCategories(),
      readFacts(),
      readRealProjects(),
      readRealActivities(),
    ]);
  const report: Record<string, number> = {};
  const count = async (name: string, rows: Promise<unknown[]>) => {
    report[name] = (await rows).length;
  };
  await count(
    'countriesInserted',
    db
      .insertInto('known_country')
      .values(countries)
      .onConflict((oc) => oc.column('iso3').doNothing())
      .returning('iso3')
      .execute(),
  );
  await count(
    'organizationsInserted',
    db
      .insertInto('known_organization')
      .values([
        ...organizations,
        // The demo set's implementers are fictional: no synthetic activity names a real one.
        ...(options.synthetic
          ? FICTIONAL_ORGANIZATIONS.map((o) => ({
              id: o.id,
              name: o.name,
              source: FICTIONAL_SOURCE,
            }))
          : []),
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute(),
  );
  await count(
    'projectsInserted',
    db
      .insertInto('known_project')
      .values([
        ...projects.map(({ id, title, source }) => ({ id, title, source })),
        ...realProjects,
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute(),
  );
  await count(
    'projectFootprintsInserted',
    db
      .insertInto('project_footprint')
      .values(await readProjectFootprints())
      .onConflict((oc) => oc.column('project_id').doNothing())
      .returning('project_id')
      .execute(),
  );
  await count(
    'offenceCategoriesInserted',
    db
      .insertInto('known_offence_category')
      .values(offences)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute(),
  );

  const fact = (code: string) => {
    const row = facts.get(code);
    if (!row) {
      throw new Error(`gpc_facts.csv: the ${code} row is required`);
    }
    return row;
  };
  await count(
    'reportedResultsInserted',
    db
      .insertInto('reported_result')
      .values(
        REPORTED.map(({ code, country, pillar }) => {
          const row = fact(code);
          return {
            code,
            label: required(row, 'label', 'gpc_facts.csv'),
            year: yearOf(row['date']),
            value: row['value'] ?? null,
            unit: row['unit'] ?? null,
            value_note: row['value_note'] ?? null,
            country_iso3: country,
            gpc_pillar: pillar ?? null,
            source: required(row, 'source', 'gpc_facts.csv'),
            confidence: required(row, 'confidence', 'gpc_facts.csv'),
            notes: row['notes'] ?? null,
          };
        }),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute(),
  );

  const tunisia = fact('TUN_FORENSICS');
  const cited: NewActivityRow = {
    ...toActivityRow({
      id: 'act-gpc-tun-forensics',
      title: required(tunisia, 'label', 'gpc_facts.csv'),
      type: ActivityType.EQUIPMENT,
      modality: null,
      startDate: null,
      endDate: null,
      locationIso3: null,
      beneficiaryIso3s: ['TUN'],
      institutions: [],
      implementerIds: ['unodc'],
      projectId: 'gpc',
      pillar: GpcPillar.CAPACITY_BUILDING,
      areas: [GpcArea.DIGITAL_FORENSICS],
      offenceCategories: [],
      participants: null,
      needsAssessmentId: null,
      requestId: null,
      legislationIds: [],
      provisionIds: [],
    }),
    ...(await readTunisiaDelivery()),
    synthetic: false,
    source: `${required(tunisia, 'source', 'gpc_facts.csv')} ; https://www.unodc.org/romena/en/Stories/2021/March/unodc-provides-tunisia-with-200-000-usd-worth-of-forensic-equipment-and-software-to-stop-cybercrimes.html`,
    confidence: required(tunisia, 'confidence', 'gpc_facts.csv'),
    notes: `Value ${tunisia['value'] ?? '?'} ${tunisia['unit'] ?? ''} as reported: the value of the equipment, not a contribution. Delivered on 2021-03-24 under the UNODC project "Supporting Tunisian Capacities to Prevent and Combat Cybercrime", funded by the US Department of State (INL) (gpc_activities.csv; the data pack README's correction of gpc_facts.csv, whose row gives no date). Pillar and area assigned by this project from the nature of the delivery (to verify).`,
    licence: DATA_PACK_LICENCE,
    attribution: dataPackAttribution(required(tunisia, 'source', 'gpc_facts.csv')),
  };

  if (!options.synthetic) {
    await count(
      'activitiesInserted',
      db
        .insertInto('activity')
        .values([cited, ...realActivities])
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute(),
    );
    return report;
  }
  const { requests, activities } = generateSynthetic(
    countries.map((c) => ({ iso3: c.iso3, regionM49: c.region_m49 })),
    projects,
  );
  const allRequests = [...PLANTED_REQUESTS, ...requests].map(toRequestRows);
  await count(
    'requestsInserted',
    db
      .insertInto('assistance_request')
      .values(allRequests.map((r) => r.request))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute(),
  );
  // History rows have no natural key: add them only for requests that have none yet.
  const withHistory = new Set(
    (await db.selectFrom('request_status_change').select('request_id').distinct().execute()).map(
      (r) => r.request_id,
    ),
  );
  const history = allRequests
    .filter((r) => !withHistory.has(r.request.id))
    .flatMap((r) => r.history);
  report['statusChangesInserted'] =
    history.length === 0
      ? 0
      : (await db.insertInto('request_status_change').values(history).returning('id').execute())
          .length;
  await count(
    'activitiesInserted',
    db
      .insertInto('activity')
      .values([
        cited,
        ...realActivities,
        ...[...PLANTED_ACTIVITIES, ...activities].map(toActivityRow),
      ])
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute(),
  );
  return report;
}
