import { Field, Int, ObjectType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { DateScalar, DecimalScalar } from '../../schema/scalars.js';

/** The conversion rule, stated once and returned with every converted figure. */
export const CONVERSION_RULE =
  'Each amount is converted to USD at the monthly average rate of its value date’s month (Federal Reserve H.10/G.5 noon buying rates via FRED, ODC-PDDL-1.0) when one is published, else at that year’s annual average; the Qatari riyal at its official peg of 3.64 per USD (Qatar Central Bank). amountUsd = amount ÷ rate (units per USD), computed in SQL numeric and rounded to cents. USD amounts are not converted. When no rate covers a currency and date, amountUsd is null and the amount is listed unconverted in its own currency, never dropped and never added to other currencies.';

@ObjectType({ description: 'A figure converted to US dollars, with the rate used.' })
export class UsdAmount {
  @Field(() => DecimalScalar, { description: 'The amount in USD, rounded to cents.' })
  amountUsd!: string;

  @Field(() => DecimalScalar, {
    description: 'The rate used: units of the original currency for one USD ("1" for USD).',
  })
  fxRate!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day of the period the rate averages; null for USD (no conversion).',
  })
  fxRateDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The period the rate averages: "YYYY-MM" (monthly) or "YYYY" (annual); null for USD.',
  })
  fxRatePeriod!: string | null;

  @Field(() => String, { description: 'Where the rate comes from.' })
  fxSource!: string;
}

@ObjectType({
  description:
    'Money as IATI records it: an exact decimal amount in its original ISO 4217 currency on a value date, with its USD conversion.',
})
export class MonetaryAmount {
  @Field(() => DecimalScalar, { description: 'The exact amount in the original currency.' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, such as "NOK".' })
  currency!: string;

  @Field(() => DateScalar, {
    description: 'The date used for currency conversion (IATI value-date).',
  })
  valueDate!: string;

  @Field(() => UsdAmount, {
    nullable: true,
    description: 'The amount in USD with the rate used; null when no rate is available.',
  })
  conversion!: UsdAmount | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why `conversion` is null; null when converted.',
  })
  conversionNote!: string | null;
}

@ObjectType({ description: 'A total in one currency.' })
export class MoneyTotal {
  @Field(() => DecimalScalar, { description: 'The exact total.' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;
}

@ObjectType({ description: 'One exchange rate, as stored and as used in a conversion.' })
export class ExchangeRate {
  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => String, {
    description: '"YYYY-MM" for a monthly average, "YYYY" for an annual average.',
  })
  period!: string;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => DecimalScalar, { description: 'Units of the currency for one US dollar.' })
  unitsPerUsd!: string;

  @Field(() => String, { description: 'The published series this rate comes from.' })
  source!: string;

  @Field(() => String, { description: 'Licence of the rate data.' })
  licence!: string;

  @Field(() => Confidence, {
    description:
      'As the data pack gives it: the GBP annual averages are means of monthly rates, to verify.',
  })
  confidence!: Confidence;
}

@ObjectType({ description: 'One flow (pledged, committed, received or spent) of a group.' })
export class FlowTotal {
  @Field(() => DecimalScalar, {
    description: 'Sum of the converted amounts, in USD, rounded to cents (SQL numeric).',
  })
  amountUsd!: string;

  @Field(() => Int, { description: 'How many transactions count in this flow.' })
  transactionCount!: number;

  @Field(() => [MoneyTotal], { description: 'The same flow in each original currency.' })
  original!: MoneyTotal[];

  @Field(() => [MoneyTotal], {
    description:
      'Amounts with no exchange rate, per currency: not in amountUsd, and never added across currencies.',
  })
  unconverted!: MoneyTotal[];

  @Field(() => Boolean, { description: 'True when every amount was converted.' })
  complete!: boolean;
}
