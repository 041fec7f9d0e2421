import { Field, ID, InputType } from 'type-graphql';
import { DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { Earmarking, TransactionType } from './codes.model.js';

@InputType({ description: 'A transaction to record on a project.' })
export class TransactionInput {
  @Field(() => ID, { description: 'The project it belongs to.' })
  projectId!: string;

  @Field(() => TransactionType, { description: 'IATI TransactionType.' })
  type!: TransactionType;

  @Field(() => DateScalar, { description: 'Transaction date, within the project’s dates.' })
  date!: string;

  @Field(() => DecimalScalar, { description: 'Exact amount greater than zero, such as "0.10".' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, such as "NOK".' })
  currency!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date for currency conversion; defaults to `date`.',
  })
  valueDate?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Provider organisation: must take part in the project. Donors must give their own.',
  })
  providerOrgId?: string;

  @Field(() => ID, { nullable: true, description: 'Receiver organisation.' })
  receiverOrgId?: string;

  @Field(() => String, { nullable: true, description: 'The provider’s own IATI activity id.' })
  providerActivityId?: string;

  @Field(() => Earmarking, { nullable: true, description: 'Earmarking, when stated.' })
  earmarking?: Earmarking;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string;
}
