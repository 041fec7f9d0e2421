import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';

export enum PartnerCategory {
  GOVERNMENT = 'GOVERNMENT',
  IGO = 'IGO',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  ACADEMIA = 'ACADEMIA',
  TECHNICAL_COMMUNITY = 'TECHNICAL_COMMUNITY',
  DONOR_AGENCY = 'DONOR_AGENCY',
  UN_ENTITY = 'UN_ENTITY',
  OTHER = 'OTHER',
}

registerEnumType(PartnerCategory, {
  name: 'PartnerCategory',
  description:
    'The partners of resolution 22/8 para. 4 ("Member States, relevant organizations, the private sector and civil society"), mapped to IATI organisation types.',
  valuesConfig: {
    GOVERNMENT: { description: 'A Member State government or public body (IATI 10, 11, 15).' },
    IGO: { description: 'An intergovernmental organization outside the UN system (IATI 40).' },
    PRIVATE_SECTOR: { description: 'A company (IATI 70–73).' },
    CIVIL_SOCIETY: { description: 'An NGO or foundation (IATI 21–24, 60).' },
    ACADEMIA: { description: 'An academic, training or research body (IATI 80).' },
    TECHNICAL_COMMUNITY: { description: 'The Internet technical community (IATI 90).' },
    DONOR_AGENCY: { description: 'A government aid or external-action agency (IATI 10, 15).' },
    UN_ENTITY: { description: 'A UN entity, fund or programme (IATI 40).' },
    OTHER: { description: 'Anything else, such as public-private partnerships (IATI 30, 90).' },
  },
});

@ObjectType({
  description:
    'An organization that partners on technical assistance against cybercrime. Real organizations only, from cited sources. Owned by partners.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'A stable slug, such as "unodc": the federation key.' })
  id!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Acronym, such as "UNODC".' })
  acronym!: string | null;

  @Field(() => PartnerCategory, { description: 'Partner category (resolution 22/8 para. 4).' })
  partnerCategory!: PartnerCategory;

  @Field(() => String, {
    nullable: true,
    description: 'IATI OrganisationType code, such as "40" (Multilateral).',
  })
  iatiOrgType!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'OECD DAC CRS channel code, such as "41128"; null where the source gives none.',
  })
  crsChannelCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'IATI organisation identifier, such as "XI-IATI-EC_FPI"; null where none is known.',
  })
  iatiOrgId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Official website; null unless a source gives it (none of the seeded rows do: no URL is guessed).',
  })
  website!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its role in the cybercrime domain, as its source describes it.',
  })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Its role in the domain (same text as `description`, under the seed-file name).',
  })
  roleInDomain!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Caveats from the data pack.' })
  notes!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Terms of reuse of the record (seeded organisations: public facts compiled from the cited sources); null where an editor created it.',
  })
  licence!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The acknowledgement to show with the record wherever it is shown.',
  })
  attribution!: string | null;

  @Field(() => Boolean, {
    description:
      "True for a fictional organisation (the demo set's actors, the benchmark scale-up); false for the real ones of the seed. Synthetic records name only fictional organisations.",
  })
  synthetic!: boolean;

  @Field(() => Boolean, {
    description:
      'False for an organisation an import met only by a reference or a name (an IATI participating organisation unknown here): its name and identity are as the file gave them, to be checked by an editor. True for curated records.',
  })
  verified!: boolean;

  @Field(() => ReviewStatus, { description: 'PUBLISHED, or ARCHIVED when withdrawn.' })
  reviewStatus!: ReviewStatus;

  /** Headquarters country code; resolved to `headquarters` as a Country stub. */
  hqCountryIso3!: string | null;
}
