import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import { ReviewStatus } from '../../schema/review.js';
import { DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { ActivityStatus, GpcArea, GpcPillar, OrganisationRole } from './codes.model.js';
import { Country, Organization } from './foreign.entity.js';

@ObjectType({ description: 'An organisation taking part in a project, with its IATI role.' })
export class ParticipatingOrganization {
  @Field(() => Organization, { description: 'The organisation (partners subgraph).' })
  organization!: Organization;

  @Field(() => OrganisationRole, { description: 'IATI OrganisationRole.' })
  role!: OrganisationRole;
}

@ObjectType({ description: 'A recipient country of a project and its share.' })
export class RecipientCountry {
  @Field(() => Country, { description: 'The recipient country (member-states subgraph).' })
  country!: Country;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Share of the project in percent; the shares of a project sum to 100.',
  })
  percentage!: string | null;
}

@ObjectType({
  description:
    'An IATI-style activity: the Global Programme on Cybercrime itself, or a project under it.',
})
@Directive('@key(fields: "id")')
export class Project {
  @Field(() => ID, { description: 'Stable id: the federation key.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'IATI activity identifier, when published.' })
  iatiIdentifier!: string | null;

  @Field(() => String, { description: 'Title; synthetic projects say "(synthetic)".' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => ActivityStatus, { description: 'IATI ActivityStatus.' })
  status!: ActivityStatus;

  @Field(() => DateScalar, { nullable: true, description: 'IATI activity date 1, planned start.' })
  plannedStart!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'IATI activity date 3, planned end.' })
  plannedEnd!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'IATI activity date 2, actual start.' })
  actualStart!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'IATI activity date 4, actual end.' })
  actualEnd!: string | null;

  @listSize(4)
  @Field(() => [ParticipatingOrganization], {
    description: 'Participating organisations with their IATI roles.',
  })
  participatingOrgs!: ParticipatingOrganization[];

  @listSize(3)
  @Field(() => [RecipientCountry], {
    description: 'Recipient countries with percentages (empty for a global programme).',
  })
  recipientCountries!: RecipientCountry[];

  @Field(() => [GpcPillar], { description: 'Global Programme pillars the project serves.' })
  gpcPillars!: GpcPillar[];

  @Field(() => [GpcArea], { description: 'Global Programme areas the project serves.' })
  gpcAreas!: GpcArea[];

  @Field(() => [String], {
    description: 'OECD DAC purpose codes, such as "15130" (legal and judicial development).',
  })
  sectors!: string[];

  @Field(() => Boolean, { description: 'True for illustrative data generated for development.' })
  synthetic!: boolean;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => ReviewStatus, { description: 'Editorial state.' })
  reviewStatus!: ReviewStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Terms of reuse, for records copied from the data pack (public facts compiled from the cited sources); null otherwise.',
  })
  licence!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The acknowledgement to show with the record wherever it is shown; null where none is due.',
  })
  attribution!: string | null;

  /** Resolved to `parent` through a loader. */
  parentId!: string | null;
}
