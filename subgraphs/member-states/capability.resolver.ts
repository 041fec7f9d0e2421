import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { listSize } from '../../schema/cost.js';
import { CapabilityIndicator } from './capability.entity.js';
import type { MemberStatesContext } from './context.js';
import { Country } from './country.entity.js';

@Resolver(() => Country)
export class CountryCapabilityResolver {
  @listSize(6)
  @FieldResolver(() => [CapabilityIndicator], {
    description:
      'Published capability index values recorded for this country, by index, edition (newest first) and pillar. Empty until an editor records one.',
  })
  async capabilityIndicators(
    @Root() country: Country,
    @Ctx() ctx: MemberStatesContext,
    @Arg('indexName', () => String, { nullable: true, description: 'Only this index.' })
    indexName?: string | null,
  ): Promise<CapabilityIndicator[]> {
    const all = (await ctx.loaders.capabilityIndicatorsByCountry.load(country.iso3)) ?? [];
    return indexName ? all.filter((i) => i.indexName === indexName) : all;
  }
}
