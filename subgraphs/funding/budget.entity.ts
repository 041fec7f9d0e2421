import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../schema/scalars.js';
import { BudgetStatus, BudgetType } from './codes.model.js';
import { MonetaryAmount } from './money.entity.js';

@ObjectType({ description: 'An IATI-style budget of a project for one period.' })
@Directive('@key(fields: "id")')
export class Budget {
  @Field(() => ID, { description: 'Stable id: the federation key.' })
  id!: string;

  @Field(() => BudgetType, { description: 'Original or revised.' })
  type!: BudgetType;

  @Field(() => BudgetStatus, { description: 'Indicative or committed.' })
  status!: BudgetStatus;

  @Field(() => DateScalar, { description: 'First day of the budget period.' })
  periodStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the budget period.' })
  periodEnd!: string;

  @Field(() => MonetaryAmount, { description: 'The budgeted value, converted.' })
  value!: MonetaryAmount;

  @Field(() => Boolean, { description: 'True for illustrative data generated for development.' })
  synthetic!: boolean;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  projectId!: string;
}
