import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
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
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';
import { Organization } from './foreign.entity.js';
import { canReadFindings } from './member-states.access.js';
import { NeedsAssessment, NeedsFinding } from './needs-assessment.entity.js';
import { NeedsAssessmentFilter } from './needs-assessment.input.js';
import { countNeedsAssessments, findNeedsAssessmentsPage } from './needs-assessment.repository.js';
import { checkNeedsAssessmentFilter } from './needs-assessment.validation.js';

const { Connection: NeedsAssessmentConnection } = connectionTypes<NeedsAssessment>(
  NeedsAssessment,
  'NeedsAssessment',
);

@Resolver(() => NeedsAssessment)
export class NeedsAssessmentResolver {
  @Query(() => NeedsAssessment, { description: 'One needs assessment; NOT_FOUND when unknown.' })
  async needsAssessment(
    @Arg('id', () => String, { description: 'Its id.' }) id: string,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<NeedsAssessment> {
    return found(await ctx.loaders.needsAssessmentById.load(id), 'NeedsAssessment', id, 'id');
  }

  @Query(() => NeedsAssessmentConnection, {
    description: 'Needs assessments in id order, filtered and paginated.',
  })
  async needsAssessments(
    @Ctx() ctx: MemberStatesContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => NeedsAssessmentFilter, {
      nullable: true,
      description: 'Narrows the assessments; omitted, every assessment the viewer may see.',
    })
    filter?: NeedsAssessmentFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<NeedsAssessment>> {
    const { limit, after } = readPage(page, ['string'] as const);
    const values = {
      ...checkNeedsAssessmentFilter(filter),
      synthetic: syntheticFilter(includeSynthetic, filter?.synthetic),
    };
    const [rows, totalCount] = await Promise.all([
      findNeedsAssessmentsPage(ctx.db, values, limit, after?.[0]),
      countNeedsAssessments(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (a) => [a.id]);
  }

  @FieldResolver(() => Country, { description: 'The assessed country.' })
  async country(
    @Root() assessment: NeedsAssessment,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<Country> {
    const country = await ctx.loaders.countryByIso3.load(assessment.countryIso3);
    if (!country) {
      throw new Error(
        `Needs assessment ${assessment.id} refers to unknown country ${assessment.countryIso3}`,
      );
    }
    return country;
  }

  @FieldResolver(() => [Organization], { description: 'The organizations that conducted it.' })
  conductedBy(@Root() assessment: NeedsAssessment): Organization[] {
    return assessment.conductedByOrganizationIds.map((id) => ({ id }));
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether this viewer may read the findings and recommendations.',
  })
  findingsVisible(@Root() assessment: NeedsAssessment, @Ctx() ctx: MemberStatesContext): boolean {
    return canReadFindings(ctx.viewer, assessment);
  }

  @FieldResolver(() => [NeedsFinding], {
    nullable: true,
    description: 'The gaps found, by area and severity; null when `findingsVisible` is false.',
  })
  findings(
    @Root() assessment: NeedsAssessment,
    @Ctx() ctx: MemberStatesContext,
  ): NeedsFinding[] | null {
    return canReadFindings(ctx.viewer, assessment) ? assessment.findingsList : null;
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'What the assessment recommends; null when `findingsVisible` is false.',
  })
  recommendations(
    @Root() assessment: NeedsAssessment,
    @Ctx() ctx: MemberStatesContext,
  ): string[] | null {
    return canReadFindings(ctx.viewer, assessment) ? assessment.recommendationsList : null;
  }
}

@Resolver(() => Country)
export class CountryNeedsAssessmentsResolver {
  @listSize(2)
  @FieldResolver(() => [NeedsAssessment], {
    description: 'Needs assessments of this country, newest first.',
  })
  async needsAssessments(
    @Root() country: Country,
    @Ctx() ctx: MemberStatesContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<NeedsAssessment[]> {
    const all = (await ctx.loaders.needsAssessmentsByCountryIso3.load(country.iso3)) ?? [];
    return all.filter((a) => admits(a, includeSynthetic));
  }
}
