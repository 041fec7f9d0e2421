import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { badUserInput } from '../../schema/errors.js';
import type { HotlineReportsContext } from './context.js';
import { Country } from './country.entity.js';
import { Figure } from './figure.entity.js';
import { countryYearKey } from './figure.loaders.js';

export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

/** Adds `Country.hotlineReports`; nullable, so an outage of this partner leaves core results valid. */
@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => [Figure], {
    nullable: true,
    description:
      'Hotline reports of suspected online child sexual abuse material, by year, oldest first; all years unless `year` is given. From the hotline-reports PARTNER subgraph: SYNTHETIC example data.',
  })
  async hotlineReports(
    @Root() country: Country,
    @Ctx() ctx: HotlineReportsContext,
    @Arg('year', () => Int, { nullable: true, description: 'Only this calendar year.' })
    year?: number | null,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Figure[]> {
    if (year !== undefined && year !== null && (year < FIRST_YEAR || year > LAST_YEAR)) {
      throw badUserInput([
        { field: 'year', message: `must be between ${FIRST_YEAR} and ${LAST_YEAR}` },
      ]);
    }
    const figures =
      (await ctx.loaders.figuresByCountryYear.load(countryYearKey(country.iso3, year ?? null))) ??
      [];
    return figures.filter((f) => admits(f, includeSynthetic ?? false));
  }
}
