import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  InputType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { withGroupScope } from '../../schema/grouping.js';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import {
  type Connection,
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
} from '../../schema/pagination.js';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';
import type { MemberStatesContext } from './context.js';
import { Country, MemberStatus, UnRegionalGroup } from './country.entity.js';
import {
  countCountries,
  findCountriesPage,
  type CountryFilterValues,
} from './country.repository.js';
import { CyberlawStatusFilter, UNCTAD_ATTRIBUTION } from './cyberlaw.entity.js';
import { M49Region, RegionLevel } from './region.entity.js';

const MAX_SEARCH_LENGTH = 100;

@InputType({ description: 'Narrows `countries`; all given conditions must hold.' })
export class CountryFilter {
  @Field(() => M49CodeScalar, {
    nullable: true,
    description: 'M49 code of a region, such as "002" (Africa).',
  })
  region?: string;

  @Field(() => M49CodeScalar, {
    nullable: true,
    description:
      'M49 code of a sub-region or intermediate region, such as "202" or "014" (Eastern Africa).',
  })
  subregion?: string;

  @Field(() => UnRegionalGroup, { nullable: true, description: 'UN regional group.' })
  regionalGroup?: UnRegionalGroup;

  @Field(() => MemberStatus, { nullable: true, description: 'Member State or observer State.' })
  memberStatus?: MemberStatus;

  @Field(() => String, {
    nullable: true,
    description: `Text in any of the six UN names, the common name, a former name ("Swaziland", "Turkey") or the ISO codes, ignoring case and accents ("cote d'ivoire"); 1–${MAX_SEARCH_LENGTH} characters.`,
  })
  search?: string;

  @Field(() => CyberlawStatusFilter, {
    nullable: true,
    description: `Only States with this UNCTAD Global Cyberlaw Tracker status in this area. ${UNCTAD_ATTRIBUTION}.`,
  })
  cyberlawStatus?: CyberlawStatusFilter;
}

export const { Connection: CountryConnection } = connectionTypes<Country>(Country, 'Country');

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
    const country = await ctx.loaders.countryByIso3.load(iso3);
    if (!country) {
      throw notFound('Country', iso3, 'iso3');
    }
    return country;
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
    const values = await this.validateFilter(ctx, filter);
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

  /** Checks every filter field at once and names each invalid one. */
  private async validateFilter(
    ctx: MemberStatesContext,
    filter: CountryFilter | undefined,
  ): Promise<CountryFilterValues> {
    if (!filter) {
      return {};
    }
    const problems: InvalidField[] = [];
    const search = filter.search?.trim();
    if (filter.search !== undefined && filter.search !== null) {
      if (!search) {
        problems.push({ field: 'filter.search', message: 'must not be empty' });
      } else if (search.length > MAX_SEARCH_LENGTH) {
        problems.push({
          field: 'filter.search',
          message: `must be at most ${MAX_SEARCH_LENGTH} characters`,
        });
      }
    }
    const checks: [field: string, m49: string | undefined, levels: RegionLevel[]][] = [
      ['filter.region', filter.region ?? undefined, [RegionLevel.REGION]],
      [
        'filter.subregion',
        filter.subregion ?? undefined,
        [RegionLevel.SUBREGION, RegionLevel.INTERMEDIATE_REGION],
      ],
    ];
    for (const [field, m49, levels] of checks) {
      if (!m49) {
        continue;
      }
      const area = await ctx.loaders.regionByM49.load(m49);
      if (!area) {
        throw notFound('M49Region', m49, field);
      }
      if (!levels.includes(area.level)) {
        problems.push({
          field,
          message: `"${m49}" (${area.name}) is a ${area.level}, not a ${levels.join(' or ')}`,
        });
      }
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    return {
      regionM49: filter.region ?? undefined,
      subregionM49: filter.subregion ?? undefined,
      regionalGroup: filter.regionalGroup ?? undefined,
      memberStatus: filter.memberStatus ?? undefined,
      search: search || undefined,
      cyberlawStatus: filter.cyberlawStatus ?? undefined,
    };
  }
}
