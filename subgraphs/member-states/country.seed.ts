import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { sql, type Kysely } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, required } from '../../loaders/seed-data/csv.js';
import { touch } from '../../loaders/touch.js';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import { UnRegionalGroup } from './country.entity.js';
import { seedCyberlawStatus } from './cyberlaw.seed.js';
import type {
  CountryNamesJson,
  MemberStatesTables,
  NewCountryRow,
  NewM49RegionRow,
} from './member-states.table.js';
import { seedNeedsAssessments } from './needs-assessment.seed.js';

const seedFile = (file: string) => projectPath('subgraphs', 'member-states', 'seed', file);

const M49_SOURCE =
  'UNSD M49 (https://unstats.un.org/unsd/methodology/m49/) via datasets/country-codes, ODC-PDDL-1.0';
const COUNTRY_SOURCE =
  'Membership, ISO codes, UN regional group: world-countries 5.1.0 (ODbL-1.0, © Mohammed Le Doze); M49 codes, regions and UN short name: UNSD M49 / UNTERM via datasets/country-codes (ODC-PDDL-1.0)';
const NAMES_SOURCE =
  'English: UN short name (UNTERM). Arabic, Chinese, French, Russian, Spanish: i18n-iso-countries 7.14.0 (MIT, from Unicode CLDR), common names, not the official UNTERM forms.';

const REGIONAL_GROUPS: Record<string, UnRegionalGroup> = {
  'African Group': UnRegionalGroup.AFRICAN,
  'Asia and the Pacific Group': UnRegionalGroup.ASIA_PACIFIC,
  'Eastern European Group': UnRegionalGroup.EASTERN_EUROPEAN,
  'Latin American and Caribbean Group': UnRegionalGroup.LATIN_AMERICAN_CARIBBEAN,
  'Western European and Others Group': UnRegionalGroup.WESTERN_EUROPEAN_OTHERS,
};

const LEVELS: Record<string, string> = {
  region: 'REGION',
  subregion: 'SUBREGION',
  intermediate_region: 'INTERMEDIATE_REGION',
};

const LANGUAGES = ['ar', 'zh', 'fr', 'ru', 'es'] as const;

function loadTranslations(): void {
  const require = createRequire(import.meta.url);
  for (const language of LANGUAGES) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
  }
}

function namesOf(iso3: string, english: string): CountryNamesJson {
  const name = (language: string) => countries.getName(iso3, language) ?? null;
  return {
    ar: name('ar'),
    zh: name('zh'),
    en: english,
    fr: name('fr'),
    ru: name('ru'),
    es: name('es'),
  };
}

async function readRegions(): Promise<NewM49RegionRow[]> {
  const file = 'm49_regions.csv';
  const rows = await readCsv(seedFile(file));
  return rows.map((row) => {
    const parent = required(row, 'parent_m49', file);
    return {
      m49: required(row, 'm49', file),
      name: required(row, 'name', file),
      level: LEVELS[required(row, 'level', file)] ?? 'REGION',
      parent_m49: parent === '001' ? null : parent,
      member_state_count: Number(required(row, 'member_state_count', file)),
      source: M49_SOURCE,
    };
  });
}

/**
 * The data pack (README, member_states.csv) sets three names to the current UN short name by hand
 * and marks them "to verify against UNTERM": their rows keep that confidence.
 */
const NAMES_TO_VERIFY = new Set(['CIV', 'TUR', 'NLD']);
const NAME_TO_VERIFY_NOTE =
  '; name set by hand to the current UN short name, to verify against UNTERM (data pack README)';

async function readCountries(): Promise<NewCountryRow[]> {
  loadTranslations();
  const result: NewCountryRow[] = [];
  for (const [file, status] of [
    ['member_states.csv', 'MEMBER'],
    ['observer_states.csv', 'OBSERVER'],
  ] as const) {
    for (const row of await readCsv(seedFile(file))) {
      const iso3 = required(row, 'iso3', file);
      const name = required(row, 'name', file);
      const group = row['un_regional_group'];
      result.push({
        iso3,
        iso2: required(row, 'iso2', file),
        m49: required(row, 'm49', file),
        name,
        name_common: row['name_common'] ?? null,
        names: JSON.stringify(namesOf(iso3, name)),
        names_source: NAMES_SOURCE,
        region_m49: required(row, 'region_m49', file),
        subregion_m49: required(row, 'subregion_m49', file),
        intermediate_region_m49: row['intermediate_region_m49'] ?? null,
        un_regional_group: group ? (REGIONAL_GROUPS[group] ?? null) : null,
        member_status: status,
        observer_status_basis: row['status_basis'] ?? null,
        source:
          status === 'OBSERVER'
            ? `${COUNTRY_SOURCE}; status: ${row['status_basis'] ?? 'see notes'}`
            : `${COUNTRY_SOURCE}${NAMES_TO_VERIFY.has(iso3) ? NAME_TO_VERIFY_NOTE : ''}`,
        confidence:
          status === 'OBSERVER'
            ? (row['confidence'] ?? 'to verify')
            : NAMES_TO_VERIFY.has(iso3)
              ? 'to verify'
              : 'verified',
      });
    }
  }
  return result;
}

/**
 * Upserts the M49 areas and the 195 countries. Idempotent: a row is rewritten only when a value
 * differs, so a second run reports zero inserted and zero updated.
 */
export async function seedMemberStates(
  db: Kysely<MemberStatesTables>,
  options: SeedOptions,
): Promise<SeedReport> {
  const regions = await readRegions();
  const countryRows = await readCountries();
  return db.transaction().execute(async (trx) => {
    const regionResult = await trx
      .insertInto('m49_region')
      .values(regions)
      .onConflict((oc) =>
        oc
          .column('m49')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            level: eb.ref('excluded.level'),
            parent_m49: eb.ref('excluded.parent_m49'),
            member_state_count: eb.ref('excluded.member_state_count'),
            source: eb.ref('excluded.source'),
          }))
          .where(
            sql<boolean>`(m49_region.name, m49_region.level, m49_region.parent_m49, m49_region.member_state_count, m49_region.source)
              is distinct from (excluded.name, excluded.level, excluded.parent_m49, excluded.member_state_count, excluded.source)`,
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const countryResult = await trx
      .insertInto('country')
      .values(countryRows)
      .onConflict((oc) =>
        oc
          .column('iso3')
          .doUpdateSet((eb) => ({
            iso2: eb.ref('excluded.iso2'),
            m49: eb.ref('excluded.m49'),
            name: eb.ref('excluded.name'),
            name_common: eb.ref('excluded.name_common'),
            names: eb.ref('excluded.names'),
            names_source: eb.ref('excluded.names_source'),
            region_m49: eb.ref('excluded.region_m49'),
            subregion_m49: eb.ref('excluded.subregion_m49'),
            intermediate_region_m49: eb.ref('excluded.intermediate_region_m49'),
            un_regional_group: eb.ref('excluded.un_regional_group'),
            member_status: eb.ref('excluded.member_status'),
            observer_status_basis: eb.ref('excluded.observer_status_basis'),
            source: eb.ref('excluded.source'),
            confidence: eb.ref('excluded.confidence'),
            updated_at: touch(),
          }))
          .where(
            sql<boolean>`(country.iso2, country.m49, country.name, country.name_common, country.names, country.names_source,
              country.region_m49, country.subregion_m49, country.intermediate_region_m49, country.un_regional_group,
              country.member_status, country.observer_status_basis, country.source, country.confidence)
              is distinct from (excluded.iso2, excluded.m49, excluded.name, excluded.name_common, excluded.names,
              excluded.names_source, excluded.region_m49, excluded.subregion_m49, excluded.intermediate_region_m49,
              excluded.un_regional_group, excluded.member_status, excluded.observer_status_basis, excluded.source,
              excluded.confidence)`,
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const tally = (rows: { inserted: boolean }[]) => ({
      inserted: rows.filter((r) => r.inserted).length,
      updated: rows.filter((r) => !r.inserted).length,
    });
    const r = tally(regionResult);
    const c = tally(countryResult);
    return {
      regionsInserted: r.inserted,
      regionsUpdated: r.updated,
      countriesInserted: c.inserted,
      countriesUpdated: c.updated,
      ...(await seedCyberlawStatus(trx)),
      // The needs assessments are all synthetic: demo mode only.
      ...(options.synthetic ? await seedNeedsAssessments(trx) : {}),
    };
  });
}
