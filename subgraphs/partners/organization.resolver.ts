import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg, syntheticFilter } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { found } from '../../schema/errors.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import type { PartnersContext } from './context.js';
import { Country } from './foreign.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationFilter } from './organization.input.js';
import { countOrganizations, findOrganizationsPage } from './organization.repository.js';
import { checkOrganizationFilter } from './organization.validation.js';
import { Partnership } from './partnership.entity.js';

const { Connection: OrganizationConnection } = connectionTypes<Organization>(
  Organization,
  'Organization',
);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: 'One organization by id; NOT_FOUND when unknown.' })
  async organization(
    @Arg('id', () => ID, { description: 'Its slug, such as "unodc".' }) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Organization> {
    return found(await ctx.loaders.organizationById.load(id), 'Organization', id, 'id');
  }

  @Query(() => OrganizationConnection, {
    description: 'Partner organizations in name order, filtered and paginated.',
  })
  async organizations(
    @Ctx() ctx: PartnersContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => OrganizationFilter, {
      nullable: true,
      description: 'Narrows the organizations; omitted, every organization the viewer may see.',
    })
    filter?: OrganizationFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<Organization>> {
    const { limit, after } = readPage(page, ['string', 'string'] as const);
    const known = async (iso3: string | null | undefined) =>
      !iso3 || !!(await ctx.loaders.regionByCountryIso3.load(iso3));
    const checked = checkOrganizationFilter(filter, {
      countryOfOperation: await known(filter?.countryOfOperation),
      hqCountry: await known(filter?.hqCountry),
    });
    const values = { ...checked, synthetic: syntheticFilter(includeSynthetic) };
    const [rows, totalCount] = await Promise.all([
      findOrganizationsPage(ctx.db, values, limit, after),
      countOrganizations(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (o) => [o.name, o.id]);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'Headquarters country.' })
  headquarters(@Root() organization: Organization): Country | null {
    return organization.hqCountryIso3 ? { iso3: organization.hqCountryIso3 } : null;
  }

  @listSize(10)
  @FieldResolver(() => [Country], {
    description:
      'Countries where it declares that it operates, in code order. Not inferred from partnerships (the seed data gives none).',
  })
  async countriesOfOperation(
    @Root() organization: Organization,
    @Ctx() ctx: PartnersContext,
  ): Promise<Country[]> {
    const codes = (await ctx.loaders.countriesByOrganizationId.load(organization.id)) ?? [];
    return codes.map((iso3) => ({ iso3 }));
  }

  @listSize(5)
  @FieldResolver(() => [Partnership], {
    description: 'Published partnerships it belongs to, in start-date order.',
  })
  async partnerships(
    @Root() organization: Organization,
    @Ctx() ctx: PartnersContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Partnership[]> {
    const all = (await ctx.loaders.partnershipsByOrganizationId.load(organization.id)) ?? [];
    return all.filter((p) => admits(p, includeSynthetic));
  }
}
