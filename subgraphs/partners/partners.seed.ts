import { sql, type Kysely } from 'kysely';
import { projectPath, readCsv, readStates, required } from '../../loaders/seed-files.js';
import { FICTIONAL_ORGANIZATIONS, FICTIONAL_SOURCE } from '../../loaders/synthetic.js';
import type { SeedOptions, SeedReport } from '../../schema/subgraph.js';
import { PartnerCategory } from './organization.entity.js';
import type { NewOrganizationRow, NewPartnershipRow, PartnersTables } from './partners.table.js';
import {
  generateSyntheticPartnerships,
  SYNTHETIC_SOURCE,
  type SyntheticPartnership,
} from './synthetic.js';

const seedFile = (file: string) => projectPath('subgraphs', 'partners', 'seed', file);

export const COUNTRY_REGION_SOURCE =
  'M49 region of each State: UNSD M49 via datasets/country-codes (ODC-PDDL-1.0), copied from the member-states seed (member_states.csv, observer_states.csv).';

/** The States with their M49 region, from this subgraph's copy of the State files. */
export const readCountryRegions = () => readStates(seedFile);

const CATEGORIES = new Set<string>(Object.values(PartnerCategory));

export async function readOrganizations(): Promise<NewOrganizationRow[]> {
  const file = 'organizations.csv';
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
      confidence: required(row, 'confidence', file),
      notes: row['notes'] ?? null,
    };
  });
}

/** The illustrative partnerships, from the seed files alone (tests recompute them the same way). */
export async function syntheticPartnershipsFromSeed(): Promise<{
  partnerships: SyntheticPartnership[];
  regionOf: Map<string, string>;
}> {
  const countries = await readCountryRegions();
  const organizations = await readOrganizations();
  const countriesByRegion = new Map<string, string[]>();
  for (const c of countries.filter((c) => c.member)) {
    countriesByRegion.set(c.regionM49, [...(countriesByRegion.get(c.regionM49) ?? []), c.iso3]);
  }
  return {
    partnerships: generateSyntheticPartnerships({
      organizationIds: organizations.map((o) => o.id),
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
  const rows = partnershipRows(partnerships, regionOf);
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
            updated_at: sql<Date>`now()`,
          }))
          .where(
            sql<boolean>`organization.edited_at is null and (organization.name, organization.acronym,
              organization.partner_category, organization.iati_org_type, organization.crs_channel_code,
              organization.iati_org_id, organization.hq_country_iso3, organization.description,
              organization.source, organization.confidence, organization.notes)
              is distinct from (excluded.name, excluded.acronym, excluded.partner_category,
              excluded.iati_org_type, excluded.crs_channel_code, excluded.iati_org_id,
              excluded.hq_country_iso3, excluded.description, excluded.source, excluded.confidence,
              excluded.notes)`,
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
            updated_at: sql<Date>`now()`,
          }))
          .where(
            sql<boolean>`(partnership.title, partnership.type, partnership.scope, partnership.start_date,
              partnership.end_date, partnership.source) is distinct from (excluded.title, excluded.type,
              excluded.scope, excluded.start_date, excluded.end_date, excluded.source)`,
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
    const themes = await trx
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
