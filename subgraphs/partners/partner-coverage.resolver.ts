import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { buildBasis, IncludeSyntheticArg } from '../../schema/basis.js';
import { GpcTheme } from '../../schema/gpc.js';
import { DateScalar, todayUtc } from '../../schema/scalars.js';
import type { PartnersContext } from './context.js';
import { M49Region } from './foreign.entity.js';
import { findRegionCodes } from './organization.repository.js';
import { findCoverage } from './partner-coverage.repository.js';
import { PartnerCoverage } from './partnership.entity.js';

@Resolver(() => PartnerCoverage)
export class PartnerCoverageResolver {
  @Query(() => [PartnerCoverage], {
    description:
      'Per M49 region and Global Programme theme: published partnerships active on `asOf` covering a country of the region, and their distinct partners. Every region appears for every theme asked, with zeros where partners are absent (the gaps).',
  })
  async partnerCoverage(
    @Ctx() ctx: PartnersContext,
    @Arg('theme', () => GpcTheme, { nullable: true, description: 'Only this theme.' })
    theme?: GpcTheme,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
    asOf?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<PartnerCoverage[]> {
    const [regions, rows] = await Promise.all([
      findRegionCodes(ctx.db),
      findCoverage(ctx.db, {
        theme: theme ?? undefined,
        asOf: asOf ?? todayUtc(),
        includeSynthetic: includeSynthetic ?? false,
      }),
    ]);
    const themes = theme ? [theme] : Object.values(GpcTheme);
    const found = new Map(rows.map((r) => [`${r.regionM49}|${r.theme}`, r]));
    return regions.flatMap((regionM49) =>
      themes.map((t) => {
        const row = found.get(`${regionM49}|${t}`);
        return {
          regionM49,
          theme: t,
          activePartnerships: row?.activePartnerships ?? 0,
          distinctPartners: row?.distinctPartners ?? 0,
          basis: buildBasis('partnership', includeSynthetic ?? false, [
            { synthetic: false, confidence: null, records: row?.realPartnerships ?? 0 },
            {
              synthetic: true,
              confidence: null,
              records: (row?.activePartnerships ?? 0) - (row?.realPartnerships ?? 0),
            },
          ]),
        };
      }),
    );
  }

  @FieldResolver(() => M49Region, {
    description: 'The M49 region (its name comes from member-states).',
  })
  region(@Root() coverage: PartnerCoverage): M49Region {
    return { m49: coverage.regionM49 };
  }
}
