import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../../schema/scalars.js';

@ObjectType({
  description:
    'A HIGH-severity finding the viewer may read, with the day from which an activity would answer it (the assessment’s completion, or its start while under way). Shared with assistance, which requires it to compute gaps.',
})
@Directive('@shareable')
export class GapCandidate {
  @Field(() => ID, { description: 'The needs assessment.' })
  assessmentId!: string;

  @Field(() => CountryCodeScalar, { description: 'The assessed country.' })
  countryIso3!: string;

  @Field(() => GpcArea, { description: 'The area of the finding.' })
  area!: GpcArea;

  @Field(() => String, { description: 'The gap found.' })
  gap!: string;

  @Field(() => DateScalar, { description: 'Activities from this day on answer it.' })
  since!: string;
}

@ObjectType({
  description:
    'The coverage gaps of one M49 area. member-states owns the findings (and who may read them); assistance owns `gaps`, computed from them with `@requires`.',
})
@Directive('@key(fields: "region includeSynthetic")')
export class CoverageGapReport {
  @Field(() => M49CodeScalar, { description: 'The M49 area: the federation key.' })
  region!: string;

  @Field(() => Boolean, {
    description:
      'Whether findings of synthetic (illustrative) assessments count: part of the key, so a report never mixes them in unasked.',
  })
  includeSynthetic!: boolean;
}
