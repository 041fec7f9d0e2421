import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { admits, basisOfRecords, IncludeSyntheticArg } from '../../schema/basis.js';
import { notFound } from '../../schema/errors.js';
import { M49CodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { findNeedsAssessmentsForAggregate } from './needs-assessment.repository.js';
import { NeedsFindingStatistics } from './needs-statistics.entity.js';
import { needsStatistics } from './needs-statistics.model.js';

@Resolver(() => NeedsFindingStatistics)
export class NeedsFindingStatisticsResolver {
  @Query(() => NeedsFindingStatistics, {
    description:
      'Open needs-assessment findings of an M49 area (all States when omitted), counted as each State’s consent allows, saying how many were left out. NOT_FOUND for an unknown area.',
  })
  async needsFindingStatistics(
    @Ctx() ctx: MemberStatesContext,
    @Arg('region', () => M49CodeScalar, { nullable: true, description: 'M49 area code.' })
    region?: string | null,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<NeedsFindingStatistics> {
    let iso3s: string[] | undefined;
    if (region) {
      if (!(await ctx.loaders.regionByM49.load(region))) {
        throw notFound('M49Region', region, 'region');
      }
      iso3s = ((await ctx.loaders.countriesByAreaM49.load(region)) ?? []).map((c) => c.iso3);
    }
    const assessments = (await findNeedsAssessmentsForAggregate(ctx.db, iso3s)).filter((a) =>
      admits(a, includeSynthetic),
    );
    const stats = needsStatistics(ctx.viewer, assessments);
    const countries = await ctx.loaders.countryByIso3.loadMany(
      stats.byCountry.map((c) => c.countryIso3),
    );
    return {
      region: region ?? null,
      openFindings: stats.openFindings,
      byAreaAndSeverity: stats.byAreaAndSeverity,
      byCountry: stats.byCountry.map((c, i) => {
        const country = countries[i];
        if (!country || country instanceof Error) {
          throw new Error(`Needs statistics name unknown country ${c.countryIso3}`);
        }
        return { country, openFindings: c.openFindings, highFindings: c.highFindings };
      }),
      unattributedFindings: stats.unattributedFindings,
      withheldFindings: stats.withheldFindings,
      withheldAssessments: stats.withheldAssessments,
      basis: basisOfRecords('needs assessment', includeSynthetic ?? false, stats.counted),
    };
  }
}
