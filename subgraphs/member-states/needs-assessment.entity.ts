import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { DateScalar } from '../../schema/scalars.js';

export enum Confidentiality {
  PUBLIC = 'PUBLIC',
  RESTRICTED = 'RESTRICTED',
  CONFIDENTIAL = 'CONFIDENTIAL',
}

registerEnumType(Confidentiality, {
  name: 'Confidentiality',
  description: 'Who may read the findings and recommendations of a needs assessment.',
  valuesConfig: {
    PUBLIC: { description: 'Everyone.' },
    RESTRICTED: { description: 'Editors and the focal point of the assessed country.' },
    CONFIDENTIAL: { description: 'Editors only.' },
  },
});

export enum Severity {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

registerEnumType(Severity, {
  name: 'Severity',
  description: 'How serious a gap is.',
  valuesConfig: {
    HIGH: { description: 'A serious gap.' },
    MEDIUM: { description: 'A moderate gap.' },
    LOW: { description: 'A minor gap.' },
  },
});

export enum AssessmentStatus {
  REQUESTED = 'REQUESTED',
  RECORDED = 'RECORDED',
  ACCEPTED = 'ACCEPTED',
}

registerEnumType(AssessmentStatus, {
  name: 'AssessmentStatus',
  description: 'Where a needs assessment stands in its workflow.',
  valuesConfig: {
    REQUESTED: { description: 'Asked for by the State (or by an editor for it); not yet done.' },
    RECORDED: { description: 'Recorded by an editor; waiting for the State to accept it.' },
    ACCEPTED: { description: 'Reviewed and accepted by the assessed State.' },
  },
});

export enum ConsentLevel {
  NONE = 'NONE',
  AGGREGATE = 'AGGREGATE',
  FULL = 'FULL',
}

registerEnumType(ConsentLevel, {
  name: 'ConsentLevel',
  description:
    'What the assessed State lets aggregates do with findings that a viewer may not read (DOMAIN.md §6).',
  valuesConfig: {
    NONE: {
      description:
        'Left out of aggregates for such viewers, and counted as withheld (the default).',
    },
    AGGREGATE: { description: 'Counted in totals, never attributed to the State.' },
    FULL: { description: 'Counted and attributed to the State in aggregates.' },
  },
});

export enum FindingStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

registerEnumType(FindingStatus, {
  name: 'FindingStatus',
  description: 'Whether a gap is still open.',
  valuesConfig: {
    OPEN: { description: 'Not yet closed by a later assessment.' },
    CLOSED: { description: 'A later assessment of the same State found it closed.' },
  },
});

export enum FindingChangeKind {
  CLOSED = 'CLOSED',
  RERATED = 'RERATED',
}

registerEnumType(FindingChangeKind, {
  name: 'FindingChangeKind',
  description: 'What a follow-up assessment did to an earlier finding.',
  valuesConfig: {
    CLOSED: { description: 'The gap is closed: the finding needs no further assistance.' },
    RERATED: { description: 'The finding stays open with a new severity.' },
  },
});

@ObjectType({ description: 'One step of a finding’s follow-up: a later assessment changed it.' })
export class FindingChange {
  @Field(() => FindingChangeKind, { description: 'Closed or re-rated.' })
  kind!: FindingChangeKind;

  @Field(() => ID, { description: 'The follow-up assessment that made the change.' })
  assessmentId!: string;

  @Field(() => Severity, { description: 'The severity before.' })
  severityBefore!: Severity;

  @Field(() => Severity, { description: 'The severity after.' })
  severityAfter!: Severity;

  @Field(() => String, { nullable: true, description: 'Why, in the follow-up’s words.' })
  note!: string | null;

  @Field(() => String, { description: 'When it was recorded (ISO 8601, UTC).' })
  recordedAt!: string;
}

@ObjectType({ description: 'One gap a needs assessment found.' })
export class NeedsFinding {
  @Field(() => ID, { description: 'Stable id; a follow-up assessment names it to close it.' })
  id!: string;

  @Field(() => GpcArea, { description: 'The Global Programme area the gap is in.' })
  area!: GpcArea;

  @Field(() => String, { description: 'What is missing or weak.' })
  gap!: string;

  @Field(() => Severity, { description: 'How serious the gap is now (after any re-rating).' })
  severity!: Severity;

  @Field(() => FindingStatus, { description: 'Open, or closed by a later assessment.' })
  status!: FindingStatus;

  @Field(() => ID, { nullable: true, description: 'The assessment that closed it, if any.' })
  closedByAssessmentId!: string | null;

  @Field(() => [FindingChange], { description: 'Its follow-up, oldest first.' })
  history!: FindingChange[];
}

@ObjectType({
  description:
    'An assessment of a State’s needs and criminal-justice capabilities (res. 22/8, para. 5). That it exists, its areas and its public summary are public; findings and recommendations follow `confidentiality`.',
})
@Directive('@key(fields: "id")')
export class NeedsAssessment {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Title; illustrative records say "(synthetic)".' })
  title!: string;

  @Field(() => String, { description: 'Who asked for the assessment.' })
  requestedBy!: string;

  @Field(() => String, { description: 'How it was done.' })
  methodology!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the assessment started.' })
  startedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When it was completed; null while under way.',
  })
  completedOn!: string | null;

  @Field(() => [GpcArea], { description: 'The Global Programme areas assessed.' })
  areas!: GpcArea[];

  @Field(() => String, { description: 'The summary that may be published.' })
  publicSummary!: string;

  @Field(() => Confidentiality, { description: 'Who may read findings and recommendations.' })
  confidentiality!: Confidentiality;

  @Field(() => Int, { description: 'How many findings there are, visible to everyone.' })
  findingCount!: number;

  @Field(() => Boolean, {
    description: 'True for illustrative records generated by the seed, not real assessments.',
  })
  synthetic!: boolean;

  @Field(() => String, { description: 'Where the record comes from.' })
  source!: string;

  @Field(() => AssessmentStatus, { description: 'Requested, recorded or accepted.' })
  status!: AssessmentStatus;

  @Field(() => ConsentLevel, {
    description: 'What the assessed State lets aggregates show of findings others may not read.',
  })
  consent!: ConsentLevel;

  @Field(() => DateScalar, { nullable: true, description: 'When the State asked for it.' })
  requestedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the State accepted it.' })
  acceptedOn!: string | null;

  countryIso3!: string;
  conductedByOrganizationIds!: string[];
  recommendationsList!: string[];
  findingsList!: NeedsFinding[];
}
