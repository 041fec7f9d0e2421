import { sql, type Kysely } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, required } from '../../loaders/seed-data/csv.js';
import { insertNew, upsertChanged } from '../../loaders/seed-data/upsert.js';
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
  NewTreatyActionRow,
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

function participationOf(row: CsvRow, file: string): NewInstrumentParticipationRow {
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
}

const later = (a: string | null | undefined, b: string | null | undefined) =>
  !a ? (b ?? null) : !b ? a : a > b ? a : b;

/**
 * The participation rows with the evidence of instrument_participation_updates.csv applied as
 * the data pack's README says: each update is true as of its own `as_of` and never replaces a
 * newer status. A verified update fills the dates a row lacks (never overwriting one) and, when it
 * confirms the row's own status, makes the row verified; an older, weaker status (a signatory in
 * 2011 that is a Party now) stays history only (see `readTreatyActions`). New participants (Rwanda)
 * are added as the update gives them, and the Malabo rows as their file gives them (to verify).
 */
export async function readParticipations(): Promise<{
  rows: NewInstrumentParticipationRow[];
  updates: NewInstrumentParticipationRow[];
}> {
  const base = 'instrument_participation.csv';
  const rows = new Map<string, NewInstrumentParticipationRow>();
  for (const row of await readCsv(seedFile(base))) {
    const p = participationOf(row, base);
    rows.set(p.id, p);
  }
  const updatesFile = 'instrument_participation_updates.csv';
  const updates = (await readCsv(seedFile(updatesFile))).map((r) =>
    participationOf(r, updatesFile),
  );
  for (const u of updates) {
    const current = rows.get(u.id);
    if (!current) {
      rows.set(u.id, {
        ...u,
        notes: [u.notes, `Added from ${updatesFile}.`].filter(Boolean).join(' '),
      });
      continue;
    }
    if (current.status !== u.status) {
      // A different (older) status: history, never a downgrade.
      continue;
    }
    const filled = {
      signed_on: current.signed_on ?? u.signed_on ?? null,
      consent_type: current.consent_type ?? u.consent_type ?? null,
      consent_on: current.consent_on ?? u.consent_on ?? null,
      entry_into_force_on: current.entry_into_force_on ?? u.entry_into_force_on ?? null,
    };
    rows.set(u.id, {
      ...current,
      ...filled,
      as_of: later(current.as_of, u.as_of),
      source: current.source.includes(u.source)
        ? current.source
        : `${current.source} ; ${u.source}`,
      confidence: u.confidence === 'verified' ? 'verified' : current.confidence,
      notes: [
        current.notes,
        `Update (${updatesFile}, as of ${u.as_of}): ${u.notes ?? 'status confirmed'}`,
      ]
        .filter(Boolean)
        .join(' | '),
    });
  }
  const malabo = 'malabo_participation.csv';
  for (const row of await readCsv(seedFile(malabo))) {
    const p = participationOf(row, malabo);
    rows.set(p.id, p);
  }
  return { rows: [...rows.values()], updates };
}

const CONSENT_ACTIONS = new Set([
  'RATIFICATION',
  'ACCEPTANCE',
  'APPROVAL',
  'ACCESSION',
  'SUCCESSION',
]);

/**
 * Dated history derived from the rows: a SIGNATURE on each known signature date; the consent on
 * each known consent date, by its type where the row gives one (where it does not, as the Party
 * status confirmed on that date: no type is invented); and each undated update's status as
 * confirmed on its `as_of` (Poland a signatory on 2011-06-01). Ids are deterministic, so a reseed
 * rewrites nothing.
 */
export function readTreatyActions(
  rows: readonly NewInstrumentParticipationRow[],
  updates: readonly NewInstrumentParticipationRow[],
): NewTreatyActionRow[] {
  const actions = new Map<string, NewTreatyActionRow>();
  const add = (
    p: NewInstrumentParticipationRow,
    action: string,
    on: string,
    confirmed: string | null,
  ) => {
    const id = `seed:${p.instrument_code}:${p.participant}:${action}:${on}`;
    actions.set(id, {
      id,
      instrument_code: p.instrument_code,
      participant: p.participant,
      participant_type: p.participant_type,
      action,
      action_on: on,
      confirmed_status: confirmed,
      source: p.source,
      confidence: p.confidence,
      notes: null,
      origin: 'SEED',
    });
  };
  for (const p of rows) {
    if (p.signed_on) {
      add(p, 'SIGNATURE', p.signed_on, null);
    }
    if (p.consent_on) {
      if (p.consent_type && CONSENT_ACTIONS.has(p.consent_type)) {
        add(p, p.consent_type, p.consent_on, null);
      } else {
        add(p, 'STATUS_CONFIRMED', p.consent_on, 'PARTY');
      }
    }
  }
  for (const u of updates) {
    if (u.as_of && !u.consent_on && (u.status === 'PARTY' || u.status === 'SIGNED')) {
      add(u, 'STATUS_CONFIRMED', u.as_of, u.status);
    }
  }
  return [...actions.values()];
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
      kind: 'CURATED',
      licence: null,
      catalogue_ref: null,
      catalogue_title: null,
      catalogue_url: null,
      catalogue_source: null,
      catalogue_licence: null,
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

/** Language names as the catalogue's titles give them ("(in French)") → ISO 639-1. */
const LANGUAGES: Readonly<Record<string, string>> = {
  arabic: 'ar',
  croatian: 'hr',
  english: 'en',
  french: 'fr',
  german: 'de',
  greek: 'el',
  polish: 'pl',
  portuguese: 'pt',
  russian: 'ru',
  spanish: 'es',
  swedish: 'sv',
};

/**
 * The language a listed title names, such as "… (in French)" → "fr" or "(in English, unofficial
 * translation)" → "en"; null when none or two ("in English and Serbian").
 */
export function languageNamedIn(title: string): string | null {
  const match = title.match(/\(\s*in ([a-z]+)(?:[ ,]+(?:unn?official translation))?\s*\)/i);
  return match ? (LANGUAGES[match[1]!.toLowerCase()] ?? null) : null;
}

const httpUrl = (value: string | null | undefined): string | null => {
  if (!value) {
    return null;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
};

interface CatalogueListingSeed {
  readonly ref: string;
  readonly row: CsvRow;
}

/**
 * The UNCTAD catalogue (unctad_cybercrime_law_links.csv) and which of its entries are the same law
 * as a curated record (catalogue_matches.csv, this project's judgement).
 */
async function readCatalogue(curatedIds: ReadonlySet<string>): Promise<{
  entries: NewLegislationRow[];
  matched: Map<string, CatalogueListingSeed>;
}> {
  const file = 'unctad_cybercrime_law_links.csv';
  const matchFile = 'catalogue_matches.csv';
  const matchOf = new Map<string, string>();
  for (const row of await readCsv(seedFile(matchFile))) {
    const id = required(row, 'legislation_id', matchFile);
    if (!curatedIds.has(id)) {
      throw new Error(`${matchFile}: ${id} is not in national_laws.csv`);
    }
    matchOf.set(
      `${required(row, 'country_iso3', matchFile)}:${required(row, 'seq', matchFile)}`,
      id,
    );
  }
  const entries: NewLegislationRow[] = [];
  const matched = new Map<string, CatalogueListingSeed>();
  for (const row of await readCsv(seedFile(file))) {
    const iso3 = required(row, 'country_iso3', file);
    const seq = required(row, 'seq', file);
    const ref = `UNCTAD:${iso3}:${seq}`;
    const curated = matchOf.get(`${iso3}:${seq}`);
    if (curated) {
      matched.set(curated, { ref, row });
      continue;
    }
    const title = required(row, 'title_as_listed', file);
    const notes = [
      row['notes'],
      row['year_in_title']
        ? `Year in the listed title: ${row['year_in_title']} (a hint, not an adoption date).`
        : null,
    ].filter(Boolean);
    entries.push({
      id: `UNCTAD-${iso3}-${seq}`,
      country_iso3: iso3,
      title,
      original_title: null,
      original_language: languageNamedIn(title),
      type: null,
      kind: 'CATALOGUE_ENTRY',
      licence: required(row, 'licence', file),
      ...catalogueColumns({ ref, row }),
      year: null,
      adopted_on: null,
      in_force_on: null,
      // The title says draft or bill: a fact of the listing. Otherwise UNCTAD gives no status.
      status: row['draft_flag'] === 'yes' ? 'DRAFT' : 'UNKNOWN',
      amends: [],
      document_url: httpUrl(row['url']),
      source: required(row, 'source', file),
      confidence: required(row, 'confidence', file),
      notes: notes.length > 0 ? notes.join(' ') : null,
      last_verified_on: null,
      synthetic: false,
      review_status: 'PUBLISHED',
    });
  }
  return { entries, matched };
}

const languageOfListing = (listing: CatalogueListingSeed) =>
  languageNamedIn(listing.row['title_as_listed'] ?? '');

function catalogueColumns({ ref, row }: CatalogueListingSeed) {
  const file = 'unctad_cybercrime_law_links.csv';
  return {
    catalogue_ref: ref,
    catalogue_title: required(row, 'title_as_listed', file),
    catalogue_url: row['url'] ?? null,
    catalogue_source: required(row, 'source', file),
    catalogue_licence: required(row, 'licence', file),
  };
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
 * Seeds code lists and instruments and participation (rewritten where the CSV changed), and laws,
 * provisions, cases and lessons (inserted once: after that, editors curate them and a reseed
 * never overwrites their edits). Idempotent: a second run changes nothing.
 */
/** Real data only: the laws seed has no synthetic rows (the benchmark adds some with `syntheticScale`). */
export async function seedLaws(db: Kysely<LawsTables>, _options: SeedOptions): Promise<SeedReport> {
  const codes = await readCodeEntries();
  const instruments = await readInstruments();
  const { rows: participations, updates } = await readParticipations();
  const actions = readTreatyActions(participations, updates);
  const curated = await readLegislation();
  const catalogue = await readCatalogue(new Set(curated.map((l) => l.id)));
  const laws = curated.map((l) => {
    const listing = catalogue.matched.get(l.id);
    return listing
      ? {
          ...l,
          ...catalogueColumns(listing),
          // The language the listing names is the language of the law's text.
          original_language: l.original_language ?? languageOfListing(listing),
        }
      : l;
  });
  const provisions = await readProvisions(laws, codes);
  const cases = await readCases();
  const lessons = await readLessons();
  const areas = await readStateAreas();
  const synonyms = await readSynonyms();
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
    // Participation rows are the current status: rewritten from the files where they changed,
    // except where an editor has recorded a treaty action since (a reseed never undoes it).
    const edited = new Set(
      (
        await trx
          .selectFrom('treaty_action')
          .select(['instrument_code', 'participant'])
          .where('origin', '=', 'EDITOR')
          .execute()
      ).map((a) => `${a.instrument_code}:${a.participant}`),
    );
    const [participationsInserted, participationsUpdated] = await upsertChanged(
      trx,
      'instrument_participation',
      ['id'],
      participations.filter((p) => !edited.has(p.id)),
    );
    const [actionsInserted, actionsUpdated] = await upsertChanged(
      trx,
      'treaty_action',
      ['id'],
      actions,
    );
    const legislationInserted = await insertNew(trx, 'legislation', ['id'], laws);
    const catalogueInserted = await insertNew(trx, 'legislation', ['id'], catalogue.entries);
    // A database seeded before the catalogue: its curated records gain their listing once.
    let catalogueLinksAdded = 0;
    for (const [id, listing] of catalogue.matched) {
      const result = await trx
        .updateTable('legislation')
        .set({
          ...catalogueColumns(listing),
          original_language: sql<
            string | null
          >`coalesce(original_language, ${languageOfListing(listing)})`,
        })
        .where('id', '=', id)
        .where('catalogue_ref', 'is', null)
        .executeTakeFirst();
      catalogueLinksAdded += Number(result.numUpdatedRows);
    }
    const provisionsInserted = await insertNew(trx, 'legal_provision', ['id'], provisions);
    // Cases and lessons are inserted once, as laws are: editors curate them after that (and focal
    // points propose more), so a reseed never overwrites their edits.
    const casesInserted = await insertNew(trx, 'case_law', ['id'], cases);
    const lessonsInserted = await insertNew(trx, 'lesson_learned', ['id'], lessons);
    const [areasInserted, areasUpdated] = await upsertChanged(trx, 'state_area', ['iso3'], areas);
    const [synonymsInserted, synonymsUpdated] = await upsertChanged(
      trx,
      'search_synonym',
      ['term', 'alternative'],
      synonyms,
    );
    return {
      codesInserted,
      codesUpdated,
      instrumentsInserted,
      instrumentsUpdated,
      participationsInserted,
      participationsUpdated,
      actionsInserted,
      actionsUpdated,
      legislationInserted,
      catalogueInserted,
      catalogueLinksAdded,
      provisionsInserted,
      casesInserted,
      lessonsInserted,
      areasInserted,
      areasUpdated,
      synonymsInserted,
      synonymsUpdated,
    };
  });
}

async function readStateAreas(): Promise<Record<string, string | null>[]> {
  const tracker = 'unctad_cyberlaw_tracker.csv';
  const unctad = new Map(
    (await readCsv(seedFile(tracker))).map((row) => [
      required(row, 'country_iso3', tracker),
      required(row, 'cybercrime_status', tracker),
    ]),
  );
  const rows: Record<string, string | null>[] = [];
  for (const file of ['member_states.csv', 'observer_states.csv']) {
    for (const row of await readCsv(seedFile(file))) {
      rows.push({
        iso3: required(row, 'iso3', file),
        region_m49: required(row, 'region_m49', file),
        subregion_m49: required(row, 'subregion_m49', file),
        intermediate_region_m49: row['intermediate_region_m49'] ?? null,
        unctad_cybercrime_status: unctad.get(required(row, 'iso3', file)) ?? null,
        region_name: required(row, 'region_name', file),
        subregion_name: required(row, 'subregion_name', file),
        intermediate_region_name: row['intermediate_region_name'] ?? null,
      });
    }
  }
  return rows;
}

async function readSynonyms(): Promise<Record<string, string>[]> {
  const file = 'search_synonyms.csv';
  return (await readCsv(seedFile(file))).map((row) => ({
    term: required(row, 'term', file).toLowerCase(),
    alternative: required(row, 'alternative', file).toLowerCase(),
    kind: required(row, 'kind', file),
    source: required(row, 'source', file),
  }));
}
