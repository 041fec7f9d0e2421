import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { found } from '../../schema/errors.js';
import { M49CodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';
import { findRegions } from './country.repository.js';
import { CoverageGapReport } from './coverage-gap.entity.js';
import { M49Region, RegionLevel } from './region.entity.js';

@Resolver(() => M49Region)
export class M49RegionResolver {
  @Query(() => [M49Region], {
    description: 'UN M49 areas that hold Member States, by level and name.',
  })
  async regions(
    @Ctx() ctx: MemberStatesContext,
    @Arg('level', () => RegionLevel, { nullable: true, description: 'Only areas of this level.' })
    level?: RegionLevel,
  ): Promise<M49Region[]> {
    return findRegions(ctx.db, level ?? undefined);
  }

  @Query(() => M49Region, { description: 'One M49 area by code; NOT_FOUND when unknown.' })
  async region(
    @Arg('m49', () => M49CodeScalar, { description: 'M49 code, such as "002".' }) m49: string,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<M49Region> {
    return found(await ctx.loaders.regionByM49.load(m49), 'M49Region', m49, 'm49');
  }

  @FieldResolver(() => M49Region, {
    nullable: true,
    description: 'The enclosing area; null for the five regions.',
  })
  async parent(
    @Root() region: M49Region,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<M49Region | null> {
    return region.parentM49 ? ctx.loaders.regionByM49.load(region.parentM49) : null;
  }

  @listSize(5)
  @FieldResolver(() => [M49Region], { description: 'The areas directly inside this one.' })
  async children(@Root() region: M49Region, @Ctx() ctx: MemberStatesContext): Promise<M49Region[]> {
    return (await ctx.loaders.regionsByParentM49.load(region.m49)) ?? [];
  }

  @listSize(50)
  @FieldResolver(() => [Country], {
    description: 'Member and observer States in this area, in name order.',
  })
  async countries(@Root() region: M49Region, @Ctx() ctx: MemberStatesContext): Promise<Country[]> {
    return (await ctx.loaders.countriesByAreaM49.load(region.m49)) ?? [];
  }

  @FieldResolver(() => CoverageGapReport, {
    description:
      'Coverage gaps of this area: HIGH-severity findings no assistance activity has addressed since (`gaps` is computed by the assistance subgraph; also `Query.gaps(region)`).',
  })
  coverageGaps(
    @Root() region: M49Region,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): CoverageGapReport {
    return { region: region.m49, includeSynthetic: includeSynthetic ?? false };
  }
}
