import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { listSize } from '../../schema/cost.js';
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';
import { CyberlawArea, CyberlawStatus, UNCTAD_ATTRIBUTION } from './cyberlaw.entity.js';

@Resolver(() => Country)
export class CountryCyberlawResolver {
  @listSize(5)
  @FieldResolver(() => [CyberlawStatus], {
    description: `The State's status in the five areas of law of the UNCTAD Global Cyberlaw Tracker (every one of the 193 Member States and 2 observer States has a row per area). ${UNCTAD_ATTRIBUTION}.`,
  })
  async cyberlawStatus(
    @Root() country: Country,
    @Ctx() ctx: MemberStatesContext,
    @Arg('area', () => CyberlawArea, { nullable: true, description: 'Only this area.' })
    area?: CyberlawArea | null,
  ): Promise<CyberlawStatus[]> {
    const all = (await ctx.loaders.cyberlawStatusByCountry.load(country.iso3)) ?? [];
    return area ? all.filter((s) => s.area === area) : all;
  }
}
