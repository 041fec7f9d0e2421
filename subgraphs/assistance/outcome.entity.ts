import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { DateScalar } from '../../schema/scalars.js';

export enum OutcomeKind {
  LEGISLATION_ADOPTED = 'LEGISLATION_ADOPTED',
  LEGISLATION_AMENDED = 'LEGISLATION_AMENDED',
  INSTITUTION_ESTABLISHED = 'INSTITUTION_ESTABLISHED',
  PRACTITIONERS_CERTIFIED = 'PRACTITIONERS_CERTIFIED',
  CASES_HANDLED = 'CASES_HANDLED',
  POLICY_ADOPTED = 'POLICY_ADOPTED',
  OTHER = 'OTHER',
}

registerEnumType(OutcomeKind, {
  name: 'OutcomeKind',
  description: 'What changed after assistance.',
  valuesConfig: {
    LEGISLATION_ADOPTED: { description: 'A law adopted with support.' },
    LEGISLATION_AMENDED: { description: 'A law amended with support.' },
    INSTITUTION_ESTABLISHED: { description: 'A unit or institution set up.' },
    PRACTITIONERS_CERTIFIED: { description: 'Practitioners trained, certified and in post.' },
    CASES_HANDLED: { description: 'Cases handled with what was delivered.' },
    POLICY_ADOPTED: { description: 'A strategy or policy adopted.' },
    OTHER: { description: 'Anything else, described in the summary.' },
  },
});

/** Kinds that carry a `count`. */
export const COUNTED_KINDS: readonly OutcomeKind[] = [
  OutcomeKind.PRACTITIONERS_CERTIFIED,
  OutcomeKind.CASES_HANDLED,
];

@ObjectType({ description: 'Where an outcome is documented, and how far it was checked.' })
export class OutcomeEvidence {
  @Field(() => String, { description: 'The source: a gazette, a report, a letter.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether it was checked against the source.' })
  confidence!: Confidence;
}

@ObjectType({
  description:
    'What changed after assistance: linked to the activity and/or request it followed, and by key to the needs assessment, finding and law it refers to.',
})
@Directive('@key(fields: "id")')
export class Outcome {
  @Field(() => ID, { description: 'Stable id: the federation key.' })
  id!: string;

  @Field(() => OutcomeKind, { description: 'What kind of change.' })
  kind!: OutcomeKind;

  @Field(() => DateScalar, { description: 'When it happened; never before its activity started.' })
  occurredOn!: string;

  @Field(() => String, { description: 'What changed.' })
  summary!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How many, for PRACTITIONERS_CERTIFIED and CASES_HANDLED.',
  })
  count!: number | null;

  @Field(() => OutcomeEvidence, { description: 'Where it is documented.' })
  evidence!: OutcomeEvidence;

  @Field(() => ID, {
    nullable: true,
    description: 'The needs-assessment finding it answers (`NeedsFinding.id`), if any.',
  })
  findingId!: string | null;

  @Field(() => Boolean, { description: 'True for illustrative records; none are seeded.' })
  synthetic!: boolean;

  countryIso3!: string;
  activityId!: string | null;
  requestId!: string | null;
  needsAssessmentId!: string | null;
  legislationId!: string | null;
}
