import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../schema/errors.js';
import type { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import type { AssistanceContext } from './context.js';
import { findOverlaps, findProjectOverlaps } from './coordination.repository.js';
import {
  ActivityOverlap,
  CoverageGap,
  CoverageGapReport,
  ProjectOverlap,
} from './coordination.types.js';

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
    @IncludeSyntheticArg() includeSynthetic?: boolean,
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
    const loaded = await Promise.all(pairs.flatMap((p) => [load(p.firstId), load(p.secondId)]));
    // A pair with a synthetic activity is itself illustrative: left out unless asked.
    const kept = pairs
      .map((p, i) => ({ p, first: loaded[2 * i]!, second: loaded[2 * i + 1]! }))
      .filter((x) => admits(x.first, includeSynthetic) && admits(x.second, includeSynthetic));
    const activities = kept.flatMap((x) => [x.first, x.second]);
    return kept.map(({ p }, i) => ({
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

@Resolver(() => ProjectOverlap)
export class ProjectOverlapResolver {
  @Query(() => [ProjectOverlap], {
    description:
      'Dated projects with no implementer in common that both cover one country and run at the same time (each pair once), by overlap start: real pairs only unless `includeSynthetic`.',
  })
  async projectOverlaps(
    @Ctx() ctx: AssistanceContext,
    @Arg('country', () => CountryCodeScalar, { description: 'The beneficiary country.' })
    country: string,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Period start.' })
    from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Period end.' })
    to?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<ProjectOverlap[]> {
    if (from && to && from > to) {
      throw badUserInput([{ field: 'to', message: 'must not be before from' }]);
    }
    const pairs = await findProjectOverlaps(
      ctx.db,
      country,
      { from, to },
      includeSynthetic === true,
    );
    return pairs.map((p) => ({
      country: { iso3: country },
      first: { id: p.firstId },
      second: { id: p.secondId },
      firstImplementers: p.firstImplementerIds.map((id) => ({ id })),
      secondImplementers: p.secondImplementerIds.map((id) => ({ id })),
      firstDatesAsGiven: p.firstDatesAsGiven,
      secondDatesAsGiven: p.secondDatesAsGiven,
      overlapStart: p.overlapStart,
      overlapEnd: p.overlapEnd,
      overlapDays: p.overlapDays,
      synthetic: p.synthetic,
    }));
  }
}

@Resolver(() => CoverageGapReport)
export class CoverageResolver {
  @Query(() => CoverageGapReport, {
    description:
      'HIGH-severity needs-assessment findings of an M49 area (region, sub-region or intermediate region) that no published activity has addressed since the assessment: where a coordination meeting starts. Only findings the viewer may read; NOT_FOUND for an unknown area.',
  })
  gaps(
    @Arg('region', () => M49CodeScalar, { description: 'M49 code, such as "002" (Africa).' })
    region: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): CoverageGapReport {
    return { region, includeSynthetic: includeSynthetic ?? false };
  }

  @FieldResolver(() => [CoverageGap], {
    name: 'gaps',
    description:
      'The open gaps by country and area: findings whose country and area have no published activity starting on or after `since`.',
  })
  @Directive(
    '@requires(fields: "highSeverityFindings { assessmentId countryIso3 area gap since }")',
  )
  async openGaps(
    @Root() report: CoverageGapReport,
    @Ctx() ctx: AssistanceContext,
  ): Promise<CoverageGap[]> {
    const findings = report.highSeverityFindings ?? [];
    const countries = [...new Set(findings.map((f) => f.countryIso3))];
    const lists = await ctx.loaders.coverageByCountry.loadMany(countries);
    const latest = new Map<string, string>();
    for (const list of lists) {
      if (list instanceof Error) {
        throw list;
      }
      for (const c of list ?? []) {
        // Unless synthetic records are asked for, only a real activity answers a finding.
        const start = report.includeSynthetic ? c.latestStart : c.latestRealStart;
        if (start !== null) {
          latest.set(`${c.countryIso3}|${c.area}`, start);
        }
      }
    }
    return findings.flatMap((f) => {
      const last = latest.get(`${f.countryIso3}|${f.area}`) ?? null;
      return last !== null && last >= f.since
        ? []
        : [
            {
              country: { iso3: f.countryIso3 },
              assessment: { id: f.assessmentId },
              area: f.area,
              gap: f.gap,
              since: f.since,
              lastActivityStart: last,
            },
          ];
    });
  }
}
