import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { found } from '../../schema/errors.js';
import { withGroupScope } from '../../schema/grouping.js';
import { type Connection, PageArgs, readPage, toConnection } from '../../schema/pagination.js';
import { CountryCodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { Country, CountryConnection } from './country.entity.js';
import { CountryFilter } from './country.input.js';
import { countCountries, findCountriesPage } from './country.repository.js';
import { checkCountryFilter } from './country.validation.js';
import { M49Region } from './region.entity.js';

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, {
    description: 'One country by ISO 3166-1 alpha-3 code; NOT_FOUND when unknown.',
  })
  async country(
    @Arg('iso3', () => CountryCodeScalar, {
      description: 'ISO 3166-1 alpha-3 code, such as "KEN".',
    })
    iso3: string,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<Country> {
    return found(await ctx.loaders.countryByIso3.load(iso3), 'Country', iso3, 'iso3');
  }

  @Query(() => CountryConnection, {
    description:
      'The 193 Member States and two observer States, in name order, filtered and paginated.',
  })
  @Directive(cacheHint.reference)
  async countries(
    @Ctx() ctx: MemberStatesContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => CountryFilter, {
      nullable: true,
      description: 'Narrows the countries; omitted, all of them.',
    })
    filter?: CountryFilter,
  ): Promise<Connection<Country>> {
    const { limit, after } = readPage(page, ['string', 'string'] as const);
    const values = checkCountryFilter(filter, {
      region: filter?.region ? await ctx.loaders.regionByM49.load(filter.region) : null,
      subregion: filter?.subregion ? await ctx.loaders.regionByM49.load(filter.subregion) : null,
    });
    const [rows, totalCount] = await Promise.all([
      findCountriesPage(ctx.db, values, limit, after),
      countCountries(ctx.db, values),
    ]);
    // The connection's `groupBy` counts the same filtered States (country-groups.resolver.ts).
    return withGroupScope(
      toConnection(rows, limit, totalCount, (c) => [c.name, c.iso3]),
      values,
    );
  }

  @FieldResolver(() => M49Region, {
    description: 'M49 region (Africa, Americas, Asia, Europe, Oceania).',
  })
  async region(@Root() country: Country, @Ctx() ctx: MemberStatesContext): Promise<M49Region> {
    return this.area(ctx, country.regionM49);
  }

  @FieldResolver(() => M49Region, { description: 'M49 sub-region, such as Sub-Saharan Africa.' })
  async subregion(@Root() country: Country, @Ctx() ctx: MemberStatesContext): Promise<M49Region> {
    return this.area(ctx, country.subregionM49);
  }

  @FieldResolver(() => M49Region, {
    nullable: true,
    description: 'M49 intermediate region, such as Eastern Africa; null where M49 has none.',
  })
  async intermediateRegion(
    @Root() country: Country,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<M49Region | null> {
    return country.intermediateRegionM49 ? this.area(ctx, country.intermediateRegionM49) : null;
  }

  private async area(ctx: MemberStatesContext, m49: string): Promise<M49Region> {
    const region = await ctx.loaders.regionByM49.load(m49);
    if (!region) {
      throw new Error(`Country refers to M49 area ${m49}, which is not seeded`);
    }
    return region;
  }
}
