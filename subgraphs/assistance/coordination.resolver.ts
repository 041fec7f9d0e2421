import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { badUserInput } from '../../schema/errors.js';
import type { GpcArea } from '../../schema/gpc.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import type { AssistanceContext } from './context.js';
import {
  ActivityOverlap,
  CoverageGap,
  CoverageGapReport,
  ProjectOverlap,
} from './coordination.entity.js';
import {
  countOverlaps,
  findKnownRegions,
  findOverlaps,
  findProjectOverlaps,
  type OverlapRecord,
  type OverlapScope,
} from './coordination.repository.js';

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
    const pairs = await findOverlaps(ctx.db, { country }, { from, to });
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

const { Connection: ActivityOverlapConnection } = connectionTypes<ActivityOverlap>(
  ActivityOverlap,
  'ActivityOverlap',
);

/** At most this many projects in one `overlapsIn(projects:)`: a donor's portfolio, not a dump. */
const MAX_OVERLAP_PROJECTS = 100;

/** Exactly one scope, or BAD_USER_INPUT naming the arguments. */
function scopeOf(
  country: string | null | undefined,
  region: string | null | undefined,
  implementer: string | null | undefined,
  projects: readonly string[] | null | undefined,
): OverlapScope {
  const given = [country, region, implementer, projects].filter(
    (v) => v !== null && v !== undefined,
  );
  if (given.length !== 1) {
    throw badUserInput([
      {
        field: 'country',
        message: 'give exactly one of country, region, implementer and projects',
      },
    ]);
  }
  if (projects) {
    if (projects.length === 0 || projects.length > MAX_OVERLAP_PROJECTS) {
      throw badUserInput([
        {
          field: 'projects',
          message: `must name 1 to ${MAX_OVERLAP_PROJECTS} projects; got ${projects.length}`,
        },
      ]);
    }
    return { projects: [...new Set(projects)] };
  }
  return country ? { country } : region ? { region } : { implementer: implementer as string };
}

@Resolver(() => ActivityOverlap)
export class OverlapPageResolver {
  @Query(() => ActivityOverlapConnection, {
    description:
      'Overlaps at scale, with the pairing rules of `overlaps`: in one country, in the States of one M49 region, with one implementer on either side, or with an activity of one of the given projects on either side (exactly one scope), each pair once per shared beneficiary country, by overlap start; paginated. A pair with a synthetic activity counts only with `includeSynthetic`. For a donor, pass its projects: funders are owned by funding (`organization(id) { contributions { project { id } } }`), and this subgraph keeps no copy of them.',
  })
  async overlapsIn(
    @Ctx() ctx: AssistanceContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('country', () => CountryCodeScalar, { nullable: true, description: 'One country.' })
    country?: string | null,
    @Arg('region', () => M49CodeScalar, {
      nullable: true,
      description:
        'An M49 region ("002" Africa, "019" Americas, "142" Asia, "150" Europe, "009" Oceania).',
    })
    region?: string | null,
    @Arg('implementer', () => ID, {
      nullable: true,
      description: 'An implementing organization id.',
    })
    implementer?: string | null,
    @Arg('projects', () => [ID], {
      nullable: true,
      description: `Funding project ids (1 to ${MAX_OVERLAP_PROJECTS}), such as a donor's: pairs with an activity delivered under one of them on either side.`,
    })
    projects?: string[] | null,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Period start.' })
    from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Period end.' })
    to?: string | null,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<ActivityOverlap>> {
    const scope = scopeOf(country, region, implementer, projects);
    if (region) {
      const regions = await findKnownRegions(ctx.db);
      if (!regions.includes(region)) {
        throw badUserInput([
          { field: 'region', message: `must be an M49 region: ${regions.join(', ')}` },
        ]);
      }
    }
    if (from && to && from > to) {
      throw badUserInput([{ field: 'to', message: 'must not be before from' }]);
    }
    const { limit, after } = readPage(page, ['string', 'string', 'string', 'string'] as const);
    const period = { from: from ?? undefined, to: to ?? undefined };
    const withSynthetic = includeSynthetic ?? false;
    const [pairs, totalCount] = await Promise.all([
      findOverlaps(ctx.db, scope, period, { limit, after, includeSynthetic: withSynthetic }),
      countOverlaps(ctx.db, scope, period, withSynthetic),
    ]);
    const overlaps = await Promise.all(pairs.map((p) => toOverlap(ctx, p)));
    return toConnection(overlaps, limit, totalCount, (o) => [
      o.overlapStart,
      o.first.id,
      o.second.id,
      o.country.iso3,
    ]);
  }
}

async function toOverlap(ctx: AssistanceContext, p: OverlapRecord): Promise<ActivityOverlap> {
  const [first, second] = await Promise.all([
    ctx.loaders.activityById.load(p.firstId),
    ctx.loaders.activityById.load(p.secondId),
  ]);
  if (!first || !second) {
    throw new Error(`Overlap names activity ${p.firstId} or ${p.secondId}, which was not found`);
  }
  return {
    country: { iso3: p.countryIso3 },
    first,
    second,
    sharedAreas: p.sharedAreas as GpcArea[],
    overlapStart: p.overlapStart,
    overlapEnd: p.overlapEnd,
    overlapDays: p.overlapDays,
  };
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
