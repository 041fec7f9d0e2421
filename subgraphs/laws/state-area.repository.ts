import { sql, type Kysely } from 'kysely';
import type { LawsTables } from './laws.table.js';

// The M49 areas of each State and UNCTAD's status of its cybercrime law (state_area, a copy of
// the State files): region filters, counts grouped by area, and "law on record".

type Db = Kysely<LawsTables>;

/** The States of an M49 area at any level (region, sub-region, intermediate region). */
export async function findStatesInArea(db: Db, m49: string): Promise<string[]> {
  const rows = await db
    .selectFrom('state_area')
    .select('iso3')
    .where((eb) =>
      eb.or([
        eb('region_m49', '=', m49),
        eb('subregion_m49', '=', m49),
        eb('intermediate_region_m49', '=', m49),
      ]),
    )
    .orderBy('iso3')
    .execute();
  return rows.map((r) => r.iso3);
}

/** One State's M49 areas, with UNSD's names. */
interface StateArea {
  readonly iso3: string;
  readonly regionM49: string;
  readonly regionName: string | null;
  readonly subregionM49: string;
  readonly subregionName: string | null;
}

/** Every State's M49 region and sub-region (195 rows), for counts grouped by area. */
export async function findStateAreas(db: Db): Promise<StateArea[]> {
  const rows = await db
    .selectFrom('state_area')
    .select(['iso3', 'region_m49', 'region_name', 'subregion_m49', 'subregion_name'])
    .orderBy('iso3')
    .execute();
  return rows.map((r) => ({
    iso3: r.iso3,
    regionM49: r.region_m49,
    regionName: r.region_name,
    subregionM49: r.subregion_m49,
    subregionName: r.subregion_name,
  }));
}

/** UNCTAD's cybercrime status of a State (null where the tracker has no row). */
export interface UnctadStatus {
  readonly iso3: string;
  readonly status: string | null;
}

/** UNCTAD's cybercrime status of each State with a row. */
export async function findUnctadStatuses(
  db: Db,
  iso3s: readonly string[],
): Promise<UnctadStatus[]> {
  if (iso3s.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('state_area')
    .select(['iso3', 'unctad_cybercrime_status'])
    .where('iso3', '=', sql<string>`any(${[...iso3s]})`)
    .execute();
  return rows.map((r) => ({ iso3: r.iso3, status: r.unctad_cybercrime_status }));
}
