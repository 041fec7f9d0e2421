import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { ReviewStatus } from '../../schema/review.js';
import { DateScalar } from '../../schema/scalars.js';
import type { PartnersContext } from './context.js';
import { Country } from './foreign.entity.js';
import { Organization, PartnerCategory } from './organization.entity.js';
import { isActiveOn, Partnership } from './partnership.entity.js';

/** Fields this subgraph adds to member-states' `Country`. */
@Resolver(() => Country)
export class CountryPartnersResolver {
  @listSize(5)
  @FieldResolver(() => [Organization], {
    description:
      'Organizations that declare this country a country of operation, or belong to a published real partnership covering it (synthetic partnerships and organizations only with `includeSynthetic`), in name order.',
  })
  async partners(
    @Root() country: Country,
    @Ctx() ctx: PartnersContext,
    @Arg('category', () => [PartnerCategory], {
      nullable: true,
      description: 'Only these categories (one or a list).',
    })
    category?: PartnerCategory[],
    @Arg('activeOn', () => DateScalar, {
      nullable: true,
      description:
        'Only partners through a partnership active on this date (declared countries of operation always count).',
    })
    activeOn?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Organization[]> {
    const links = (await ctx.loaders.partnerLinksByCountryIso3.load(country.iso3)) ?? [];
    const ids = new Set(
      links
        // A synthetic partnership never makes a real organization look active here.
        .filter((l) => admits(l, includeSynthetic))
        .filter(
          (l) =>
            !activeOn ||
            l.declared ||
            isActiveOn({ startDate: l.startDate, endDate: l.endDate }, activeOn),
        )
        .map((l) => l.organizationId),
    );
    const organizations = await ctx.loaders.organizationById.loadMany([...ids]);
    return organizations
      .filter((o): o is Organization => o !== null && !(o instanceof Error))
      .filter((o) => o.reviewStatus !== ReviewStatus.ARCHIVED && admits(o, includeSynthetic))
      .filter((o) => !category || category.length === 0 || category.includes(o.partnerCategory))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  @listSize(5)
  @FieldResolver(() => [Partnership], {
    description: 'Published partnerships covering this country, in start-date order.',
  })
  async partnerships(
    @Root() country: Country,
    @Ctx() ctx: PartnersContext,
    @Arg('activeOn', () => DateScalar, {
      nullable: true,
      description: 'Only those active on this date.',
    })
    activeOn?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Partnership[]> {
    const partnerships = (
      (await ctx.loaders.partnershipsByCountryIso3.load(country.iso3)) ?? []
    ).filter((p) => admits(p, includeSynthetic));
    return activeOn ? partnerships.filter((p) => isActiveOn(p, activeOn)) : partnerships;
  }
}
