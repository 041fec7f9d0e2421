import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import { badUserInput } from '../../schema/errors.js';
import type { FundingContext } from './context.js';
import { Country } from './foreign.entity.js';
import { countryPeriodKey } from './funding.loaders.js';
import { CountryFunding } from './summary.entity.js';
import { PeriodInput } from './summary.input.js';
import { toCountryFunding } from './summary.model.js';

@Resolver(() => Country)
export class CountryFundingResolver {
  @FieldResolver(() => CountryFunding, {
    description:
      'Funding received as a recipient: each project’s published transactions times this country’s recipient percentage (SQL numeric), in USD with the rates used.',
  })
  async fundingReceived(
    @Root() country: Country,
    @Ctx() ctx: FundingContext,
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Transaction dates.' })
    period?: PeriodInput,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<CountryFunding> {
    if (period?.from && period?.to && period.from > period.to) {
      throw badUserInput([{ field: 'period.to', message: 'must not be before period.from' }]);
    }
    const group = await ctx.loaders.fundingByCountryPeriod.load(
      countryPeriodKey(country.iso3, period?.from, period?.to, includeSynthetic ?? false),
    );
    return toCountryFunding(group, includeSynthetic ?? false);
  }
}
