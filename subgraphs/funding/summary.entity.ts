import { Field, Int, ObjectType } from 'type-graphql';
import { Basis } from '../../schema/basis.js';
import { DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { FundingDimension, GpcPillar } from './codes.model.js';
import { Country, M49Region, Organization } from './foreign.entity.js';
import { FlowTotal } from './money.entity.js';

@ObjectType({ description: 'An exchange rate a total was converted with.' })
export class RateUsed {
  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => String, { description: '"YYYY-MM" (monthly average) or "YYYY" (annual average).' })
  period!: string;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => DecimalScalar, { description: 'Units of the currency for one USD.' })
  fxRate!: string;

  @Field(() => String, { description: 'The published series.' })
  source!: string;
}

@ObjectType({
  description:
    'One group of `fundingSummary`: its key (the grouped dimensions; null where not grouped or not allocated) and its four flows side by side.',
})
export class FundingGroup {
  @Field(() => Organization, {
    nullable: true,
    description: 'DONOR: the provider organisation.',
  })
  donor!: Organization | null;

  @Field(() => Country, {
    nullable: true,
    description: 'RECIPIENT_COUNTRY: the recipient; null for projects without one.',
  })
  recipientCountry!: Country | null;

  @Field(() => M49Region, {
    nullable: true,
    description: 'REGION: M49 region of the recipient, stored at seed time.',
  })
  region!: M49Region | null;

  @Field(() => Int, { nullable: true, description: 'YEAR: calendar year of the transactions.' })
  year!: number | null;

  @Field(() => GpcPillar, { nullable: true, description: 'PILLAR: Global Programme pillar.' })
  pillar!: GpcPillar | null;

  @Field(() => FlowTotal, { description: 'Pledges (IATI transaction types 12, 13).' })
  pledged!: FlowTotal;

  @Field(() => FlowTotal, { description: 'Commitments (IATI 2, 11).' })
  committed!: FlowTotal;

  @Field(() => FlowTotal, { description: 'Funds received (IATI 1, incoming funds).' })
  received!: FlowTotal;

  @Field(() => FlowTotal, { description: 'Spending (IATI 3, 4, 7: disbursement, expenditure).' })
  spent!: FlowTotal;

  @Field(() => [RateUsed], { description: 'Every exchange rate used in this group.' })
  ratesUsed!: RateUsed[];

  @Field(() => Basis, {
    description:
      'The transactions this group counts (real and synthetic apart, real by confidence) and their money per original currency (recipient shares applied).',
  })
  basis!: Basis;
}

@ObjectType({ description: 'Funding totals grouped by the dimensions asked for, in USD.' })
export class FundingSummary {
  @Field(() => [FundingDimension], { description: 'The dimensions grouped by.' })
  groupBy!: FundingDimension[];

  @Field(() => String, { description: 'The reporting currency.' })
  currency!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First transaction date included.' })
  from!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last transaction date included.' })
  to!: string | null;

  @Field(() => String, { description: 'How amounts were converted (the rule, stated).' })
  conversionRule!: string;

  @Field(() => String, {
    description: 'What counts: published transactions only, and which flows they fall in.',
  })
  scope!: string;

  @Field(() => [FundingGroup], { description: 'One entry per group, each with its `basis`.' })
  groups!: FundingGroup[];

  @Field(() => Boolean, { description: 'Whether synthetic transactions were let in.' })
  includesSynthetic!: boolean;

  @Field(() => Basis, {
    description:
      'Every transaction the summary counts, once (real and synthetic apart, real by confidence), with its whole amount per original currency.',
  })
  basis!: Basis;
}

@ObjectType({
  description:
    'What a country received, from each project’s transactions times the country’s recipient percentage.',
})
export class CountryFunding {
  @Field(() => FlowTotal, { description: 'Its share of pledges.' })
  pledged!: FlowTotal;

  @Field(() => FlowTotal, { description: 'Its share of commitments.' })
  committed!: FlowTotal;

  @Field(() => FlowTotal, { description: 'Its share of funds received.' })
  received!: FlowTotal;

  @Field(() => FlowTotal, { description: 'Its share of spending.' })
  spent!: FlowTotal;

  @Field(() => [RateUsed], { description: 'Every exchange rate used.' })
  ratesUsed!: RateUsed[];

  @Field(() => String, { description: 'How amounts were converted.' })
  conversionRule!: string;

  @Field(() => Basis, {
    description:
      'The transactions these figures count (real and synthetic apart, real by confidence) and the country’s share of their money per original currency.',
  })
  basis!: Basis;
}
