import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { listedActivities } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import { LegalProvision } from './foreign.entity.js';

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
    return listedActivities(
      ctx.viewer,
      await ctx.loaders.activitiesByProvision.load(provision.id),
      includeSynthetic,
    );
  }
}
