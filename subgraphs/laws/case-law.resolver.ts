import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { PageArgs, readPage, toConnection, type Connection } from '../../schema/pagination.js';
import { throwIfInvalid, type Problems } from '../../schema/validation.js';
import {
  CaseLawSearchConnection,
  LessonLearnedSearchConnection,
  type CaseLawSearchHit,
  type LessonLearnedSearchHit,
} from './case-law-search.entity.js';
import { CaseLawFilter, LessonLearnedFilter } from './case-law-search.input.js';
import {
  countCases,
  countLessons,
  searchCasesPage,
  searchLessonsPage,
  type CaseSearchValues,
} from './case-law-search.repository.js';
import { checkCaseSearch } from './case-law-search.validation.js';
import { CaseLaw, LessonLearned } from './case-law.entity.js';
import { findCases, findLessons } from './case-law.repository.js';
import { CodeList, CrimeType, CrossCuttingIssue, OffenceCategory } from './code-list.entity.js';
import { toCrimeType, toCrossCuttingIssue, toOffenceCategory } from './code-list.repository.js';
import type { LawsContext } from './context.js';
import { Country } from './foreign.entity.js';
import {
  getVisibleCase,
  getVisibleLesson,
  isCaseVisible,
  isLessonVisible,
  isVisible,
  visibilityOf,
} from './laws.access.js';
import { codeEntries, getCodeEntry, searchTexts, statesOfFilter } from './laws.loaders.js';
import { Legislation } from './legislation.entity.js';
import { MAX_SEARCH_LENGTH } from './search.validation.js';

/** Checks text and filter, every invalid field at once; unknown codes and regions are NOT_FOUND. */
async function caseSearchValues(
  ctx: LawsContext,
  text: string | undefined | null,
  filter: LessonLearnedFilter | undefined | null,
): Promise<CaseSearchValues> {
  const f = filter ?? {};
  const problems: Problems = [];
  const trimmed = checkCaseSearch(problems, text, f);
  throwIfInvalid(problems);
  if (f.offenceCategory) {
    await getCodeEntry(
      ctx,
      CodeList.OFFENCE_CATEGORY,
      f.offenceCategory,
      'OffenceCategory',
      'filter.offenceCategory',
    );
  }
  if (f.crimeType) {
    await getCodeEntry(ctx, CodeList.CRIME_TYPE, f.crimeType, 'CrimeType', 'filter.crimeType');
  }
  return {
    texts: trimmed ? await searchTexts(ctx, trimmed) : undefined,
    countryIso3s: await statesOfFilter(ctx, f.countryIso3s, f.region),
    offenceCategoryCodes: f.offenceCategory ? [f.offenceCategory] : undefined,
    crimeTypeCodes: f.crimeType ? [f.crimeType] : undefined,
    categories: f.categories?.map((c) => c.trim()) ?? undefined,
    yearFrom: f.fromYear ?? undefined,
    yearTo: f.toYear ?? undefined,
    visibility: visibilityOf(ctx.viewer),
  };
}

const SEARCH_TEXT = {
  nullable: true,
  description: `Full-text search (websearch syntax: "quoted phrases", OR, -exclusions; spelling variants, synonyms and accents folded as for laws), 1–${MAX_SEARCH_LENGTH} characters.`,
} as const;

@Resolver(() => CaseLaw)
export class CaseLawResolver {
  @Query(() => [CaseLaw], {
    description:
      'Court decisions the viewer may see, newest first (`searchCases` filters and pages them).',
  })
  async cases(@Ctx() ctx: LawsContext): Promise<CaseLaw[]> {
    return (await findCases(ctx.db)).filter((c) => isCaseVisible(ctx.viewer, c));
  }

  @Query(() => CaseLaw, { description: 'One decision by id; NOT_FOUND when unknown.' })
  async caseLaw(
    @Arg('id', () => ID, { description: 'Case id.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    return getVisibleCase(ctx, id);
  }

  @Query(() => CaseLawSearchConnection, {
    description:
      'Court decisions by full-text search over case name, number, court, summary and notes (PostgreSQL full-text search, ranked, with snippets), combined with filters: State or M49 region, offence category, crime type, years. Without `text`: every matching decision by id. Keyset cursors; stable order.',
  })
  async searchCases(
    @Ctx() ctx: LawsContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('text', () => String, SEARCH_TEXT) text?: string,
    @Arg('filter', () => CaseLawFilter, {
      nullable: true,
      description: 'Only decisions matching every condition given.',
    })
    filter?: CaseLawFilter,
  ): Promise<Connection<CaseLawSearchHit>> {
    const { limit, after } = readPage(page, ['number', 'string'] as const);
    const values = await caseSearchValues(ctx, text, filter);
    const [rows, totalCount] = await Promise.all([
      searchCasesPage(ctx.db, values, limit, after),
      countCases(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (h) => [h.rank, h.caseLaw.id]);
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
  @Query(() => [LessonLearned], {
    description:
      'Lessons-learned sources the viewer may see, newest first (`searchLessons` filters and pages them).',
  })
  async lessonsLearned(@Ctx() ctx: LawsContext): Promise<LessonLearned[]> {
    return (await findLessons(ctx.db)).filter((l) => isLessonVisible(ctx.viewer, l));
  }

  @Query(() => LessonLearned, {
    description: 'One lesson-learned source by id; NOT_FOUND when unknown.',
  })
  async lessonLearned(
    @Arg('id', () => ID, { description: 'Lesson id.' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    return getVisibleLesson(ctx, id);
  }

  @Query(() => LessonLearnedSearchConnection, {
    description:
      'Lessons-learned sources by full-text search over title, issuing body, summary and notes (ranked, with snippets), combined with filters: State or M49 region, offence category, crime type, lesson category, years. Keyset cursors; stable order.',
  })
  async searchLessons(
    @Ctx() ctx: LawsContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('text', () => String, SEARCH_TEXT) text?: string,
    @Arg('filter', () => LessonLearnedFilter, {
      nullable: true,
      description: 'Only lessons matching every condition given.',
    })
    filter?: LessonLearnedFilter,
  ): Promise<Connection<LessonLearnedSearchHit>> {
    const { limit, after } = readPage(page, ['number', 'string'] as const);
    const values = await caseSearchValues(ctx, text, filter);
    const [rows, totalCount] = await Promise.all([
      searchLessonsPage(ctx.db, values, limit, after),
      countLessons(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (h) => [h.rank, h.lesson.id]);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The State, if national.' })
  country(@Root() lesson: LessonLearned): Country | null {
    return lesson.countryIso3 ? { iso3: lesson.countryIso3 } : null;
  }

  @FieldResolver(() => [CrimeType], { description: 'SHERLOC crime types it concerns.' })
  async crimeTypes(@Root() l: LessonLearned, @Ctx() ctx: LawsContext): Promise<CrimeType[]> {
    return (await codeEntries(ctx, CodeList.CRIME_TYPE, l.crimeTypeCodes)).map(toCrimeType);
  }

  @FieldResolver(() => [OffenceCategory], { description: 'Offence categories it concerns.' })
  async offenceCategories(
    @Root() l: LessonLearned,
    @Ctx() ctx: LawsContext,
  ): Promise<OffenceCategory[]> {
    return (await codeEntries(ctx, CodeList.OFFENCE_CATEGORY, l.offenceCategoryCodes)).map(
      toOffenceCategory,
    );
  }
}
