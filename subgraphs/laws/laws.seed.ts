import type { Kysely } from 'kysely';
import { projectPath, readCsv, required } from '../../loaders/seed-files.js';
import { insertNew, upsertChanged } from '../../loaders/seed-upsert.js';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import { CodeList } from './code-list.entity.js';
import type {
  LawsTables,
  NewCaseLawRow,
  NewCodeEntryRow,
  NewInstrumentParticipationRow,
  NewInstrumentRow,
  NewLegalProvisionRow,
  NewLegislationRow,
  NewLessonLearnedRow,
} from './laws.table.js';

type CsvRow = Record<string, string | null>;
const seedFile = (file: string) => projectPath('subgraphs', 'laws', 'seed', file);

const list = (value: string | null | undefined): string[] =>
  value
    ? value
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

const year = (value: string | null | undefined): number | null => (value ? Number(value) : null);

function pick(row: CsvRow, columns: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
}

/** VERIFIED only when every filled per-treaty confidence column is verified. */
function allVerified(row: CsvRow, prefixes: readonly string[]): string {
  const values = prefixes.map((p) => row[`${p}_confidence`]).filter((v): v is string => !!v);
  return values.length > 0 && values.every((v) => v === 'verified') ? 'verified' : 'to verify';
}

async function readCodeEntries(): Promise<NewCodeEntryRow[]> {
  const rows: NewCodeEntryRow[] = [];
  const offences = 'offence_categories.csv';
  (await readCsv(seedFile(offences))).forEach((row, i) => {
    rows.push({
      list: CodeList.OFFENCE_CATEGORY,
      code: required(row, 'code', offences),
      title: required(row, 'title', offences),
      scheme: required(row, 'scheme', offences),
      article: row['article'] ?? null,
      concepts: list(row['concept']),
      attributes: pick(row, [
        'group_code',
        'group_title',
        'coarse_tag',
        'budapest_code',
        'uncc_code',
        'cs2013_code',
        'cets189_code',
      ]),
      sort_order: i,
      source: required(row, 'source', offences),
      confidence: required(row, 'confidence', offences),
      notes: row['notes'] ?? null,
    });
  });
  const treatyColumns = (prefixes: readonly string[]) =>
    prefixes.flatMap((p) => [`${p}_article`, `${p}_title`, `${p}_confidence`]);
  for (const [file, codeList, prefixes, extra] of [
    ['procedural_powers.csv', CodeList.PROCEDURAL_POWER, ['budapest', 'uncc'], []],
    [
      'cooperation_mechanisms.csv',
      CodeList.COOPERATION_MECHANISM,
      ['budapest', 'uncc', 'cets224'],
      ['designated_authority_type'],
    ],
  ] as const) {
    (await readCsv(seedFile(file))).forEach((row, i) => {
      rows.push({
        list: codeList,
        code: required(row, 'code', file),
        title: required(row, 'title', file),
        scheme: null,
        article: null,
        concepts: [],
        attributes: pick(row, [...treatyColumns(prefixes), ...extra]),
        sort_order: i,
        source: required(row, 'source', file),
        confidence: allVerified(row, prefixes),
        notes: row['notes'] ?? null,
      });
    });
  }
  const issues = 'cross_cutting_issues.csv';
  (await readCsv(seedFile(issues))).forEach((row, i) => {
    rows.push({
      list: CodeList.CROSS_CUTTING_ISSUE,
      code: required(row, 'code', issues),
      title: required(row, 'title', issues),
      scheme: null,
      article: null,
      concepts: [],
      attributes: pick(row, [
        'description',
        'budapest_articles',
        'budapest_confidence',
        'uncc_articles',
        'uncc_confidence',
      ]),
      sort_order: i,
      source: required(row, 'source', issues),
      confidence: required(row, 'confidence', issues),
      notes: row['notes'] ?? null,
    });
  });
  const crimes = 'crime_types.csv';
  for (const row of await readCsv(seedFile(crimes))) {
    rows.push({
      list: CodeList.CRIME_TYPE,
      code: required(row, 'code', crimes),
      title: required(row, 'label', crimes),
      scheme: null,
      article: null,
      concepts: [],
      attributes: '{}',
      sort_order: Number(required(row, 'sort_order', crimes)),
      source: required(row, 'source', crimes),
      confidence: required(row, 'confidence', crimes),
      notes: row['notes'] ?? null,
    });
  }
  return rows;
}

/** "… after deposit of the 40th instrument …" → 40; null where the rule is not a plain count. */
export function consentsNeededOf(rule: string | null | undefined): number | null {
  const match = rule?.match(/deposit of the (\d+)(?:st|nd|rd|th) instrument/);
  return match ? Number(match[1]) : null;
}

async function readInstruments(): Promise<NewInstrumentRow[]> {
  const file = 'instruments.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    code: required(row, 'code', file),
    title: required(row, 'title', file),
    short_title: required(row, 'short_title', file),
    series_number: row['series_number'] ?? null,
    organization_id: row['organization'] ?? null,
    depositary: row['depositary'] ?? null,
    parent_code: row['parent_code'] ?? null,
    adopted_on: row['adopted_on'] ?? null,
    opened_for_signature_on: row['opened_for_signature_on'] ?? null,
    opened_for_signature_at: row['opened_for_signature_at'] ?? null,
    signature_closes_on: row['signature_closes_on'] ?? null,
    entry_into_force_on: row['entry_into_force_on'] ?? null,
    entry_into_force_rule: row['entry_into_force_rule'] ?? null,
    consents_needed: consentsNeededOf(row['entry_into_force_rule']),
    source: required(row, 'source', file),
    confidence: required(row, 'confidence', file),
    notes: row['notes'] ?? null,
  }));
}

async function readParticipations(): Promise<NewInstrumentParticipationRow[]> {
  const file = 'instrument_participation.csv';
  return (await readCsv(seedFile(file))).map((row) => {
    const instrument = required(row, 'instrument_code', file);
    const participant = required(row, 'participant', file);
    return {
      id: `${instrument}:${participant}`,
      instrument_code: instrument,
      participant,
      participant_type: required(row, 'participant_type', file),
      status: required(row, 'status', file),
      signed_on: row['signed_on'] ?? null,
      consent_type: row['consent_type'] ?? null,
      consent_on: row['consent_on'] ?? null,
      entry_into_force_on: row['entry_into_force_on'] ?? null,
      as_of: row['as_of'] ?? null,
      source: required(row, 'source', file),
      confidence: required(row, 'confidence', file),
      notes: row['notes'] ?? null,
    };
  });
}

/**
 * Links between seeded laws that the data pack states in its notes: Chile's Ley 21.459 replaced
 * Ley 19.223; Australia's Cybercrime Act 2001 inserted Part 10.7 into the Criminal Code.
 */
const AMENDS: Readonly<Record<string, string[]>> = {
  'CHL-L21459-2022': ['CHL-L19223-1993'],
  'AUS-CYBERCRIME-2001': ['AUS-CCA1995-P10.7'],
};

/** Laws the data pack notes as replaced; every other seeded law defaults to IN_FORCE. */
const REPEALED = new Set(['CHL-L19223-1993']);

async function readLegislation(): Promise<NewLegislationRow[]> {
  const file = 'national_laws.csv';
  return (await readCsv(seedFile(file))).map((row) => {
    const id = required(row, 'id', file);
    const source = row['source'] ?? 'national_laws.csv (source to add)';
    return {
      id,
      country_iso3: required(row, 'country_iso3', file),
      title: required(row, 'title', file),
      original_title: null,
      original_language: null,
      type: required(row, 'type', file),
      year: year(row['year']),
      adopted_on: row['adopted_on'] ?? null,
      in_force_on: row['in_force_on'] ?? null,
      status: REPEALED.has(id) ? 'REPEALED' : 'IN_FORCE',
      amends: AMENDS[id] ?? [],
      document_url: /^https?:\/\/\S+$/.test(source) ? source : null,
      source,
      confidence: required(row, 'confidence', file),
      notes: row['notes'] ?? null,
      last_verified_on: null,
      synthetic: false,
      review_status: 'PUBLISHED',
    };
  });
}

async function readProvisions(
  laws: readonly NewLegislationRow[],
  codes: readonly NewCodeEntryRow[],
): Promise<NewLegalProvisionRow[]> {
  const file = 'provisions.csv';
  const countryOf = new Map(laws.map((l) => [l.id, l.country_iso3]));
  const known = new Set(codes.map((c) => `${c.list}:${c.code}`));
  const checked = (row: CsvRow, column: string, codeList: CodeList): string[] => {
    const values = list(row[column]);
    for (const code of values) {
      if (!known.has(`${codeList}:${code}`)) {
        throw new Error(`${file}: ${row['id']} tags ${column} with ${code}, not in ${codeList}`);
      }
    }
    return values;
  };
  return (await readCsv(seedFile(file))).map((row) => {
    const legislationId = required(row, 'legislation_id', file);
    const country = countryOf.get(legislationId);
    if (!country) {
      throw new Error(`${file}: ${row['id']} refers to unknown legislation ${legislationId}`);
    }
    return {
      id: required(row, 'id', file),
      legislation_id: legislationId,
      country_iso3: country,
      label: required(row, 'label', file),
      summary: required(row, 'summary', file),
      sort_order: Number(required(row, 'sort_order', file)),
      offence_categories: checked(row, 'offence_categories', CodeList.OFFENCE_CATEGORY),
      procedural_powers: checked(row, 'procedural_powers', CodeList.PROCEDURAL_POWER),
      cooperation_mechanisms: checked(
        row,
        'cooperation_mechanisms',
        CodeList.COOPERATION_MECHANISM,
      ),
      cross_cutting_issues: checked(row, 'cross_cutting_issues', CodeList.CROSS_CUTTING_ISSUE),
      instrument_articles: list(row['instrument_articles']),
      source: required(row, 'source', file),
      confidence: required(row, 'confidence', file),
      notes: row['notes'] ?? null,
      synthetic: false,
      review_status: 'PUBLISHED',
    };
  });
}

async function readCases(): Promise<NewCaseLawRow[]> {
  const file = 'case_law.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    id: required(row, 'id', file),
    country_iso3s: list(required(row, 'country_iso3', file)),
    court: required(row, 'court', file),
    jurisdiction_level: required(row, 'jurisdiction_level', file),
    case_name: required(row, 'case_name', file),
    case_number: row['case_number'] ?? null,
    decision_date: row['decision_date'] ?? null,
    year: year(row['year']),
    crime_types: list(row['crime_types']),
    offence_categories: list(row['offence_categories']),
    cross_cutting_issues: list(row['cross_cutting_issues']),
    legislation_ids: list(row['legislation_ids']),
    fact_summary: required(row, 'fact_summary', file),
    source: required(row, 'source', file),
    confidence: required(row, 'confidence', file),
    notes: row['notes'] ?? null,
  }));
}

async function readLessons(): Promise<NewLessonLearnedRow[]> {
  const file = 'national_strategies.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    id: required(row, 'id', file),
    country_iso3: row['country_iso3'] ?? null,
    title: required(row, 'title', file),
    document_type: required(row, 'type', file),
    year: year(row['year']),
    published_on: row['published_on'] ?? null,
    issuing_body: row['issuing_body'] ?? null,
    categories: list(row['lesson_categories']),
    summary: required(row, 'cybercrime_focus', file),
    source: required(row, 'source', file),
    confidence: required(row, 'confidence', file),
    notes: row['notes'] ?? null,
  }));
}

/**
 * Seeds code lists, instruments and participation, cases and lessons (rewritten where the CSV
 * changed), and laws and provisions (inserted once: after that, editors curate them and a reseed
 * never overwrites their edits). Idempotent: a second run changes nothing.
 */
/** Real data only: the laws seed has no synthetic rows (the benchmark adds some with `syntheticScale`). */
export async function seedLaws(db: Kysely<LawsTables>, _options: SeedOptions): Promise<SeedReport> {
  const codes = await readCodeEntries();
  const instruments = await readInstruments();
  const participations = await readParticipations();
  const laws = await readLegislation();
  const provisions = await readProvisions(laws, codes);
  const cases = await readCases();
  const lessons = await readLessons();
  return db.transaction().execute(async (trx) => {
    const [codesInserted, codesUpdated] = await upsertChanged(
      trx,
      'code_entry',
      ['list', 'code'],
      codes,
    );
    // Parents before protocols (parent_code references instrument.code).
    const ordered = [
      ...instruments.filter((i) => !i.parent_code),
      ...instruments.filter((i) => i.parent_code),
    ];
    const [instrumentsInserted, instrumentsUpdated] = await upsertChanged(
      trx,
      'instrument',
      ['code'],
      ordered,
    );
    const [participationsInserted, participationsUpdated] = await upsertChanged(
      trx,
      'instrument_participation',
      ['id'],
      participations,
    );
    const legislationInserted = await insertNew(trx, 'legislation', ['id'], laws);
    const provisionsInserted = await insertNew(trx, 'legal_provision', ['id'], provisions);
    const [casesInserted, casesUpdated] = await upsertChanged(trx, 'case_law', ['id'], cases);
    const [lessonsInserted, lessonsUpdated] = await upsertChanged(
      trx,
      'lesson_learned',
      ['id'],
      lessons,
    );
    return {
      codesInserted,
      codesUpdated,
      instrumentsInserted,
      instrumentsUpdated,
      participationsInserted,
      participationsUpdated,
      legislationInserted,
      provisionsInserted,
      casesInserted,
      casesUpdated,
      lessonsInserted,
      lessonsUpdated,
    };
  });
}
