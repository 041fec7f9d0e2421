import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../schema/errors.js';
import { M49CodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';
import { CoverageGap, CoverageGapReport } from './coverage-gap.entity.js';
import { NeedsAssessment, Severity } from './needs-assessment.entity.js';
import { canReadFindings } from './needs-assessment.resolver.js';
import { M49Region } from './region.entity.js';

/** The States of an area (member and observer States), by ISO code. */
export async function coverageGapReport(
  ctx: MemberStatesContext,
  region: string,
): Promise<CoverageGapReport> {
  const countries = (await ctx.loaders.countriesByAreaM49.load(region)) ?? [];
  return { region, memberIso3s: countries.map((c) => c.iso3).sort() };
}

@Resolver(() => CoverageGapReport)
export class CoverageGapResolver {
  @Query(() => CoverageGapReport, {
    name: 'gaps',
    description:
      'HIGH-severity needs-assessment findings of an M49 area that no assistance activity has addressed since: where a coordination meeting starts. NOT_FOUND for an unknown area.',
  })
  async gapReport(
    @Arg('region', () => M49CodeScalar, { description: 'M49 code, such as "002" (Africa).' })
    region: string,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<CoverageGapReport> {
    if (!(await ctx.loaders.regionByM49.load(region))) {
      throw notFound('M49Region', region, 'region');
    }
    return coverageGapReport(ctx, region);
  }

  @FieldResolver(() => M49Region, { description: 'The M49 area.' })
  async area(
    @Root() report: CoverageGapReport,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<M49Region> {
    const region = await ctx.loaders.regionByM49.load(report.region);
    if (!region) {
      throw notFound('M49Region', report.region, 'region');
    }
    return region;
  }

  @FieldResolver(() => [CoverageGap], {
    description:
      'The open gaps, by country and area; findings the viewer may not read (RESTRICTED, CONFIDENTIAL) are left out.',
  })
  @Directive('@requires(fields: "coverage { countryIso3 area latestStart }")')
  async gaps(
    @Root() report: CoverageGapReport,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<CoverageGap[]> {
    const latest = new Map(
      (report.coverage ?? []).map((c) => [`${c.countryIso3}|${c.area}`, c.latestStart]),
    );
    const { memberIso3s } = report.memberIso3s
      ? report
      : await coverageGapReport(ctx, report.region);
    const lists = await ctx.loaders.needsAssessmentsByCountryIso3.loadMany(memberIso3s);
    const gaps: CoverageGap[] = [];
    for (const list of lists) {
      if (list instanceof Error) {
        throw list;
      }
      for (const assessment of list ?? []) {
        const since = assessment.completedOn ?? assessment.startedOn;
        if (!since || !canReadFindings(ctx.viewer, assessment)) {
          continue;
        }
        for (const finding of assessment.findingsList) {
          const last = latest.get(`${assessment.countryIso3}|${finding.area}`) ?? null;
          if (finding.severity === Severity.HIGH && (last === null || last < since)) {
            gaps.push({
              area: finding.area,
              gap: finding.gap,
              severity: finding.severity,
              since,
              lastActivityStart: last,
              assessmentId: assessment.id,
              countryIso3: assessment.countryIso3,
            });
          }
        }
      }
    }
    return gaps.sort((a, b) =>
      `${a.countryIso3}|${a.area}|${a.assessmentId}` <
      `${b.countryIso3}|${b.area}|${b.assessmentId}`
        ? -1
        : 1,
    );
  }
}

@Resolver(() => CoverageGap)
export class CoverageGapFieldsResolver {
  @FieldResolver(() => NeedsAssessment, { description: 'The assessment that found the gap.' })
  async assessment(
    @Root() gap: CoverageGap,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<NeedsAssessment> {
    const assessment = await ctx.loaders.needsAssessmentById.load(gap.assessmentId);
    if (!assessment) {
      throw notFound('NeedsAssessment', gap.assessmentId, 'id');
    }
    return assessment;
  }

  @FieldResolver(() => Country, { description: 'The assessed country.' })
  async country(@Root() gap: CoverageGap, @Ctx() ctx: MemberStatesContext): Promise<Country> {
    const country = await ctx.loaders.countryByIso3.load(gap.countryIso3);
    if (!country) {
      throw notFound('Country', gap.countryIso3, 'iso3');
    }
    return country;
  }
}
