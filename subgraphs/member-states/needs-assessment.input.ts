import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { GpcArea } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { Confidentiality, Severity } from './needs-assessment.entity.js';

@InputType({ description: 'A State asks for a needs assessment.' })
export class RequestNeedsAssessmentInput {
  @Field(() => CountryCodeScalar, {
    description: 'The State to be assessed; a focal point asks for its own State only.',
  })
  country!: string;

  @Field(() => String, { description: 'Title, 1–300 characters.' })
  title!: string;

  @Field(() => [GpcArea], { description: 'The Global Programme areas to assess (at least one).' })
  areas!: GpcArea[];

  @Field(() => DateScalar, { description: 'When the State asked; not in the future.' })
  requestedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Who asked, such as "Ministry of Justice"; default: the State’s focal point.',
  })
  requestedBy?: string | null;
}

@InputType({ description: 'One gap found.' })
class NeedsFindingInput {
  @Field(() => GpcArea, { description: 'The area of the gap.' })
  area!: GpcArea;

  @Field(() => String, { description: 'What is missing or weak, 1–1,000 characters.' })
  gap!: string;

  @Field(() => Severity, { description: 'How serious it is.' })
  severity!: Severity;
}

export enum FollowUpAction {
  CLOSE = 'CLOSE',
  RERATE = 'RERATE',
}

registerEnumType(FollowUpAction, {
  name: 'FollowUpAction',
  description: 'What a follow-up assessment does to an earlier finding of the same State.',
  valuesConfig: {
    CLOSE: { description: 'The gap is closed.' },
    RERATE: { description: 'The gap is still open, at another severity.' },
  },
});

@InputType({ description: 'A follow-up assessment’s word on an earlier finding of its State.' })
export class FindingFollowUpInput {
  @Field(() => ID, { description: 'The earlier finding (`NeedsFinding.id`).' })
  findingId!: string;

  @Field(() => FollowUpAction, { description: 'Close it or re-rate it.' })
  action!: FollowUpAction;

  @Field(() => Severity, { nullable: true, description: 'The new severity; required to RERATE.' })
  severity?: Severity | null;

  @Field(() => String, { nullable: true, description: 'Why, at most 1,000 characters.' })
  note?: string | null;
}

@InputType({ description: 'What an editor records of a requested needs assessment.' })
export class RecordNeedsAssessmentInput {
  @Field(() => String, { description: 'How it was done, 1–2,000 characters.' })
  methodology!: string;

  @Field(() => DateScalar, { description: 'When it started; not before the request.' })
  startedOn!: string;

  @Field(() => DateScalar, { description: 'When it was completed; not before `startedOn`.' })
  completedOn!: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'The organizations that conducted it (partners ids).',
  })
  conductedBy?: string[] | null;

  @Field(() => String, { description: 'The summary that may be published, 1–2,000 characters.' })
  publicSummary!: string;

  @Field(() => Confidentiality, { description: 'Who may read findings and recommendations.' })
  confidentiality!: Confidentiality;

  @Field(() => [NeedsFindingInput], { description: 'The gaps found (at most 100).' })
  findings!: NeedsFindingInput[];

  @Field(() => [String], { description: 'What it recommends (at most 100).' })
  recommendations!: string[];

  @Field(() => [FindingFollowUpInput], {
    nullable: true,
    description:
      'Earlier findings of the same State that this assessment closes or re-rates (at most 100).',
  })
  followUps?: FindingFollowUpInput[] | null;
}

@InputType({ description: 'Narrows `needsAssessments`; all given conditions must hold.' })
export class NeedsAssessmentFilter {
  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Only assessments of these countries (at most 300).',
  })
  countries?: string[];

  @Field(() => Confidentiality, { nullable: true, description: 'Only this confidentiality.' })
  confidentiality?: Confidentiality;

  @Field(() => GpcArea, { nullable: true, description: 'Only assessments covering this area.' })
  area?: GpcArea;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only illustrative (true) or only real (false) records.',
  })
  synthetic?: boolean;
}
