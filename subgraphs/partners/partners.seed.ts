import { sql, type Kysely } from 'kysely';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv, readStates, required } from '../../loaders/seed-data/csv.js';
import {
  DATA_PACK_LICENCE,
  dataPackAttribution,
  datesAsGiven,
  packDate,
  packList,
} from '../../loaders/seed-data/data-pack.js';
import { FICTIONAL_ORGANIZATIONS, FICTIONAL_SOURCE } from '../../loaders/seed-data/synthetic.js';
import { touch } from '../../loaders/touch.js';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import { PartnerCategory } from './organization.entity.js';
import type { NewOrganizationRow, NewPartnershipRow, PartnersTables } from './partners.table.js';
import { MemberRole, PartnershipType } from './partnership.entity.js';
import {
  generateSyntheticPartnerships,
  SYNTHETIC_SOURCE,
  type SyntheticPartnership,
} from './synthetic.seed.js';

const seedFile = (file: string) => projectPath('subgraphs', 'partners', 'seed', file);

const COUNTRY_REGION_SOURCE =
  'M49 region of each State: UNSD M49 via datasets/country-codes (ODC-PDDL-1.0), copied from the member-states seed (member_states.csv, observer_states.csv).';

/** The States with their M49 region, from this subgraph's copy of the State files. */
export const readCountryRegions = () => readStates(seedFile);

const CATEGORIES = new Set<string>(Object.values(PartnerCategory));

/** The real organisations: organizations.csv and the ones the partnership projects add. */
export async function readOrganizations(): Promise<NewOrganizationRow[]> {
  return [
    ...(await readOrganizationFile('organizations.csv')),
    ...(await readOrganizationFile('organizations_more.csv')),
  ];
}

async function readOrganizationFile(file: string): Promise<NewOrganizationRow[]> {
  return (await readCsv(seedFile(file))).map((row) => {
    const category = required(row, 'partner_category', file);
    if (!CATEGORIES.has(category)) {
      throw new Error(`${file}: unknown partner_category "${category}" in row ${row['id']}`);
    }
    return {
      id: required(row, 'id', file),
      name: required(row, 'name', file),
      acronym: row['acronym'] ?? null,
      partner_category: category,
      iati_org_type: row['iati_org_type'] ?? null,
      crs_channel_code: row['crs_channel_code'] ?? null,
      iati_org_id: row['iati_org_id'] ?? null,
      hq_country_iso3: row['hq_country_iso3'] ?? null,
      // The data pack has no website column: no URL is guessed.
      website: null,
      description: row['role_in_domain'] ?? null,
      source: required(row, 'source', file),
      // organizations_more.csv leaves confidence empty on a few rows: not checked, so to verify.
      confidence: row['confidence'] ?? 'to verify',
      notes: row['notes'] ?? null,
      licence: DATA_PACK_LICENCE,
      attribution: dataPackAttribution(required(row, 'source', file)),
    };
  });
}

/** A real partnership of partnership_projects.csv, with its members and countries. */
interface RealPartnership {
  row: NewPartnershipRow;
  members: { partnership_id: string; organization_id: string; role: MemberRole }[];
  countryIso3s: string[];
}

/**
 * The real capacity-building projects of the data pack as partnerships: implementers (the first
 * one leads), funders, beneficiary countries and the dates as the source gives them, widened to
 * whole days only in `start_date`/`end_date`. An organisation both implementing and funding keeps
 * its implementing role; `scope` names the funders as the source does.
 */
export async function readRealPartnerships(): Promise<RealPartnership[]> {
  const file = 'partnership_projects.csv';
  return (await readCsv(seedFile(file))).map((r) => {
    const id = required(r, 'id', file);
    const implementers = packList(r['implementers']);
    const funders = packList(r['funders']);
    const members = new Map<string, MemberRole>();
    implementers.forEach((org, i) =>
      members.set(org, i === 0 ? MemberRole.LEAD : MemberRole.IMPLEMENTING),
    );
    for (const org of funders) {
      if (!members.has(org)) {
        members.set(org, MemberRole.FUNDING);
      }
    }
    const source = required(r, 'source', file);
    const scope = [
      r['themes'] ? `Themes: ${packList(r['themes']).join('; ')}.` : null,
      r['beneficiary_regions'] ? `Beneficiary regions: ${r['beneficiary_regions']}.` : null,
      `Implementers: ${implementers.join(', ')}. Funders: ${funders.join(', ') || 'not given'}.`,
      r['budget_amount']
        ? `Budget as the source gives it: ${r['budget_currency']} ${r['budget_amount']} (funding subgraph: project "${id === 'unodc-gpc' ? 'gpc' : id}").`
        : null,
    ]
      .filter((s) => s !== null)
      .join(' ');
    return {
      row: {
        id,
        title: required(r, 'title', file),
        type: PartnershipType.IMPLEMENTING,
        scope,
        start_date: packDate(r['start_on'], 'start'),
        end_date: packDate(r['end_on'], 'end'),
        synthetic: false,
        review_status: 'PUBLISHED',
        proposed_by: null,
        source,
        confidence: required(r, 'confidence', file),
        url: r['url'] ?? null,
        notes: r['notes'] ?? null,
        dates_as_given: datesAsGiven(r['start_on'] ?? null, r['end_on'] ?? null),
        licence: DATA_PACK_LICENCE,
        attribution: dataPackAttribution(source),
      },
      members: [...members].map(([organization_id, role]) => ({
        partnership_id: id,
        organization_id,
        role,
      })),
      countryIso3s: packList(r['beneficiary_countries']),
    };
  });
}

/**
 * The illustrative partnerships, from the seed files alone (tests recompute them the same way).
 * Their members are the demo set's fictional organisations only: nothing synthetic is attached to
 * a real organisation.
 */
export async function syntheticPartnershipsFromSeed(): Promise<{
  partnerships: SyntheticPartnership[];
  regionOf: Map<string, string>;
}> {
  const countries = await readCountryRegions();
  const countriesByRegion = new Map<string, string[]>();
  for (const c of countries.filter((c) => c.member)) {
    countriesByRegion.set(c.regionM49, [...(countriesByRegion.get(c.regionM49) ?? []), c.iso3]);
  }
  return {
    partnerships: generateSyntheticPartnerships({
      organizationIds: FICTIONAL_ORGANIZATIONS.map((o) => o.id),
      countriesByRegion,
    }),
    regionOf: new Map(countries.map((c) => [c.iso3, c.regionM49])),
  };
}

/** The rows of the partnership tables for generated partnerships (seed and scale-up share it). */
export function partnershipRows(
  partnerships: readonly SyntheticPartnership[],
  regionOf: ReadonlyMap<string, string>,
) {
  return {
    partnerships: partnerships.map((p): NewPartnershipRow => ({
      id: p.id,
      title: p.title,
      type: p.type,
      scope: p.scope,
      start_date: p.startDate,
      end_date: p.endDate,
      synthetic: true,
      review_status: 'PUBLISHED',
      proposed_by: null,
      source: SYNTHETIC_SOURCE,
    })),
    members: partnerships.flatMap((p) =>
      p.members.map((m) => ({
        partnership_id: p.id,
        organization_id: m.organizationId,
        role: m.role,
      })),
    ),
    themes: partnerships.flatMap((p) => p.themes.map((theme) => ({ partnership_id: p.id, theme }))),
    countries: partnerships.flatMap((p) =>
      p.countryIso3s.map((iso3) => {
        const region = regionOf.get(iso3);
        if (!region) {
          throw new Error(`partnership ${p.id} covers ${iso3}, which has no M49 region`);
        }
        return { partnership_id: p.id, country_iso3: iso3, region_m49: region };
      }),
    ),
  };
}

const inserted = (rows: { inserted: boolean }[]) => rows.filter((r) => r.inserted).length;
const updated = (rows: { inserted: boolean }[]) => rows.filter((r) => !r.inserted).length;

/**
 * Upserts the country → region table, the organizations and (demo mode only) the synthetic
 * partnerships.
 * Idempotent: a row is rewritten only when a value differs, an organization edited through the
 * API is never overwritten, and child rows are only added when missing.
 */
export async function seedPartners(
  db: Kysely<PartnersTables>,
  options: SeedOptions,
): Promise<SeedReport> {
  const countries = await readCountryRegions();
  const organizations = await readOrganizations();
  // The partnerships are all synthetic (the demo set): seeded only when asked.
  const { partnerships, regionOf } = options.synthetic
    ? await syntheticPartnershipsFromSeed()
    : { partnerships: [], regionOf: new Map<string, string>() };
  const synthetic = partnershipRows(partnerships, regionOf);
  const real = await readRealPartnerships();
  const regionOfState = new Map(countries.map((c) => [c.iso3, c.regionM49]));
  const rows = {
    partnerships: [...real.map((p) => p.row), ...synthetic.partnerships],
    members: [...real.flatMap((p) => p.members), ...synthetic.members],
    themes: synthetic.themes,
    countries: [
      ...real.flatMap((p) =>
        p.countryIso3s.map((iso3) => {
          const region = regionOfState.get(iso3);
          if (!region) {
            throw new Error(`partnership_projects.csv: ${p.row.id} covers ${iso3}, no M49 region`);
          }
          return { partnership_id: p.row.id, country_iso3: iso3, region_m49: region };
        }),
      ),
      ...synthetic.countries,
    ],
  };
  return db.transaction().execute(async (trx) => {
    const regionResult = await trx
      .insertInto('country_region')
      .values(
        countries.map((c) => ({
          iso3: c.iso3,
          region_m49: c.regionM49,
          source: COUNTRY_REGION_SOURCE,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('iso3')
          .doUpdateSet((eb) => ({
            region_m49: eb.ref('excluded.region_m49'),
            source: eb.ref('excluded.source'),
          }))
          .where(
            sql<boolean>`(country_region.region_m49, country_region.source) is distinct from (excluded.region_m49, excluded.source)`,
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();

    const fictional: NewOrganizationRow[] = options.synthetic
      ? FICTIONAL_ORGANIZATIONS.map((o) => ({
          id: o.id,
          name: o.name,
          acronym: o.acronym,
          partner_category:
            o.currency === null ? PartnerCategory.OTHER : PartnerCategory.DONOR_AGENCY,
          iati_org_type: null,
          crs_channel_code: null,
          iati_org_id: null,
          hq_country_iso3: null,
          website: null,
          description: 'A fictional actor of the synthetic demo set; it does not exist.',
          source: FICTIONAL_SOURCE,
          confidence: 'to verify',
          notes: null,
          licence: null,
          attribution: null,
          synthetic: true,
        }))
      : [];
    const organizationResult = await trx
      .insertInto('organization')
      .values([...organizations.map((o) => ({ ...o, synthetic: false })), ...fictional])
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            acronym: eb.ref('excluded.acronym'),
            partner_category: eb.ref('excluded.partner_category'),
            iati_org_type: eb.ref('excluded.iati_org_type'),
            crs_channel_code: eb.ref('excluded.crs_channel_code'),
            iati_org_id: eb.ref('excluded.iati_org_id'),
            hq_country_iso3: eb.ref('excluded.hq_country_iso3'),
            description: eb.ref('excluded.description'),
            source: eb.ref('excluded.source'),
            confidence: eb.ref('excluded.confidence'),
            notes: eb.ref('excluded.notes'),
            licence: eb.ref('excluded.licence'),
            attribution: eb.ref('excluded.attribution'),
            updated_at: touch(),
          }))
          .where(
            sql<boolean>`organization.edited_at is null and (organization.name, organization.acronym,
              organization.partner_category, organization.iati_org_type, organization.crs_channel_code,
              organization.iati_org_id, organization.hq_country_iso3, organization.description,
              organization.source, organization.confidence, organization.notes,
              organization.licence, organization.attribution)
              is distinct from (excluded.name, excluded.acronym, excluded.partner_category,
              excluded.iati_org_type, excluded.crs_channel_code, excluded.iati_org_id,
              excluded.hq_country_iso3, excluded.description, excluded.source, excluded.confidence,
              excluded.notes, excluded.licence, excluded.attribution)`,
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();

    if (rows.partnerships.length === 0) {
      return {
        countryRegionsInserted: inserted(regionResult),
        countryRegionsUpdated: updated(regionResult),
        organizationsInserted: inserted(organizationResult),
        organizationsUpdated: updated(organizationResult),
        partnershipsInserted: 0,
        partnershipsUpdated: 0,
        childRowsInserted: 0,
      };
    }
    const partnershipResult = await trx
      .insertInto('partnership')
      .values(rows.partnerships)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            type: eb.ref('excluded.type'),
            scope: eb.ref('excluded.scope'),
            start_date: eb.ref('excluded.start_date'),
            end_date: eb.ref('excluded.end_date'),
            source: eb.ref('excluded.source'),
            confidence: eb.ref('excluded.confidence'),
            url: eb.ref('excluded.url'),
            notes: eb.ref('excluded.notes'),
            dates_as_given: eb.ref('excluded.dates_as_given'),
            licence: eb.ref('excluded.licence'),
            attribution: eb.ref('excluded.attribution'),
            updated_at: touch(),
          }))
          .where(
            sql<boolean>`(partnership.title, partnership.type, partnership.scope, partnership.start_date,
              partnership.end_date, partnership.source, partnership.confidence, partnership.url,
              partnership.notes, partnership.dates_as_given, partnership.licence,
              partnership.attribution) is distinct from (excluded.title, excluded.type,
              excluded.scope, excluded.start_date, excluded.end_date, excluded.source,
              excluded.confidence, excluded.url, excluded.notes, excluded.dates_as_given,
              excluded.licence, excluded.attribution)`,
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();

    const members = await trx
      .insertInto('partnership_member')
      .values(rows.members)
      .onConflict((oc) => oc.columns(['partnership_id', 'organization_id']).doNothing())
      .returning('partnership_id')
      .execute();
    // Real partnerships carry their themes as the source words them (in `scope`): the pack maps
    // none to a Global Programme theme, so only synthetic ones have theme rows.
    const themes =
      rows.themes.length === 0
        ? []
        : await trx
            .insertInto('partnership_theme')
            .values(rows.themes)
            .onConflict((oc) => oc.columns(['partnership_id', 'theme']).doNothing())
            .returning('partnership_id')
            .execute();
    const covered = await trx
      .insertInto('partnership_country')
      .values(rows.countries)
      .onConflict((oc) => oc.columns(['partnership_id', 'country_iso3']).doNothing())
      .returning('partnership_id')
      .execute();

    return {
      countryRegionsInserted: inserted(regionResult),
      countryRegionsUpdated: updated(regionResult),
      organizationsInserted: inserted(organizationResult),
      organizationsUpdated: updated(organizationResult),
      partnershipsInserted: inserted(partnershipResult),
      partnershipsUpdated: updated(partnershipResult),
      childRowsInserted: members.length + themes.length + covered.length,
    };
  });
}
