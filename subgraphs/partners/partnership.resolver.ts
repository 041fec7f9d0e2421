import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { notFound } from '../../schema/errors.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { DateScalar, todayUtc } from '../../schema/scalars.js';
import type { PartnersContext } from './context.js';
import { Country } from './foreign.entity.js';
import { Organization } from './organization.entity.js';
import { canSeePartnership, partnershipVisibility } from './partners.access.js';
import {
  Partnership,
  PartnershipMember,
  PartnershipStatus,
  statusOn,
} from './partnership.entity.js';
import { PartnershipFilter } from './partnership.input.js';
import { UNDATED_LAST, countPartnerships, findPartnershipsPage } from './partnership.repository.js';
import { checkPartnershipFilter } from './partnership.validation.js';

const { Connection: PartnershipConnection } = connectionTypes<Partnership>(
  Partnership,
  'Partnership',
);

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => Partnership, {
    description: 'One partnership by id; NOT_FOUND when unknown or not visible to the viewer.',
  })
  async partnership(
    @Arg('id', () => ID, { description: 'Its id.' }) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partnership> {
    const partnership = await ctx.loaders.partnershipById.load(id);
    if (!partnership || !canSeePartnership(ctx.viewer, partnership)) {
      throw notFound('Partnership', id, 'id');
    }
    return partnership;
  }

  @Query(() => PartnershipConnection, {
    description: 'Partnerships in start-date order, filtered and paginated.',
  })
  async partnerships(
    @Ctx() ctx: PartnersContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => PartnershipFilter, {
      nullable: true,
      description: 'Narrows the partnerships; omitted, every partnership the viewer may see.',
    })
    filter?: PartnershipFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<Partnership>> {
    const { limit, after } = readPage(page, ['string', 'string'] as const);
    const checked = checkPartnershipFilter(filter, {
      country: !filter?.country || !!(await ctx.loaders.regionByCountryIso3.load(filter.country)),
      member: !filter?.member || !!(await ctx.loaders.organizationById.load(filter.member)),
    });
    const values = { ...checked, synthetic: syntheticFilter(includeSynthetic, checked.synthetic) };
    const visibility = partnershipVisibility(ctx.viewer);
    const [rows, totalCount] = await Promise.all([
      findPartnershipsPage(ctx.db, values, visibility, limit, after),
      countPartnerships(ctx.db, values, visibility),
    ]);
    return toConnection(rows, limit, totalCount, (p) => [p.startDate ?? UNDATED_LAST, p.id]);
  }

  @FieldResolver(() => PartnershipStatus, {
    nullable: true,
    description:
      'PLANNED, ACTIVE or ENDED on `asOf`, derived from the dates; null when the source gives no start date and the end has not passed.',
  })
  status(
    @Root() partnership: Partnership,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
    asOf?: string,
  ): PartnershipStatus | null {
    return statusOn(partnership, asOf ?? todayUtc());
  }

  @listSize(3)
  @FieldResolver(() => [Country], { description: 'Countries covered, in code order.' })
  countries(@Root() partnership: Partnership): Country[] {
    return partnership.countryIso3s.map((iso3) => ({ iso3 }));
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The partner organization that proposed it, if a partner did.',
  })
  async proposedBy(
    @Root() partnership: Partnership,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization | null> {
    return partnership.proposedBy
      ? ctx.loaders.organizationById.load(partnership.proposedBy)
      : null;
  }
}

@Resolver(() => PartnershipMember)
export class PartnershipMemberResolver {
  @FieldResolver(() => Organization, { description: 'The member organization.' })
  async organization(
    @Root() member: PartnershipMember,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    const organization = await ctx.loaders.organizationById.load(member.organizationId);
    if (!organization) {
      throw new Error(`Partnership member ${member.organizationId} is not seeded`);
    }
    return organization;
  }
}
