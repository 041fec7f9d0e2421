import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../schema/errors.js';
import { type Connection, connectionTypes, PageArgs } from '../../schema/pagination.js';
import { DateScalar } from '../../schema/scalars.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { ActivityConnection } from './activity.resolver.js';
import { countryPeriodKey } from './assistance.loaders.js';
import type { AssistanceContext } from './context.js';
import { Country } from './country.entity.js';
import { LegalProvision } from './legal-provision.entity.js';
import { NeedsAssessment } from './needs-assessment.entity.js';
import { Organization } from './organization.entity.js';
import { activityKey, pageOfList, requestKey } from './page.js';
import { Project } from './project.entity.js';
import { AssistanceRequest } from './request.entity.js';
import { listsActivity, listsRequest } from './visibility.js';

const { Connection: AssistanceRequestConnection } = connectionTypes<AssistanceRequest>(
  AssistanceRequest,
  'AssistanceRequest',
);

const visible = (
  ctx: AssistanceContext,
  list: TechnicalAssistanceActivity[] | null,
  includeSynthetic: boolean | undefined,
) => (list ?? []).filter((a) => listsActivity(ctx.viewer, a) && admits(a, includeSynthetic));

// Every field below reads through a DataLoader: the gateway's one `_entities` call for N
// countries (organisations, projects…) is one SQL statement.

@Resolver(() => Country)
export class CountryAssistanceResolver {
  @FieldResolver(() => AssistanceRequestConnection, {
    description: 'Requests for assistance this State made, newest first.',
  })
  async assistanceRequests(
    @Root() country: Country,
    @Ctx() ctx: AssistanceContext,
    @Args(() => PageArgs) page: PageArgs,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<AssistanceRequest>> {
    const requests = (await ctx.loaders.requestsByCountry.load(country.iso3)) ?? [];
    return pageOfList(
      requests.filter((r) => listsRequest(ctx.viewer, r) && admits(r, includeSynthetic)),
      page,
      requestKey,
    );
  }

  @FieldResolver(() => ActivityConnection, {
    description:
      'Activities benefiting this State that overlap the period (open bounds allowed), in date order; undated activities only without bounds.',
  })
  async activities(
    @Root() country: Country,
    @Ctx() ctx: AssistanceContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Ending on or after.' })
    from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Starting on or before.' })
    to?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<TechnicalAssistanceActivity>> {
    if (from && to && from > to) {
      throw badUserInput([{ field: 'to', message: 'must not be before from' }]);
    }
    const list = await ctx.loaders.activitiesByCountryPeriod.load(
      countryPeriodKey(country.iso3, from, to),
    );
    return pageOfList(visible(ctx, list, includeSynthetic), page, activityKey);
  }
}

@Resolver(() => Organization)
export class OrganizationAssistanceResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities this organisation implemented, in date order.',
  })
  async activitiesImplemented(
    @Root() organization: Organization,
    @Ctx() ctx: AssistanceContext,
    @Args(() => PageArgs) page: PageArgs,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<TechnicalAssistanceActivity>> {
    const list = await ctx.loaders.activitiesByImplementer.load(organization.id);
    return pageOfList(visible(ctx, list, includeSynthetic), page, activityKey);
  }
}

@Resolver(() => Project)
export class ProjectAssistanceResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities delivered under this project, in date order.',
  })
  async activities(
    @Root() project: Project,
    @Ctx() ctx: AssistanceContext,
    @Args(() => PageArgs) page: PageArgs,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<TechnicalAssistanceActivity>> {
    const list = await ctx.loaders.activitiesByProject.load(project.id);
    return pageOfList(visible(ctx, list, includeSynthetic), page, activityKey);
  }
}

@Resolver(() => NeedsAssessment)
export class NeedsAssessmentAssistanceResolver {
  @listSize(5)
  @FieldResolver(() => [TechnicalAssistanceActivity], {
    description: 'Activities that answered this assessment, in date order.',
  })
  async activities(
    @Root() assessment: NeedsAssessment,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<TechnicalAssistanceActivity[]> {
    return visible(
      ctx,
      await ctx.loaders.activitiesByAssessment.load(assessment.id),
      includeSynthetic,
    );
  }
}

@Resolver(() => LegalProvision)
export class LegalProvisionAssistanceResolver {
  @listSize(5)
  @FieldResolver(() => [TechnicalAssistanceActivity], {
    description: 'Activities that supported drafting or applying this provision, in date order.',
  })
  async supportedBy(
    @Root() provision: LegalProvision,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<TechnicalAssistanceActivity[]> {
    return visible(
      ctx,
      await ctx.loaders.activitiesByProvision.load(provision.id),
      includeSynthetic,
    );
  }
}
