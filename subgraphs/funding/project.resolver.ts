import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { found } from '../../schema/errors.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { Budget } from './budget.entity.js';
import type { FundingContext } from './context.js';
import { canSeeTransaction } from './funding.access.js';
import { Project } from './project.entity.js';
import { ProjectFilter } from './project.input.js';
import { countProjects, findProjectsPage } from './project.repository.js';
import { Transaction } from './transaction.entity.js';

const { Connection: ProjectConnection } = connectionTypes<Project>(Project, 'Project');

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: 'One project by id; NOT_FOUND when unknown.' })
  async project(
    @Arg('id', () => ID, { description: 'Project id, such as "gpc".' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Project> {
    return found(await ctx.loaders.projectById.load(id), 'Project', id, 'id');
  }

  @Query(() => ProjectConnection, { description: 'Projects in title order, paginated.' })
  async projects(
    @Ctx() ctx: FundingContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ProjectFilter, {
      nullable: true,
      description: 'Narrows the projects; omitted, every project the viewer may see.',
    })
    filter?: ProjectFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<Project>> {
    const { limit, after } = readPage(page, ['string', 'string'] as const);
    const values = {
      parentId: filter?.parentId ?? undefined,
      synthetic: syntheticFilter(includeSynthetic, filter?.synthetic),
    };
    const [rows, totalCount] = await Promise.all([
      findProjectsPage(ctx.db, values, limit, after),
      countProjects(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (p) => [p.title, p.id]);
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'The parent programme; null for the Global Programme itself.',
  })
  async parent(@Root() project: Project, @Ctx() ctx: FundingContext): Promise<Project | null> {
    return project.parentId ? ctx.loaders.projectById.load(project.parentId) : null;
  }

  @listSize(5)
  @FieldResolver(() => [Project], { description: 'Projects directly under this one.' })
  async children(
    @Root() project: Project,
    @Ctx() ctx: FundingContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Project[]> {
    const ids = (await ctx.loaders.childProjectIdsByParentId.load(project.id)) ?? [];
    const children = await ctx.loaders.projectById.loadMany(ids);
    return children.filter(
      (c): c is Project => c !== null && !(c instanceof Error) && admits(c, includeSynthetic),
    );
  }

  @listSize(20)
  @FieldResolver(() => [Transaction], {
    description:
      'Transactions of this project in date order (published, plus what the viewer may review).',
  })
  async transactions(
    @Root() project: Project,
    @Ctx() ctx: FundingContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Transaction[]> {
    const all = (await ctx.loaders.transactionsByProjectId.load(project.id)) ?? [];
    return all.filter((t) => canSeeTransaction(ctx.viewer, t) && admits(t, includeSynthetic));
  }

  @listSize(5)
  @FieldResolver(() => [Budget], { description: 'Budgets of this project by period.' })
  async budgets(
    @Root() project: Project,
    @Ctx() ctx: FundingContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Budget[]> {
    const all = (await ctx.loaders.budgetsByProjectId.load(project.id)) ?? [];
    return all.filter((b) => admits(b, includeSynthetic));
  }
}
