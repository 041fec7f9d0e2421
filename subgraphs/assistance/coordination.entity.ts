import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { Country, NeedsAssessment, Organization, Project } from './foreign.entity.js';

@ObjectType({
  description:
    'Two activities of different implementers (no implementer in common) in the same country, sharing a Global Programme area, whose periods overlap: where a coordination meeting starts.',
})
export class ActivityOverlap {
  @Field(() => Country, { description: 'The country both benefit.' })
  country!: Country;

  @Field(() => TechnicalAssistanceActivity, { description: 'The activity with the smaller id.' })
  first!: TechnicalAssistanceActivity;

  @Field(() => TechnicalAssistanceActivity, { description: 'The activity with the larger id.' })
  second!: TechnicalAssistanceActivity;

  @Field(() => [GpcArea], { description: 'The areas both address.' })
  sharedAreas!: GpcArea[];

  @Field(() => DateScalar, { description: 'First day of the overlap (inside the period asked).' })
  overlapStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the overlap (inside the period asked).' })
  overlapEnd!: string;

  @Field(() => Int, { description: 'Days both run, counting both ends.' })
  overlapDays!: number;
}

@ObjectType({
  description:
    'A HIGH-severity finding the viewer may read, owned by member-states, with the day from which an activity would answer it. Required by `CoverageGapReport.gaps`.',
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
    'A HIGH-severity needs-assessment finding with no published activity addressing its area in its country since the assessment.',
})
export class CoverageGap {
  @Field(() => Country, { description: 'The assessed country.' })
  country!: Country;

  @Field(() => NeedsAssessment, { description: 'The assessment that found the gap.' })
  assessment!: NeedsAssessment;

  @Field(() => GpcArea, { description: 'The area of the finding.' })
  area!: GpcArea;

  @Field(() => String, { description: 'The gap found.' })
  gap!: string;

  @Field(() => DateScalar, {
    description: 'The assessment’s completion (its start while under way).',
  })
  since!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Start of the latest activity in that country and area, if any (before `since`).',
  })
  lastActivityStart!: string | null;
}

@ObjectType('CoverageGapReport', {
  description:
    'The coverage gaps of one M49 area: member-states provides the findings the viewer may read, assistance computes the gaps from its activities.',
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

  @Field(() => [GapCandidate], { description: 'Resolved by member-states.' })
  @Directive('@external')
  highSeverityFindings?: GapCandidate[];
}

@ObjectType({
  description:
    'Two projects with no implementer in common that both cover one country and run at the same time: several implementers in the same country and years, where coordination starts. Dates widened from a month or year to whole days are flagged by `firstDatesAsGiven`/`secondDatesAsGiven`.',
})
export class ProjectOverlap {
  @Field(() => Country, { description: 'The country both cover.' })
  country!: Country;

  @Field(() => Project, { description: 'The project with the smaller id.' })
  first!: Project;

  @Field(() => Project, { description: 'The project with the larger id.' })
  second!: Project;

  @Field(() => [Organization], { description: 'Implementers of the first project.' })
  firstImplementers!: Organization[];

  @Field(() => [Organization], { description: 'Implementers of the second project.' })
  secondImplementers!: Organization[];

  @Field(() => String, {
    nullable: true,
    description: 'The first project’s period as its source gives it.',
  })
  firstDatesAsGiven!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The second project’s period as its source gives it.',
  })
  secondDatesAsGiven!: string | null;

  @Field(() => DateScalar, { description: 'First day of the overlap (inside the period asked).' })
  overlapStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the overlap (inside the period asked).' })
  overlapEnd!: string;

  @Field(() => Int, { description: 'Days both run, counting both ends.' })
  overlapDays!: number;

  @Field(() => Boolean, {
    description: 'True when either project is synthetic (listed only with `includeSynthetic`).',
  })
  synthetic!: boolean;
}
