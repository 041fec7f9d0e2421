import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { listedActivities } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import { NeedsAssessment } from './foreign.entity.js';
import { Outcome } from './outcome.entity.js';

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
    return listedActivities(
      ctx.viewer,
      await ctx.loaders.activitiesByAssessment.load(assessment.id),
      includeSynthetic,
    );
  }

  @listSize(5)
  @FieldResolver(() => [Outcome], {
    description:
      'What changed after this assessment, by date; `findingId` says which finding an outcome answers (its follow-up).',
  })
  async outcomes(
    @Root() assessment: NeedsAssessment,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Outcome[]> {
    const outcomes = (await ctx.loaders.outcomesByAssessment.load(assessment.id)) ?? [];
    return outcomes.filter((o) => admits(o, includeSynthetic));
  }
}
