import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { listsActivity, listsRequest } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import { Country, Legislation, NeedsAssessment } from './foreign.entity.js';
import { Outcome } from './outcome.entity.js';
import { AssistanceRequest } from './request.entity.js';

@Resolver(() => Outcome)
export class OutcomeResolver {
  @FieldResolver(() => Country, { description: 'The State where it happened.' })
  country(@Root() outcome: Outcome): Country {
    return { iso3: outcome.countryIso3 };
  }

  @FieldResolver(() => TechnicalAssistanceActivity, {
    nullable: true,
    description: 'The activity it followed, if any.',
  })
  async activity(
    @Root() outcome: Outcome,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity | null> {
    const activity = outcome.activityId
      ? await ctx.loaders.activityById.load(outcome.activityId)
      : null;
    return activity && listsActivity(ctx.viewer, activity) ? activity : null;
  }

  @FieldResolver(() => AssistanceRequest, {
    nullable: true,
    description: 'The request it answers, if any.',
  })
  async request(
    @Root() outcome: Outcome,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest | null> {
    const request = outcome.requestId
      ? await ctx.loaders.requestById.load(outcome.requestId)
      : null;
    return request && listsRequest(ctx.viewer, request) ? request : null;
  }

  @FieldResolver(() => NeedsAssessment, {
    nullable: true,
    description: 'The needs assessment it answers (member-states), if any.',
  })
  needsAssessment(@Root() outcome: Outcome): NeedsAssessment | null {
    return outcome.needsAssessmentId ? { id: outcome.needsAssessmentId } : null;
  }

  @FieldResolver(() => Legislation, {
    nullable: true,
    description: 'The law adopted or amended (laws subgraph), if any.',
  })
  legislation(@Root() outcome: Outcome): Legislation | null {
    return outcome.legislationId ? { id: outcome.legislationId } : null;
  }
}

@Resolver(() => AssistanceRequest)
export class RequestOutcomesResolver {
  @listSize(5)
  @FieldResolver(() => [Outcome], { description: 'What changed after it, by date.' })
  async outcomes(
    @Root() request: AssistanceRequest,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Outcome[]> {
    const outcomes = (await ctx.loaders.outcomesByRequest.load(request.id)) ?? [];
    return outcomes.filter((o) => admits(o, includeSynthetic));
  }
}

@Resolver(() => TechnicalAssistanceActivity)
export class ActivityOutcomesResolver {
  @listSize(5)
  @FieldResolver(() => [Outcome], { description: 'What changed after it, by date.' })
  async outcomes(
    @Root() activity: TechnicalAssistanceActivity,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Outcome[]> {
    const outcomes = (await ctx.loaders.outcomesByActivity.load(activity.id)) ?? [];
    return outcomes.filter((o) => admits(o, includeSynthetic));
  }
}
