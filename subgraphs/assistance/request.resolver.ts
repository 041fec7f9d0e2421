import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { notFound } from '../../schema/errors.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { canSeeRequest, listsActivity } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import { Country, NeedsAssessment } from './foreign.entity.js';
import { AssistanceRequest, StatusChange } from './request.entity.js';

@Resolver(() => AssistanceRequest)
export class RequestResolver {
  @Query(() => AssistanceRequest, {
    description: 'One request for assistance; NOT_FOUND when unknown or not visible.',
  })
  async assistanceRequest(
    @Arg('id', () => String, { description: 'Its id.' }) id: string,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest> {
    const request = await ctx.loaders.requestById.load(id);
    if (!request || !canSeeRequest(ctx.viewer, request)) {
      throw notFound('AssistanceRequest', id, 'id');
    }
    return request;
  }

  @FieldResolver(() => Country, { description: 'The requesting State.' })
  country(@Root() request: AssistanceRequest): Country {
    return { iso3: request.countryIso3 };
  }

  @FieldResolver(() => [StatusChange], { description: 'Every status it entered, oldest first.' })
  async statusHistory(
    @Root() request: AssistanceRequest,
    @Ctx() ctx: AssistanceContext,
  ): Promise<StatusChange[]> {
    const history = (await ctx.loaders.statusHistoryByRequest.load(request.id)) ?? [];
    return history.map(({ status, on, note }) => ({ status, on, note }));
  }

  @FieldResolver(() => NeedsAssessment, {
    nullable: true,
    description: 'The needs assessment it led to (member-states subgraph).',
  })
  needsAssessment(@Root() request: AssistanceRequest): NeedsAssessment | null {
    return request.needsAssessmentId ? { id: request.needsAssessmentId } : null;
  }

  @FieldResolver(() => [TechnicalAssistanceActivity], {
    description: 'The activities that answered it, in date order.',
  })
  async activities(
    @Root() request: AssistanceRequest,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<TechnicalAssistanceActivity[]> {
    const activities = (await ctx.loaders.activitiesByRequest.load(request.id)) ?? [];
    return activities.filter((a) => listsActivity(ctx.viewer, a) && admits(a, includeSynthetic));
  }
}
