import type { Insertable } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, required } from '../../loaders/seed-data/csv.js';
import {
  DATA_PACK_LICENCE,
  dataPackAttribution,
  datesAsGiven,
  packDate,
  packList,
} from '../../loaders/seed-data/data-pack.js';
import { GpcArea, GpcPillar } from '../../schema/gpc.js';
import { ReviewStatus } from '../../schema/review.js';
import type { NewActivityRow, ProjectFootprintTable } from './assistance.table.js';
import { ActivityType } from './codes.model.js';

type NewProjectFootprintRow = Insertable<ProjectFootprintTable>;

/**
 * The real technical-assistance activities of the data pack (gpc_activities.csv, 2016–2023), with
 * the programme the source names. Type, pillar and areas are this project's classification of
 * what the source says (the title and the type as given), stated in `notes`; nothing is invented
 * about the activity itself.
 */

const seedFile = (file: string) => projectPath('subgraphs', 'assistance', 'seed', file);

/** The pack row that the seed already holds as `act-gpc-tun-forensics` (from gpc_facts.csv). */
const SAME_AS_CITED = 'unodc-20210324-tun-equipment';

const TYPE_OF: Readonly<Record<string, ActivityType>> = {
  training: ActivityType.TRAINING,
  equipment: ActivityType.EQUIPMENT,
  workshop: ActivityType.CONFERENCE,
  roundtable: ActivityType.CONFERENCE,
  meeting: ActivityType.CONFERENCE,
  'coordination meeting': ActivityType.CONFERENCE,
  'awareness campaign': ActivityType.CONFERENCE,
  campaign: ActivityType.CONFERENCE,
};

const PILLAR_OF: Readonly<Record<string, GpcPillar>> = {
  roundtable: GpcPillar.COOPERATION,
  meeting: GpcPillar.COOPERATION,
  'coordination meeting': GpcPillar.COOPERATION,
  'awareness campaign': GpcPillar.PREVENTION,
  campaign: GpcPillar.PREVENTION,
};

const AREA_WORDS: readonly [RegExp, GpcArea][] = [
  [/electronic evidence|digital evidence|e-evidence/i, GpcArea.DIGITAL_EVIDENCE],
  [/forensic/i, GpcArea.DIGITAL_FORENSICS],
  [/investigat|intelligence|drug traffick/i, GpcArea.CYBER_INVESTIGATIONS],
  [/crypto|darknet|dark web|cyber assets|virtual asset/i, GpcArea.VIRTUAL_ASSETS],
  [/child|ocse/i, GpcArea.OCSEA],
  [/campaign|prevent/i, GpcArea.CYBERCRIME_PREVENTION],
];

/** Projects the source names for an activity (funding's ids; `gpc` for the programme itself). */
const PROJECT_OF: Readonly<Record<string, string>> = {
  'gpc-20190530-gtm-results': 'unodc-icac-central-america',
  'gpc-20200424-gtm-campaign': 'unodc-icac-central-america',
  'gpc-icac-gtm-regional-workshop': 'unodc-icac-central-america',
  'gpc-icac-gtm-open-talks': 'unodc-icac-central-america',
  'gpc-els-canada-review': 'unodc-els-pnc-cybercrime',
  'unodc-20180820-lao-roundtable': 'unodc-sea-wildlife-cybercrime',
  'unodc-20171120-kaz-drugs-online': 'unodc-roca-cybercrime-central-asia',
};

/** Whether the programme cell says the Global Programme ran it (alone or jointly). */
function underGpc(programme: string): boolean {
  return /\bGPC\b/.test(programme) && !/GPC not named|not GPC/.test(programme);
}

function participantsOf(text: string | null): {
  total: number | null;
  female: number | null;
  male: number | null;
  other: number | null;
} {
  const total = text && /^\d+/.test(text) ? Number(/^\d+/.exec(text)![0]) : null;
  if (total === null) {
    return { total: null, female: null, male: null, other: null };
  }
  const female = /(\d+) women/.exec(text ?? '');
  const male = /(\d+) men/.exec(text ?? '');
  const f = female ? Number(female[1]) : 0;
  const m = male ? Number(male[1]) : 0;
  // Everyone whose sex the source does not state counts as "other or not stated".
  return { total, female: f, male: m, other: total - f - m };
}

/** The activity rows, real (`synthetic: false`), each with source, licence and attribution. */
export async function readRealActivities(): Promise<NewActivityRow[]> {
  const file = 'gpc_activities.csv';
  const rows: NewActivityRow[] = [];
  for (const r of await readCsv(seedFile(file))) {
    const id = required(r, 'id', file);
    if (id === SAME_AS_CITED) {
      continue;
    }
    const typeAsGiven = required(r, 'type', file);
    const type = TYPE_OF[typeAsGiven];
    if (!type) {
      throw new Error(`${file}: unknown type "${typeAsGiven}" in row ${id}`);
    }
    const title = required(r, 'title', file);
    const programme = required(r, 'programme', file);
    const source = required(r, 'source', file);
    const host = r['country_iso3'] ?? null;
    const beneficiaries = packList(r['participant_countries']);
    const areas = AREA_WORDS.filter(([re]) => re.test(`${title} ${typeAsGiven}`)).map(
      ([, area]) => area,
    );
    const people = participantsOf(r['participants'] ?? null);
    const funders = packList(r['funders']);
    rows.push({
      id,
      title,
      type,
      modality: /online/i.test(title) ? 'ONLINE' : null,
      start_date: packDate(r['date_start'], 'start') ?? packDate(r['date_end'], 'start'),
      end_date: packDate(r['date_end'], 'end') ?? packDate(r['date_start'], 'end'),
      location_iso3: host,
      location_city: null,
      beneficiary_iso3s: beneficiaries.length > 0 ? beneficiaries : host ? [host] : [],
      beneficiary_institutions: [],
      implementer_ids: ['unodc', ...packList(r['partners'])],
      project_id: PROJECT_OF[id] ?? (underGpc(programme) ? 'gpc' : null),
      gpc_pillar: PILLAR_OF[typeAsGiven] ?? GpcPillar.CAPACITY_BUILDING,
      gpc_areas: [...new Set(areas)],
      offence_category_codes: [],
      participants_total: people.total,
      participants_female: people.female,
      participants_male: people.male,
      participants_other: people.other,
      participants_by_role: people.total === null ? null : '[]',
      needs_assessment_id: null,
      request_id: null,
      legislation_ids: [],
      provision_ids: [],
      synthetic: false,
      source,
      confidence: required(r, 'confidence', file),
      notes: [
        `Type as the source gives it: ${typeAsGiven}.`,
        r['participants'] ? `Participants as stated: ${r['participants']}.` : null,
        funders.length > 0 ? `Funded by: ${funders.join(', ')}.` : null,
        r['notes'] ?? null,
        'Activity type, pillar and areas are this project’s classification from the type and title (to verify); a date given without its start or end is used for both.',
      ]
        .filter((s) => s !== null)
        .join(' '),
      programme,
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(source),
      review_status: ReviewStatus.PUBLISHED,
      submitted_by_org_id: null,
    });
  }
  return rows;
}

/** Each real project's implementers, countries and dates, for `projectOverlaps`. */
export async function readProjectFootprints(): Promise<NewProjectFootprintRow[]> {
  const file = 'partnership_projects.csv';
  return (await readCsv(seedFile(file))).map((r) => {
    const id = required(r, 'id', file);
    const source = required(r, 'source', file);
    return {
      project_id: id === 'unodc-gpc' ? 'gpc' : id,
      implementer_ids: packList(r['implementers']),
      country_iso3s: packList(r['beneficiary_countries']),
      start_date: packDate(r['start_on'], 'start'),
      end_date: packDate(r['end_on'], 'end'),
      dates_as_given: datesAsGiven(r['start_on'] ?? null, r['end_on'] ?? null),
      synthetic: false,
      source,
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(source),
    };
  });
}

/**
 * What the data pack adds to the cited Tunisia delivery (`act-gpc-tun-forensics`): its date, the
 * INL-funded UNODC project it names and its own page, as the README's correction says.
 */
export async function readTunisiaDelivery(): Promise<Partial<NewActivityRow>> {
  const file = 'gpc_activities.csv';
  const row = (await readCsv(seedFile(file))).find((r) => r['id'] === SAME_AS_CITED);
  if (!row) {
    throw new Error(`${file}: the ${SAME_AS_CITED} row is required`);
  }
  const date = required(row, 'date_start', file);
  return {
    start_date: date,
    end_date: date,
    project_id: 'unodc-tun-cybercrime',
    programme: required(row, 'programme', file),
  };
}

/** The projects the activities may name: the data pack's, under funding's ids. */
export async function readRealProjects(): Promise<{ id: string; title: string; source: string }[]> {
  const file = 'partnership_projects.csv';
  return (await readCsv(seedFile(file)))
    .map((r) => ({
      id: required(r, 'id', file),
      title: required(r, 'title', file),
      source: `partnership_projects.csv (shared data pack): ${required(r, 'source', file)}`,
    }))
    .filter((p) => p.id !== 'unodc-gpc');
}
