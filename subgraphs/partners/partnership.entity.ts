import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Basis } from '../../schema/basis.js';
import { Confidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import { GpcTheme } from '../../schema/gpc.js';
import { ReviewStatus } from '../../schema/review.js';
import { DateScalar } from '../../schema/scalars.js';

export enum PartnershipType {
  MOU = 'MOU',
  IMPLEMENTING = 'IMPLEMENTING',
  FUNDING = 'FUNDING',
  IN_KIND = 'IN_KIND',
  KNOWLEDGE = 'KNOWLEDGE',
}

registerEnumType(PartnershipType, {
  name: 'PartnershipType',
  description: 'What a partnership is for.',
  valuesConfig: {
    MOU: { description: 'A memorandum of understanding or framework agreement.' },
    IMPLEMENTING: { description: 'Joint delivery of technical assistance.' },
    FUNDING: { description: 'One member funds work that others implement.' },
    IN_KIND: { description: 'Contributions in kind: experts, venues, tools, training material.' },
    KNOWLEDGE: { description: 'Research, data or knowledge exchange.' },
  },
});

export enum MemberRole {
  LEAD = 'LEAD',
  IMPLEMENTING = 'IMPLEMENTING',
  FUNDING = 'FUNDING',
  ADVISORY = 'ADVISORY',
  BENEFICIARY = 'BENEFICIARY',
}

registerEnumType(MemberRole, {
  name: 'MemberRole',
  description:
    'A member’s role in a partnership (after IATI organisation roles: funding 1, implementing 4).',
  valuesConfig: {
    LEAD: { description: 'Leads and coordinates the partnership.' },
    IMPLEMENTING: { description: 'Delivers the work (IATI role 4).' },
    FUNDING: { description: 'Provides the money (IATI role 1).' },
    ADVISORY: { description: 'Advises; no delivery or funding.' },
    BENEFICIARY: { description: 'Receives the assistance.' },
  },
});

export enum PartnershipStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

registerEnumType(PartnershipStatus, {
  name: 'PartnershipStatus',
  description: 'Where a partnership stands on a date, derived from its start and end dates.',
  valuesConfig: {
    PLANNED: { description: 'Starts after the date.' },
    ACTIVE: { description: 'Started on or before the date and not ended before it.' },
    ENDED: { description: 'Ended before the date.' },
  },
});

@ObjectType({ description: 'One organization in a partnership, with its role.' })
export class PartnershipMember {
  @Field(() => MemberRole, { description: 'Its role in the partnership.' })
  role!: MemberRole;

  /** Resolved to `organization` through the loader. */
  organizationId!: string;
}

@ObjectType({
  description:
    'A partnership for technical assistance and capacity-building against cybercrime (resolution 22/8 para. 4). Owned by partners.',
})
@Directive('@key(fields: "id")')
export class Partnership {
  @Field(() => ID, { description: 'A stable id: the federation key.' })
  id!: string;

  @Field(() => String, {
    description: 'Title; illustrative partnerships say "(synthetic)" in it.',
  })
  title!: string;

  @Field(() => PartnershipType, { description: 'What the partnership is for.' })
  type!: PartnershipType;

  @Field(() => String, { nullable: true, description: 'Free-text scope.' })
  scope!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'First day; null when the source gives no start date. Where the source gives only a month or a year, the first day of it (see `datesAsGiven`).',
  })
  startDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Last day; null when open-ended or not given. Where the source gives only a month or a year, the last day of it (see `datesAsGiven`).',
  })
  endDate!: string | null;

  @Field(() => [GpcTheme], { description: 'Global Programme pillars and areas it covers.' })
  themes!: GpcTheme[];

  @listSize(3)
  @Field(() => [PartnershipMember], { description: 'Members and their roles, lead first.' })
  members!: PartnershipMember[];

  @Field(() => Boolean, {
    description:
      'True for an illustrative partnership generated for demonstration: it did not happen. Its members are fictional (synthetic) organizations only, never real ones.',
  })
  synthetic!: boolean;

  @Field(() => ReviewStatus, {
    description: 'PENDING_REVIEW when a partner proposed it, until an editor publishes it.',
  })
  reviewStatus!: ReviewStatus;

  @Field(() => String, { description: 'Where the record comes from.' })
  source!: string;

  @Field(() => Confidence, {
    nullable: true,
    description:
      'Real partnerships of the data pack: whether every filled field was read in the cited source; null for synthetic or contributed records.',
  })
  confidence!: Confidence | null;

  @Field(() => String, {
    nullable: true,
    description: 'The project page, where the source gives one.',
  })
  url!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Notes of the data pack: disagreements between sources, precision, what is missing.',
  })
  notes!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The period exactly as the source gives it ("2016-03 to 2024-02"), so a month or year is never read as a day.',
  })
  datesAsGiven!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Terms of reuse of the record, where it comes from the data pack.',
  })
  licence!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The acknowledgement to show with the record wherever it is shown.',
  })
  attribution!: string | null;

  /** ISO alpha-3 codes of the countries covered. */
  countryIso3s!: string[];
  /** Organization id of the partner who proposed it, if any. */
  proposedBy!: string | null;
}

@ObjectType({
  description:
    'How well partners cover one Global Programme theme in one M49 region: few partnerships or partners mark a gap.',
})
export class PartnerCoverage {
  @Field(() => GpcTheme, { description: 'The theme.' })
  theme!: GpcTheme;

  @Field(() => Int, {
    description: 'Published partnerships active on `asOf` on this theme covering a country here.',
  })
  activePartnerships!: number;

  @Field(() => Int, { description: 'Distinct member organizations of those partnerships.' })
  distinctPartners!: number;

  @Field(() => Basis, {
    description: 'The partnerships counted, real and synthetic apart (synthetic only when asked).',
  })
  basis!: Basis;

  /** M49 code of the region; resolved to `region` as a stub. */
  regionM49!: string;
}

/**
 * PLANNED before the start, ENDED after the end, ACTIVE between (both days included). A real
 * partnership whose source gives no start date is ENDED after its end and otherwise unknown (null):
 * it is never presented as active on a date its source does not support.
 */
export function statusOn(
  partnership: { startDate: string | null; endDate: string | null },
  asOf: string,
): PartnershipStatus | null {
  if (partnership.startDate === null) {
    return partnership.endDate !== null && partnership.endDate < asOf
      ? PartnershipStatus.ENDED
      : null;
  }
  if (partnership.startDate > asOf) {
    return PartnershipStatus.PLANNED;
  }
  if (partnership.endDate !== null && partnership.endDate < asOf) {
    return PartnershipStatus.ENDED;
  }
  return PartnershipStatus.ACTIVE;
}

export function isActiveOn(
  partnership: { startDate: string | null; endDate: string | null },
  asOf: string,
): boolean {
  return statusOn(partnership, asOf) === PartnershipStatus.ACTIVE;
}
