import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import {
  CodeList,
  CooperationMechanism,
  CrossCuttingIssue,
  OffenceCategory,
  ProceduralPower,
} from './code-list.entity.js';
import {
  toCooperationMechanism,
  toCrossCuttingIssue,
  toOffenceCategory,
  toProceduralPower,
} from './code-list.repository.js';
import type { LawsContext } from './context.js';
import { Country } from './foreign.entity.js';
import { getVisibleLegislation, getVisibleProvision, isVisible } from './laws.access.js';
import { codeEntries } from './laws.loaders.js';
import { LegalProvision, Legislation } from './legislation.entity.js';

@Resolver(() => Legislation)
export class LegislationResolver {
  @Query(() => Legislation, {
    description: 'One law by id; NOT_FOUND when unknown or not visible to the viewer.',
  })
  async legislation(
    @Arg('id', () => ID, { description: 'Legislation id, such as "GBR-CMA-1990".' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    return getVisibleLegislation(ctx, id);
  }

  @FieldResolver(() => Country, { description: 'The enacting State.' })
  country(@Root() legislation: Legislation): Country {
    return { iso3: legislation.countryIso3 };
  }

  @listSize(10)
  @FieldResolver(() => [LegalProvision], {
    description: 'Its provisions the viewer may see, in the order of the law.',
  })
  async provisions(
    @Root() legislation: Legislation,
    @Ctx() ctx: LawsContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<LegalProvision[]> {
    const all = (await ctx.loaders.provisionsByLegislation.load(legislation.id)) ?? [];
    return all
      .filter((p) => isVisible(ctx.viewer, p) && admits(p, includeSynthetic))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id));
  }

  @FieldResolver(() => [Legislation], {
    description: 'Earlier laws this one amends or replaces (as recorded).',
  })
  async amends(
    @Root() legislation: Legislation,
    @Ctx() ctx: LawsContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Legislation[]> {
    const found = await ctx.loaders.legislationById.loadMany(legislation.amendsIds);
    return found.filter(
      (l): l is Legislation =>
        l !== null &&
        !(l instanceof Error) &&
        isVisible(ctx.viewer, l) &&
        admits(l, includeSynthetic),
    );
  }

  @FieldResolver(() => [Legislation], {
    description: 'Later laws that amend or replace this one (as recorded).',
  })
  async amendedBy(
    @Root() legislation: Legislation,
    @Ctx() ctx: LawsContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Legislation[]> {
    const laws = (await ctx.loaders.legislationAmending.load(legislation.id)) ?? [];
    return laws.filter((l) => isVisible(ctx.viewer, l) && admits(l, includeSynthetic));
  }
}

@Resolver(() => LegalProvision)
export class LegalProvisionResolver {
  @Query(() => LegalProvision, {
    description: 'One provision by id; NOT_FOUND when unknown or not visible to the viewer.',
  })
  async provision(
    @Arg('id', () => ID, { description: 'Provision id, such as "GBR-CMA-1990-s1".' }) id: string,
    @Ctx() ctx: LawsContext,
  ): Promise<LegalProvision> {
    return getVisibleProvision(ctx, id);
  }

  @FieldResolver(() => Legislation, { description: 'The law it belongs to.' })
  async legislation(
    @Root() provision: LegalProvision,
    @Ctx() ctx: LawsContext,
  ): Promise<Legislation> {
    const legislation = await ctx.loaders.legislationById.load(provision.legislationId);
    if (!legislation) {
      throw new Error(`Provision ${provision.id} refers to missing ${provision.legislationId}`);
    }
    return legislation;
  }

  @FieldResolver(() => Country, { description: 'The enacting State.' })
  country(@Root() provision: LegalProvision): Country {
    return { iso3: provision.countryIso3 };
  }

  @listSize(3)
  @FieldResolver(() => [OffenceCategory], { description: 'Offence categories it covers.' })
  async offenceCategories(
    @Root() provision: LegalProvision,
    @Ctx() ctx: LawsContext,
  ): Promise<OffenceCategory[]> {
    return (await codeEntries(ctx, CodeList.OFFENCE_CATEGORY, provision.offenceCategoryCodes)).map(
      toOffenceCategory,
    );
  }

  @listSize(3)
  @FieldResolver(() => [ProceduralPower], { description: 'Procedural powers it provides.' })
  async proceduralPowers(
    @Root() provision: LegalProvision,
    @Ctx() ctx: LawsContext,
  ): Promise<ProceduralPower[]> {
    return (await codeEntries(ctx, CodeList.PROCEDURAL_POWER, provision.proceduralPowerCodes)).map(
      toProceduralPower,
    );
  }

  @FieldResolver(() => [CooperationMechanism], {
    description: 'Cooperation mechanisms it provides.',
  })
  async cooperationMechanisms(
    @Root() provision: LegalProvision,
    @Ctx() ctx: LawsContext,
  ): Promise<CooperationMechanism[]> {
    return (
      await codeEntries(ctx, CodeList.COOPERATION_MECHANISM, provision.cooperationMechanismCodes)
    ).map(toCooperationMechanism);
  }

  @FieldResolver(() => [CrossCuttingIssue], { description: 'Cross-cutting issues it touches.' })
  async crossCuttingIssues(
    @Root() provision: LegalProvision,
    @Ctx() ctx: LawsContext,
  ): Promise<CrossCuttingIssue[]> {
    return (
      await codeEntries(ctx, CodeList.CROSS_CUTTING_ISSUE, provision.crossCuttingIssueCodes)
    ).map(toCrossCuttingIssue);
  }
}
