import { Field, ID, InputType } from 'type-graphql';
import { CountryCodeScalar, DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { ActivityStatus, GpcArea, GpcPillar, OrganisationRole } from './codes.model.js';

@InputType({ description: 'Narrows `projects`; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => ID, { nullable: true, description: 'Only direct children of this project.' })
  parentId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only synthetic projects; false: only real ones. Unset: real ones unless `includeSynthetic`.',
  })
  synthetic?: boolean;
}

@InputType({ description: 'An organisation taking part in a new project.' })
class ParticipantInput {
  @Field(() => ID, { description: 'Organisation id (partners subgraph).' })
  organizationId!: string;

  @Field(() => OrganisationRole, { description: 'IATI role.' })
  role!: OrganisationRole;
}

@InputType({ description: 'A recipient country of a new project.' })
class RecipientCountryInput {
  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-3 code.' })
  iso3!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Share in percent (at most two decimals); all shares sum to 100.',
  })
  percentage?: string;
}

@InputType({ description: 'A new project (IATI activity).' })
export class ProjectInput {
  @Field(() => ID, { description: 'Stable id: lower-case letters, digits and hyphens.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'IATI activity identifier.' })
  iatiIdentifier?: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string;

  @Field(() => ActivityStatus, { description: 'IATI ActivityStatus.' })
  status!: ActivityStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Planned start.' })
  plannedStart?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end.' })
  plannedEnd?: string;

  @Field(() => ID, { nullable: true, description: 'Parent programme, such as "gpc".' })
  parentId?: string;

  @Field(() => [ParticipantInput], { description: 'Participating organisations.' })
  participatingOrgs!: ParticipantInput[];

  @Field(() => [RecipientCountryInput], { description: 'Recipient countries.' })
  recipientCountries!: RecipientCountryInput[];

  @Field(() => [GpcPillar], { description: 'Global Programme pillars.' })
  gpcPillars!: GpcPillar[];

  @Field(() => [GpcArea], { description: 'Global Programme areas.' })
  gpcAreas!: GpcArea[];

  @Field(() => [String], { description: 'OECD DAC purpose codes (five digits).' })
  sectors!: string[];

  @Field(() => String, { description: 'Where the facts come from.' })
  source!: string;
}

@InputType({
  description:
    'Changes to a project: an omitted field is kept, null clears a nullable one, lists are replaced.',
})
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: 'Title (cannot be cleared).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;

  @Field(() => ActivityStatus, { nullable: true, description: 'IATI ActivityStatus.' })
  status?: ActivityStatus | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned start.' })
  plannedStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end.' })
  plannedEnd?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Actual start.' })
  actualStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Actual end.' })
  actualEnd?: string | null;

  @Field(() => [GpcPillar], { nullable: true, description: 'Global Programme pillars.' })
  gpcPillars?: GpcPillar[] | null;

  @Field(() => [GpcArea], { nullable: true, description: 'Global Programme areas.' })
  gpcAreas?: GpcArea[] | null;

  @Field(() => [String], { nullable: true, description: 'OECD DAC purpose codes (five digits).' })
  sectors?: string[] | null;
}
