import { admits, IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
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
import type { Viewer } from '../../loaders/identity.js';
import { badUserInput, notFound } from '../../schema/errors.js';
import { GpcArea } from '../../schema/gpc.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { isEditor } from '../../schema/review.js';
import { CountryCodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';
import {
  Confidentiality,
  NeedsAssessment,
  NeedsFinding,
  Organization,
} from './needs-assessment.entity.js';
import { countNeedsAssessments, findNeedsAssessmentsPage } from './needs-assessment.repository.js';

/**
 * Whether the viewer may read an assessment's findings and recommendations: everyone for PUBLIC;
 * editors and the assessed country's focal point for RESTRICTED; editors for CONFIDENTIAL.
 * Enforced here, in the owning subgraph, not only at the gateway.
 */
export function canReadFindings(
  viewer: Viewer,
  assessment: Pick<NeedsAssessment, 'confidentiality' | 'countryIso3'>,
): boolean {
  switch (assessment.confidentiality) {
    case Confidentiality.PUBLIC:
      return true;
    case Confidentiality.RESTRICTED:
      return (
        isEditor(viewer) ||
        (viewer.role === 'state_focal_point' && viewer.countryIso3 === assessment.countryIso3)
      );
    default:
      return isEditor(viewer);
  }
}

@InputType({ description: 'Narrows `needsAssessments`; all given conditions must hold.' })
export class NeedsAssessmentFilter {
  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Only assessments of these countries (at most 300).',
  })
  countries?: string[];

  @Field(() => Confidentiality, { nullable: true, description: 'Only this confidentiality.' })
  confidentiality?: Confidentiality;

  @Field(() => GpcArea, { nullable: true, description: 'Only assessments covering this area.' })
  area?: GpcArea;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only illustrative (true) or only real (false) records.',
  })
  synthetic?: boolean;
}

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
    const assessment = await ctx.loaders.needsAssessmentById.load(id);
    if (!assessment) {
      throw notFound('NeedsAssessment', id, 'id');
    }
    return assessment;
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
    if (filter?.countries && filter.countries.length > 300) {
      throw badUserInput([
        { field: 'filter.countries', message: 'must list at most 300 countries' },
      ]);
    }
    const values = {
      countryIso3s: filter?.countries ?? undefined,
      confidentiality: filter?.confidentiality ?? undefined,
      area: filter?.area ?? undefined,
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
