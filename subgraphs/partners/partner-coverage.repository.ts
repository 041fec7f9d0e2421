import { sql, type Kysely } from 'kysely';
import type { GpcTheme } from '../../schema/gpc.js';
import type { PartnersTables } from './partners.table.js';

type Db = Kysely<PartnersTables>;

interface CoverageRow {
  regionM49: string;
  theme: GpcTheme;
  activePartnerships: number;
  distinctPartners: number;
  /** Of `activePartnerships`, the real ones (the rest are synthetic). */
  realPartnerships: number;
}

/**
 * Per M49 region and theme: published partnerships active on `asOf` that cover a country of the
 * region, and their distinct member organizations. Combinations with none are absent.
 */
export async function findCoverage(
  db: Db,
  options: { theme?: GpcTheme | undefined; asOf: string; includeSynthetic: boolean },
): Promise<CoverageRow[]> {
  let query = db
    .selectFrom('partnership as p')
    .innerJoin('partnership_theme as t', 't.partnership_id', 'p.id')
    .innerJoin('partnership_country as c', 'c.partnership_id', 'p.id')
    .innerJoin('partnership_member as m', 'm.partnership_id', 'p.id')
    .select([
      'c.region_m49',
      't.theme',
      sql<number>`count(distinct p.id)::int`.as('partnerships'),
      sql<number>`count(distinct m.organization_id)::int`.as('partners'),
      sql<number>`count(distinct p.id) filter (where not p.synthetic)::int`.as('real_partnerships'),
    ])
    .where('p.review_status', '=', 'PUBLISHED')
    .where('p.start_date', '<=', options.asOf)
    .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', options.asOf)]))
    .groupBy(['c.region_m49', 't.theme']);
  if (options.theme) {
    query = query.where('t.theme', '=', options.theme);
  }
  if (!options.includeSynthetic) {
    query = query.where('p.synthetic', '=', false);
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    regionM49: r.region_m49.trim(),
    theme: r.theme as GpcTheme,
    activePartnerships: Number(r.partnerships),
    distinctPartners: Number(r.partners),
    realPartnerships: Number(r.real_partnerships),
  }));
}
