import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import {
  CodeList,
  CooperationMechanism,
  CrimeType,
  CrossCuttingIssue,
  OffenceCategory,
  OffenceScheme,
  ProceduralPower,
  SCHEME_CODES,
} from './code-list.entity.js';
import {
  toCooperationMechanism,
  toCrimeType,
  toCrossCuttingIssue,
  toOffenceCategory,
  toProceduralPower,
} from './code-list.repository.js';
import type { LawsContext } from './context.js';
import { codeListEntries, getCodeEntry } from './laws.loaders.js';

@Resolver(() => OffenceCategory)
export class OffenceCategoryResolver {
  @Query(() => [OffenceCategory], {
    description: 'Offence categories, by scheme and article; narrowed by scheme and/or concept.',
  })
  async offenceCategories(
    @Ctx() ctx: LawsContext,
    @Arg('scheme', () => OffenceScheme, { nullable: true, description: 'Only this scheme.' })
    scheme?: OffenceScheme,
    @Arg('concept', () => String, {
      nullable: true,
      description: 'Only categories mapped to this crosswalk concept, such as "ILLEGAL_ACCESS".',
    })
    concept?: string,
  ): Promise<OffenceCategory[]> {
    const all = (await codeListEntries(ctx, CodeList.OFFENCE_CATEGORY)).map(toOffenceCategory);
    return all.filter(
      (c) => (!scheme || c.scheme === scheme) && (!concept || c.concepts.includes(concept)),
    );
  }

  @Query(() => OffenceCategory, { description: 'One offence category; NOT_FOUND when unknown.' })
  async offenceCategory(
    @Arg('code', () => String, { description: 'Code, such as "BC-2".' }) code: string,
    @Ctx() ctx: LawsContext,
  ): Promise<OffenceCategory> {
    return toOffenceCategory(
      await getCodeEntry(ctx, CodeList.OFFENCE_CATEGORY, code, 'OffenceCategory', 'code'),
    );
  }

  @FieldResolver(() => [OffenceCategory], {
    description: 'Categories of the other schemes that share a concept with this one.',
  })
  async equivalents(
    @Root() category: OffenceCategory,
    @Ctx() ctx: LawsContext,
  ): Promise<OffenceCategory[]> {
    const all = (await codeListEntries(ctx, CodeList.OFFENCE_CATEGORY)).map(toOffenceCategory);
    return all.filter(
      (c) => c.scheme !== category.scheme && c.concepts.some((k) => category.concepts.includes(k)),
    );
  }

  @FieldResolver(() => String, { description: 'Instrument code of the scheme ("CETS-185" …).' })
  instrumentCode(@Root() category: OffenceCategory): string {
    return SCHEME_CODES[category.scheme];
  }
}

@Resolver()
export class CodeListResolver {
  @Query(() => [ProceduralPower], { description: 'Procedural powers, in list order.' })
  async proceduralPowers(@Ctx() ctx: LawsContext): Promise<ProceduralPower[]> {
    return (await codeListEntries(ctx, CodeList.PROCEDURAL_POWER)).map(toProceduralPower);
  }

  @Query(() => [CooperationMechanism], { description: 'Cooperation mechanisms, in list order.' })
  async cooperationMechanisms(@Ctx() ctx: LawsContext): Promise<CooperationMechanism[]> {
    return (await codeListEntries(ctx, CodeList.COOPERATION_MECHANISM)).map(toCooperationMechanism);
  }

  @Query(() => [CrossCuttingIssue], { description: 'Cross-cutting issues, in list order.' })
  async crossCuttingIssues(@Ctx() ctx: LawsContext): Promise<CrossCuttingIssue[]> {
    return (await codeListEntries(ctx, CodeList.CROSS_CUTTING_ISSUE)).map(toCrossCuttingIssue);
  }

  @Query(() => [CrimeType], { description: 'SHERLOC crime types, in SHERLOC order.' })
  async crimeTypes(@Ctx() ctx: LawsContext): Promise<CrimeType[]> {
    return (await codeListEntries(ctx, CodeList.CRIME_TYPE)).map(toCrimeType);
  }
}
