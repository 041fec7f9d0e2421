import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { GpcTheme } from '../../schema/gpc.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { MemberRole, PartnershipType } from './partnership.entity.js';

@InputType({ description: 'Narrows `partnerships`; all given conditions must hold.' })
export class PartnershipFilter {
  @Field(() => PartnershipType, { nullable: true, description: 'Partnership type.' })
  type?: PartnershipType;

  @Field(() => GpcTheme, { nullable: true, description: 'Covers this pillar or area.' })
  theme?: GpcTheme;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Covers this country.' })
  country?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Active on this date.' })
  activeOn?: string;

  @Field(() => ID, { nullable: true, description: 'Has this organization among its members.' })
  member?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only synthetic (true) or only real (false) partnerships.',
  })
  synthetic?: boolean;

  @Field(() => ReviewStatus, {
    nullable: true,
    description:
      'Review status; default: published ones (editors: all but archived; a partner: also its own proposals).',
  })
  reviewStatus?: ReviewStatus;
}

@InputType({ description: 'One member of a new partnership.' })
class PartnershipMemberInput {
  @Field(() => ID, { description: 'The organization’s id.' })
  organizationId!: string;

  @Field(() => MemberRole, { description: 'Its role.' })
  role!: MemberRole;
}

@InputType({
  description:
    'A new partnership. An editor’s is published at once; a partner’s must include its own organization and waits in PENDING_REVIEW.',
})
export class CreatePartnershipInput {
  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => PartnershipType, { description: 'Type.' })
  type!: PartnershipType;

  @Field(() => String, { nullable: true, description: 'Free-text scope.' })
  scope?: string;

  @Field(() => DateScalar, { description: 'First day.' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; absent when open-ended.' })
  endDate?: string;

  @Field(() => [GpcTheme], { description: 'Pillars and areas it covers (at least one).' })
  themes!: GpcTheme[];

  @Field(() => [CountryCodeScalar], { description: 'Countries it covers.' })
  countries!: string[];

  @Field(() => [PartnershipMemberInput], { description: 'Members (at least one).' })
  members!: PartnershipMemberInput[];

  @Field(() => String, { nullable: true, description: 'Where the record comes from.' })
  source?: string;
}

@InputType({
  description: 'Changes to a partnership; absent fields stay as they are, lists are replaced.',
})
export class UpdatePartnershipInput {
  @Field(() => String, { nullable: true, description: 'Title.' })
  title?: string;

  @Field(() => PartnershipType, { nullable: true, description: 'Type.' })
  type?: PartnershipType;

  @Field(() => String, { nullable: true, description: 'Free-text scope.' })
  scope?: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day.' })
  startDate?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day.' })
  endDate?: string;

  @Field(() => [GpcTheme], { nullable: true, description: 'Replaces the themes.' })
  themes?: GpcTheme[];

  @Field(() => [CountryCodeScalar], { nullable: true, description: 'Replaces the countries.' })
  countries?: string[];

  @Field(() => [PartnershipMemberInput], { nullable: true, description: 'Replaces the members.' })
  members?: PartnershipMemberInput[];
}

export enum ReviewDecision {
  PUBLISH = 'PUBLISH',
  REJECT = 'REJECT',
}

registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: 'An editor’s decision on a proposed partnership.',
  valuesConfig: {
    PUBLISH: { description: 'Publish it.' },
    REJECT: { description: 'Reject it; it is kept for the audit trail.' },
  },
});
