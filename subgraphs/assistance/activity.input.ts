import { Field, ID, InputType, Int } from 'type-graphql';
import { GpcArea, GpcPillar } from '../../schema/gpc.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { ActivityType, Modality, PractitionerRole } from './codes.model.js';

@InputType({ description: 'Narrows `activities`; all given conditions must hold.' })
export class ActivityFilter {
  @Field(() => CountryCodeScalar, { nullable: true, description: 'Benefiting this country.' })
  country?: string;

  @Field(() => String, { nullable: true, description: 'Implemented by this organisation id.' })
  implementer?: string;

  @Field(() => ActivityType, { nullable: true, description: 'Of this type.' })
  type?: ActivityType;

  @Field(() => GpcPillar, { nullable: true, description: 'Under this pillar.' })
  pillar?: GpcPillar;

  @Field(() => GpcArea, { nullable: true, description: 'Addressing this area.' })
  area?: GpcArea;

  @Field(() => DateScalar, { nullable: true, description: 'Ending on or after this day.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Starting on or before this day.' })
  to?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only synthetic (true) or real (false).' })
  synthetic?: boolean;
}

@InputType({ description: 'How many participants had one role.' })
class RoleCountInput {
  @Field(() => PractitionerRole, { description: 'The role.' })
  role!: PractitionerRole;

  @Field(() => Int, { description: 'How many.' })
  count!: number;
}

@InputType({ description: 'Who took part: female + male + other = total; roles at most total.' })
class ParticipantsInput {
  @Field(() => Int, { description: 'Everyone.' })
  total!: number;

  @Field(() => Int, { description: 'Women.' })
  female!: number;

  @Field(() => Int, { description: 'Men.' })
  male!: number;

  @Field(() => Int, { description: 'Other or not stated.' })
  other!: number;

  @Field(() => [RoleCountInput], { description: 'By role, where known.' })
  byRole!: RoleCountInput[];
}

@InputType({ description: 'An activity, as recorded or replaced.' })
export class ActivityInput {
  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => ActivityType, { description: 'What kind of assistance.' })
  type!: ActivityType;

  @Field(() => Modality, { nullable: true, description: 'How it was delivered.' })
  modality?: Modality;

  @Field(() => DateScalar, { description: 'First day.' })
  startDate!: string;

  @Field(() => DateScalar, { description: 'Last day; not before `startDate`.' })
  endDate!: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Country where it took place.' })
  locationCountry?: string;

  @Field(() => String, { nullable: true, description: 'City where it took place.' })
  locationCity?: string;

  @Field(() => [CountryCodeScalar], { description: 'Beneficiary countries (at least one).' })
  beneficiaryCountries!: string[];

  @Field(() => [String], { nullable: true, description: 'Beneficiary institutions.' })
  beneficiaryInstitutions?: string[];

  @Field(() => [ID], {
    description: 'Implementing organisation ids; a partner must list its own.',
  })
  implementerIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Funding project id.' })
  projectId?: string;

  @Field(() => GpcPillar, { description: 'Global Programme pillar.' })
  gpcPillar!: GpcPillar;

  @Field(() => [GpcArea], { description: 'Global Programme areas (at least one).' })
  gpcAreas!: GpcArea[];

  @Field(() => [String], { nullable: true, description: 'Offence category codes (laws).' })
  offenceCategories?: string[];

  @Field(() => ParticipantsInput, { nullable: true, description: 'Who took part.' })
  participants?: ParticipantsInput;

  @Field(() => ID, { nullable: true, description: 'Needs assessment answered (member-states).' })
  needsAssessmentId?: string;

  @Field(() => ID, { nullable: true, description: 'Request for assistance answered.' })
  requestId?: string;

  @Field(() => [ID], { nullable: true, description: 'Legislation supported (laws ids).' })
  legislationIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Legal provisions supported (laws ids).' })
  provisionIds?: string[];

  @Field(() => String, { description: 'Where the facts come from.' })
  source!: string;
}
