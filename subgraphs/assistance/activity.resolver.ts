import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { badUserInput, notFound } from '../../schema/errors.js';
import { type Connection, PageArgs, readPage, toConnection } from '../../schema/pagination.js';
import { ActivityConnection, TechnicalAssistanceActivity } from './activity.entity.js';
import { ActivityFilter } from './activity.input.js';
import { findActivitiesPage } from './activity.repository.js';
import { activityListScope, canSeeActivity, canSeeRequest } from './assistance.access.js';
import type { AssistanceContext } from './context.js';
import {
  Country,
  LegalProvision,
  Legislation,
  NeedsAssessment,
  OffenceCategory,
  Organization,
  Project,
} from './foreign.entity.js';
import { AssistanceRequest } from './request.entity.js';

@Resolver(() => TechnicalAssistanceActivity)
export class ActivityResolver {
  @Query(() => TechnicalAssistanceActivity, {
    description: 'One activity; NOT_FOUND when unknown or not visible to this viewer.',
  })
  async activity(
    @Arg('id', () => String, { description: 'Its id.' }) id: string,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    const activity = await ctx.loaders.activityById.load(id);
    if (!activity || !canSeeActivity(ctx.viewer, activity)) {
      throw notFound('TechnicalAssistanceActivity', id, 'id');
    }
    return activity;
  }

  @Query(() => ActivityConnection, {
    description:
      'Published activities (and the viewer’s own unpublished ones) in id order, filtered and paginated.',
  })
  async activities(
    @Ctx() ctx: AssistanceContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ActivityFilter, {
      nullable: true,
      description: 'Narrows the activities; omitted, every activity the viewer may see.',
    })
    filter?: ActivityFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<TechnicalAssistanceActivity>> {
    if (filter?.from && filter.to && filter.from > filter.to) {
      throw badUserInput([{ field: 'filter.to', message: 'must not be before filter.from' }]);
    }
    const { limit, after } = readPage(page, ['string'] as const);
    const { rows, totalCount } = await findActivitiesPage(
      ctx.db,
      activityListScope(ctx.viewer),
      { ...filter, synthetic: syntheticFilter(includeSynthetic, filter?.synthetic) },
      limit,
      after?.[0],
    );
    return toConnection(rows, limit, totalCount, (a) => [a.id]);
  }

  @listSize(2)
  @FieldResolver(() => [Country], { description: 'The countries that benefited.' })
  beneficiaryCountries(@Root() activity: TechnicalAssistanceActivity): Country[] {
    return activity.beneficiaryIso3s.map((iso3) => ({ iso3 }));
  }

  @FieldResolver(() => Country, { nullable: true, description: 'Where it took place.' })
  locationCountry(@Root() activity: TechnicalAssistanceActivity): Country | null {
    return activity.locationIso3 ? { iso3: activity.locationIso3 } : null;
  }

  @listSize(2)
  @FieldResolver(() => [Organization], { description: 'The implementing organisations.' })
  implementers(@Root() activity: TechnicalAssistanceActivity): Organization[] {
    return activity.implementerIds.map((id) => ({ id }));
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description: 'The project it was delivered under (funding subgraph), when known.',
  })
  project(@Root() activity: TechnicalAssistanceActivity): Project | null {
    return activity.projectId ? { id: activity.projectId } : null;
  }

  @listSize(3)
  @FieldResolver(() => [OffenceCategory], { description: 'Offence categories addressed.' })
  offenceCategories(@Root() activity: TechnicalAssistanceActivity): OffenceCategory[] {
    return activity.offenceCategoryCodes.map((code) => ({ code }));
  }

  @FieldResolver(() => NeedsAssessment, {
    nullable: true,
    description: 'The needs assessment it answers (member-states subgraph).',
  })
  needsAssessment(@Root() activity: TechnicalAssistanceActivity): NeedsAssessment | null {
    return activity.needsAssessmentId ? { id: activity.needsAssessmentId } : null;
  }

  @FieldResolver(() => AssistanceRequest, {
    nullable: true,
    description: 'The request for assistance it answers; null when none or not visible.',
  })
  async request(
    @Root() activity: TechnicalAssistanceActivity,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest | null> {
    if (!activity.requestId) {
      return null;
    }
    const request = await ctx.loaders.requestById.load(activity.requestId);
    return request && canSeeRequest(ctx.viewer, request) ? request : null;
  }

  @listSize(1)
  @FieldResolver(() => [Legislation], { description: 'Laws it supported (laws subgraph).' })
  legislationSupported(@Root() activity: TechnicalAssistanceActivity): Legislation[] {
    return activity.legislationIds.map((id) => ({ id }));
  }

  @listSize(2)
  @FieldResolver(() => [LegalProvision], {
    description: 'Provisions it supported (laws subgraph).',
  })
  provisionsSupported(@Root() activity: TechnicalAssistanceActivity): LegalProvision[] {
    return activity.provisionIds.map((id) => ({ id }));
  }
}
