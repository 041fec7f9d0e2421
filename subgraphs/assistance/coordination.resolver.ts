import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../schema/errors.js';
import type { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import type { AssistanceContext } from './context.js';
import { findOverlaps } from './coordination.repository.js';
import { ActivityOverlap, AreaCoverage, CoverageGapReport } from './coordination.types.js';

@Resolver(() => ActivityOverlap)
export class OverlapResolver {
  @Query(() => [ActivityOverlap], {
    description:
      'Published activities of different implementers in one country that share an area and overlap in time (each pair once), by overlap start.',
  })
  async overlaps(
    @Ctx() ctx: AssistanceContext,
    @Arg('country', () => CountryCodeScalar, { description: 'The beneficiary country.' })
    country: string,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Period start.' })
    from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Period end.' })
    to?: string,
  ): Promise<ActivityOverlap[]> {
    if (from && to && from > to) {
      throw badUserInput([{ field: 'to', message: 'must not be before from' }]);
    }
    const pairs = await findOverlaps(ctx.db, country, { from, to });
    const load = async (id: string) => {
      const activity = await ctx.loaders.activityById.load(id);
      if (!activity) {
        throw new Error(`Overlap names activity ${id}, which was not found`);
      }
      return activity;
    };
    const activities = await Promise.all(pairs.flatMap((p) => [load(p.firstId), load(p.secondId)]));
    return pairs.map((p, i) => ({
      country: { iso3: country },
      first: activities[2 * i]!,
      second: activities[2 * i + 1]!,
      sharedAreas: p.sharedAreas as GpcArea[],
      overlapStart: p.overlapStart,
      overlapEnd: p.overlapEnd,
      overlapDays: p.overlapDays,
    }));
  }
}

@Resolver(() => CoverageGapReport)
export class CoverageResolver {
  @FieldResolver(() => [AreaCoverage], {
    description:
      'Per State of the area and Global Programme area: the start of the latest published activity. member-states requires it to compute `gaps`.',
  })
  @Directive('@requires(fields: "memberIso3s")')
  async coverage(
    @Root() report: CoverageGapReport,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AreaCoverage[]> {
    const lists = await ctx.loaders.coverageByCountry.loadMany(report.memberIso3s ?? []);
    return lists.flatMap((list) => {
      if (list instanceof Error) {
        throw list;
      }
      return (list ?? []).map((c) => ({
        countryIso3: c.countryIso3,
        area: c.area as GpcArea,
        latestStart: c.latestStart,
      }));
    });
  }
}
