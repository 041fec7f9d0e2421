import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import { type Connection, PageArgs } from '../../schema/pagination.js';
import { ActivityConnection, type TechnicalAssistanceActivity } from './activity.entity.js';
import { listedActivities } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import { Organization } from './foreign.entity.js';
import { activityKey, pageOfList } from './page.model.js';

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
    return pageOfList(listedActivities(ctx.viewer, list, includeSynthetic), page, activityKey);
  }
}
