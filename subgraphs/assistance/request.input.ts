import { Field, InputType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';

@InputType({ description: 'A new request for assistance.' })
export class AssistanceRequestInput {
  @Field(() => CountryCodeScalar, {
    description: 'The requesting State; a focal point may file for its own country only.',
  })
  country!: string;

  @Field(() => DateScalar, { description: 'When the request was received.' })
  receivedOn!: string;

  @Field(() => [GpcArea], { description: 'The Global Programme areas asked about.' })
  gpcAreas!: GpcArea[];

  @Field(() => String, { description: 'What the State asks for.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'A needs assessment it relates to.' })
  needsAssessmentId?: string;
}

@InputType({ description: 'Changes to a request; omitted fields stay as they are.' })
export class AssistanceRequestUpdate {
  @Field(() => [GpcArea], { nullable: true, description: 'The areas asked about.' })
  gpcAreas?: GpcArea[];

  @Field(() => String, { nullable: true, description: 'What the State asks for.' })
  description?: string;

  @Field(() => String, {
    nullable: true,
    description: 'The needs assessment it led to (member-states id).',
  })
  needsAssessmentId?: string;
}
