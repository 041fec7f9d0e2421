import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../../schema/scalars.js';

@InputType({ description: 'A closed range of transaction dates; either bound may be left open.' })
export class PeriodInput {
  @Field(() => DateScalar, { nullable: true, description: 'First day included.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day included.' })
  to?: string;
}
