import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';
import { DateScalar } from '../../schema/scalars.js';
import { Earmarking, TransactionType } from './codes.model.js';
import { MonetaryAmount } from './money.entity.js';

@ObjectType({ description: 'An IATI-style financial transaction of a project.' })
@Directive('@key(fields: "id")')
export class Transaction {
  @Field(() => ID, { description: 'Stable id: the federation key.' })
  id!: string;

  @Field(() => TransactionType, { description: 'IATI TransactionType.' })
  type!: TransactionType;

  @Field(() => DateScalar, { description: 'IATI transaction-date.' })
  date!: string;

  @Field(() => MonetaryAmount, { description: 'The value in its original currency, converted.' })
  value!: MonetaryAmount;

  @Field(() => String, {
    nullable: true,
    description:
      'IATI identifier of the provider’s own activity: links a donor’s disbursement to this incoming flow, so it is not counted twice.',
  })
  providerActivityId!: string | null;

  @Field(() => Earmarking, { nullable: true, description: 'Earmarking; null when not stated.' })
  earmarking!: Earmarking | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => Boolean, { description: 'True for illustrative data generated for development.' })
  synthetic!: boolean;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => ReviewStatus, {
    description: 'Editorial state: donors’ submissions wait as PENDING_REVIEW until published.',
  })
  reviewStatus!: ReviewStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Terms of reuse, for records copied from the data pack (public facts compiled from the cited sources); null otherwise.',
  })
  licence!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The acknowledgement to show with the record wherever it is shown; null where none is due.',
  })
  attribution!: string | null;

  /** Resolved through loaders and stubs. */
  projectId!: string;
  providerOrgId!: string | null;
  receiverOrgId!: string | null;
  submittedByOrgId!: string | null;
}
