import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../schema/errors.js';
import { CaseLaw, LessonLearned } from './case-law.entity.js';
import { findCases, findLessons } from './case-law.repository.js';
import { CodeList, CrimeType, CrossCuttingIssue, OffenceCategory } from './code-list.entity.js';
import { toCrimeType, toCrossCuttingIssue, toOffenceCategory } from './code-list.repository.js';
import { codeEntries } from './code-list.resolver.js';
import type { LawsContext } from './context.js';
import { Country } from './foreign.entity.js';
import { Legislation } from './legislation.entity.js';
import { isVisible } from './visibility.js';

@Resolver(() => CaseLaw)
export class CaseLawResolver {
  @Query(() => [CaseLaw], { description: 'Court decisions, newest first.' })
  async cases(@Ctx() ctx: LawsContext): Promise<CaseLaw[]> {
    return findCases(ctx.db);
  }

  @Query(() => CaseLaw, { description: 'One decision by id; NOT_FOUND when unknown.' })
  async caseLaw(
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    const found = await ctx.loaders.caseById.load(id);
    if (!found) {
      throw notFound('CaseLaw', id, 'id');
    }
    return found;
  }

  @FieldResolver(() => [Country], { description: 'The States concerned.' })
  countries(@Root() c: CaseLaw): Country[] {
    return c.countryIso3s.map((iso3) => ({ iso3 }));
  }

  @FieldResolver(() => [CrimeType], { description: 'SHERLOC crime types.' })
  async crimeTypes(@Root() c: CaseLaw, @Ctx() ctx: LawsContext): Promise<CrimeType[]> {
    return (await codeEntries(ctx, CodeList.CRIME_TYPE, c.crimeTypeCodes)).map(toCrimeType);
  }

  @FieldResolver(() => [OffenceCategory], { description: 'Offence categories at issue.' })
  async offenceCategories(@Root() c: CaseLaw, @Ctx() ctx: LawsContext): Promise<OffenceCategory[]> {
    return (await codeEntries(ctx, CodeList.OFFENCE_CATEGORY, c.offenceCategoryCodes)).map(
      toOffenceCategory,
    );
  }

  @FieldResolver(() => [CrossCuttingIssue], { description: 'Cross-cutting issues at issue.' })
  async crossCuttingIssues(
    @Root() c: CaseLaw,
    @Ctx() ctx: LawsContext,
  ): Promise<CrossCuttingIssue[]> {
    return (await codeEntries(ctx, CodeList.CROSS_CUTTING_ISSUE, c.crossCuttingIssueCodes)).map(
      toCrossCuttingIssue,
    );
  }

  @FieldResolver(() => [Legislation], { description: 'The laws applied or reviewed.' })
  async legislation(
    @Root() c: CaseLaw,
    @Ctx() ctx: LawsContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Legislation[]> {
    const found = await ctx.loaders.legislationById.loadMany(c.legislationIds);
    return found.filter(
      (l): l is Legislation =>
        l !== null &&
        !(l instanceof Error) &&
        isVisible(ctx.viewer, l) &&
        admits(l, includeSynthetic),
    );
  }
}

@Resolver(() => LessonLearned)
export class LessonLearnedResolver {
  @Query(() => [LessonLearned], { description: 'Lessons-learned sources, newest first.' })
  async lessonsLearned(@Ctx() ctx: LawsContext): Promise<LessonLearned[]> {
    return findLessons(ctx.db);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The State, if national.' })
  country(@Root() lesson: LessonLearned): Country | null {
    return lesson.countryIso3 ? { iso3: lesson.countryIso3 } : null;
  }
}
