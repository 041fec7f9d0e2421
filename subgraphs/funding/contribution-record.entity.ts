import { Field, ID, ObjectType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { MonetaryAmount } from './money.entity.js';

@ObjectType({
  description:
    'A contribution to UNODC cybercrime work (or a partner project) as a public source names it: dated as precisely as the source allows, with money only where the source gives an amount. Records without money, and money not tied to a project (or not a contribution, such as the value of equipment delivered), are never summed; the ones that are money of a project also appear as its `transaction`.',
})
export class ContributionRecord {
  @Field(() => ID, { description: 'Stable id, as in the data pack.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: '"YYYY", "YYYY-MM" or "YYYY-MM-DD" exactly as the source gives it; null if none.',
  })
  date!: string | null;

  @Field(() => MonetaryAmount, {
    nullable: true,
    description:
      'The amount in its original currency with its USD conversion (rate, period and source), dated on the first day of the given period; null when the source states no amount.',
  })
  amount!: MonetaryAmount | null;

  @Field(() => String, {
    description: 'What the source calls it ("pledge", "funding (amount not stated)", …).',
  })
  typeAsGiven!: string;

  @Field(() => String, { nullable: true, description: 'Recipient or project, as named.' })
  recipientOrProject!: string | null;

  @Field(() => String, { nullable: true, description: 'What the money was for, as stated.' })
  purpose!: string | null;

  @Field(() => String, {
    description: 'Whether and how the source ties it to the Global Programme, as the pack says.',
  })
  gpcLink!: string;

  @Field(() => Boolean, {
    description: 'True when the source ties it to the Global Programme on Cybercrime.',
  })
  attributedToGlobalProgramme!: boolean;

  @Field(() => Boolean, {
    description:
      'False for a value that is not a contribution (the USD 200,000 of equipment delivered to Tunisia): never summed with contributions.',
  })
  countsAsContribution!: boolean;

  @Field(() => String, { description: 'The cited sources.' })
  source!: string;

  @Field(() => Confidence, { description: 'As the data pack gives it.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Notes of the data pack.' })
  notes!: string | null;

  @Field(() => String, { description: 'Terms of reuse.' })
  licence!: string;

  @Field(() => String, { description: 'The acknowledgement to show wherever it is shown.' })
  attribution!: string;

  @Field(() => Boolean, { description: 'Always false: every record is real.' })
  synthetic!: boolean;

  donorOrgId!: string;
  coDonorOrgIds!: string[];
  projectId!: string | null;
  transactionId!: string | null;
}
