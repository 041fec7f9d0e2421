import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { throwIfInvalid } from '../../schema/validation.js';
import type { HotlineReportsContext } from './context.js';
import { Figure } from './figure.entity.js';
import { figureYearProblems } from './figure.validation.js';
import { Country } from './foreign.entity.js';
import { countryYearKey } from './hotline-reports.loaders.js';

/** Adds `Country.hotlineReports`; nullable, so an outage of this partner leaves core results valid. */
@Resolver(() => Country)
export class CountryHotlineReportsResolver {
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
    throwIfInvalid(figureYearProblems(year));
    const figures =
      (await ctx.loaders.figuresByCountryYear.load(countryYearKey(country.iso3, year ?? null))) ??
      [];
    return figures.filter((f) => admits(f, includeSynthetic ?? false));
  }
}
