import { Field, InputType, Int } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { OutcomeKind } from './outcome.entity.js';

@InputType({ description: 'An outcome to record.' })
export class RecordOutcomeInput {
  @Field(() => OutcomeKind, { description: 'What kind of change.' })
  kind!: OutcomeKind;

  @Field(() => DateScalar, {
    description: 'When it happened: not in the future, not before its activity or request.',
  })
  occurredOn!: string;

  @Field(() => CountryCodeScalar, {
    description: 'The State where it happened: a beneficiary of the activity, the request’s State.',
  })
  country!: string;

  @Field(() => String, { description: 'What changed, 1–2,000 characters.' })
  summary!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How many (0 or more), for PRACTITIONERS_CERTIFIED and CASES_HANDLED only.',
  })
  count?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The published activity it followed; this or `requestId` is required.',
  })
  activityId?: string | null;

  @Field(() => String, { nullable: true, description: 'The published request it answers.' })
  requestId?: string | null;

  @Field(() => String, { nullable: true, description: 'The needs assessment (member-states id).' })
  needsAssessmentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The finding it answers (member-states).' })
  findingId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The law adopted or amended (laws subgraph `Legislation.id`).',
  })
  legislationId?: string | null;

  @Field(() => String, { description: 'Where it is documented, 1–500 characters.' })
  evidenceSource!: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence | null;
}
