import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { admits, Basis, basisOfRecords, IncludeSyntheticArg } from '../../schema/basis.js';
import { notFound } from '../../schema/errors.js';
import { GpcArea } from '../../schema/gpc.js';
import { M49CodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';
import { Severity } from './needs-assessment.entity.js';
import { findNeedsAssessmentsForAggregate } from './needs-assessment.repository.js';
import { needsStatistics } from './needs-statistics.js';

@ObjectType({ description: 'Open findings of one area at one severity.' })
export class AreaSeverityCount {
  @Field(() => GpcArea, { description: 'The Global Programme area.' })
  area!: GpcArea;

  @Field(() => Severity, { description: 'The severity.' })
  severity!: Severity;

  @Field(() => Int, { description: 'Open findings counted.' })
  openFindings!: number;
}

@ObjectType({ description: 'Open findings attributed to one State.' })
export class CountryFindingCount {
  @Field(() => Country, { description: 'The assessed State.' })
  country!: Country;

  @Field(() => Int, { description: 'Open findings counted for it.' })
  openFindings!: number;

  @Field(() => Int, { description: 'Of which HIGH.' })
  highFindings!: number;
}

@ObjectType({
  description:
    'Open needs-assessment findings, counted as each assessed State’s consent allows: findings the viewer may read always count; others count as the State consented (FULL: attributed; AGGREGATE: in totals only; NONE: left out, and said so in `withheldFindings`).',
})
export class NeedsFindingStatistics {
  @Field(() => M49CodeScalar, { nullable: true, description: 'The M49 area; null for all.' })
  region!: string | null;

  @Field(() => Int, { description: 'Open findings counted.' })
  openFindings!: number;

  @Field(() => [AreaSeverityCount], { description: 'The counted findings by area and severity.' })
  byAreaAndSeverity!: AreaSeverityCount[];

  @Field(() => [CountryFindingCount], {
    description: 'The counted findings the viewer may see attributed, by State.',
  })
  byCountry!: CountryFindingCount[];

  @Field(() => Int, {
    description: 'Counted findings not attributed to any State (consent AGGREGATE).',
  })
  unattributedFindings!: number;

  @Field(() => Int, {
    description:
      'Open findings left out: the viewer may not read them and the State gave no consent.',
  })
  withheldFindings!: number;

  @Field(() => Int, { description: 'Assessments whose open findings were left out.' })
  withheldAssessments!: number;

  @Field(() => Basis, { description: 'The assessments whose findings were counted.' })
  basis!: Basis;
}

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
