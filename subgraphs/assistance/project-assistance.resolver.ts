import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import { type Connection, PageArgs } from '../../schema/pagination.js';
import { ActivityConnection, type TechnicalAssistanceActivity } from './activity.entity.js';
import { listedActivities } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import { Project } from './foreign.entity.js';
import { activityKey, pageOfList } from './page.model.js';

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
    return pageOfList(listedActivities(ctx.viewer, list, includeSynthetic), page, activityKey);
  }
}
