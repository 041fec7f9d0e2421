import { IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { badUserInput, notFound } from '../../schema/errors.js';
import { GpcArea, GpcPillar } from '../../schema/gpc.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { isEditor } from '../../schema/access.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { findActivitiesPage, type ListScope } from './activity.repository.js';
import { ActivityType } from './codes.js';
import type { AssistanceContext } from './context.js';
import { Country } from './country.entity.js';
import { LegalProvision } from './legal-provision.entity.js';
import { Legislation } from './legislation.entity.js';
import { NeedsAssessment } from './needs-assessment.entity.js';
import { OffenceCategory } from './offence-category.entity.js';
import { Organization } from './organization.entity.js';
import { Project } from './project.entity.js';
import { AssistanceRequest } from './request.entity.js';
import { canSeeActivity, canSeeRequest } from './visibility.js';

@InputType({ description: 'Narrows `activities`; all given conditions must hold.' })
export class ActivityFilter {
  @Field(() => CountryCodeScalar, { nullable: true, description: 'Benefiting this country.' })
  country?: string;

  @Field(() => String, { nullable: true, description: 'Implemented by this organisation id.' })
  implementer?: string;

  @Field(() => ActivityType, { nullable: true, description: 'Of this type.' })
  type?: ActivityType;

  @Field(() => GpcPillar, { nullable: true, description: 'Under this pillar.' })
  pillar?: GpcPillar;

  @Field(() => GpcArea, { nullable: true, description: 'Addressing this area.' })
  area?: GpcArea;

  @Field(() => DateScalar, { nullable: true, description: 'Ending on or after this day.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Starting on or before this day.' })
  to?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only synthetic (true) or real (false).' })
  synthetic?: boolean;
}

export const { Connection: ActivityConnection } = connectionTypes<TechnicalAssistanceActivity>(
  TechnicalAssistanceActivity,
  'TechnicalAssistanceActivity',
);

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
    const { viewer } = ctx;
    const scope: ListScope = isEditor(viewer)
      ? { kind: 'all' }
      : (viewer.role === 'partner' || viewer.role === 'donor') && viewer.organizationId
        ? { kind: 'own', organizationId: viewer.organizationId }
        : { kind: 'none' };
    const { rows, totalCount } = await findActivitiesPage(
      ctx.db,
      scope,
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
