import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { badUserInput } from '../../schema/errors.js';
import { type Connection, PageArgs } from '../../schema/pagination.js';
import { DateScalar } from '../../schema/scalars.js';
import { ActivityConnection, type TechnicalAssistanceActivity } from './activity.entity.js';
import { listedActivities, listsRequest } from './assistance.access.js';
import { countryPeriodKey } from './assistance.loaders.js';
import type { AssistanceContext } from './context.js';
import { Country } from './foreign.entity.js';
import { activityKey, pageOfList, requestKey } from './page.model.js';
import { type AssistanceRequest, AssistanceRequestConnection } from './request.entity.js';

// Every field below reads through a DataLoader: the gateway's one `_entities` call for N
// countries is one SQL statement.

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
    return pageOfList(listedActivities(ctx.viewer, list, includeSynthetic), page, activityKey);
  }
}
