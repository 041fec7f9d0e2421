import { Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { Confidence } from '../../schema/common-types.js';
import { DateScalar } from '../../schema/scalars.js';

/** Shown wherever UNCTAD's data is shown (its terms of use ask for this acknowledgement). */
export const UNCTAD_ATTRIBUTION =
  'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';

export enum CyberlawArea {
  CYBERCRIME = 'CYBERCRIME',
  E_TRANSACTIONS = 'E_TRANSACTIONS',
  DATA_PROTECTION = 'DATA_PROTECTION',
  CONSUMER_PROTECTION = 'CONSUMER_PROTECTION',
  INDIRECT_TAXATION = 'INDIRECT_TAXATION',
}

registerEnumType(CyberlawArea, {
  name: 'CyberlawArea',
  description: 'The five areas of law the UNCTAD Global Cyberlaw Tracker follows.',
  valuesConfig: {
    CYBERCRIME: { description: 'Cybercrime law.' },
    E_TRANSACTIONS: { description: 'Electronic transactions law.' },
    DATA_PROTECTION: { description: 'Data protection and privacy law.' },
    CONSUMER_PROTECTION: { description: 'Online consumer protection law.' },
    INDIRECT_TAXATION: { description: 'Indirect taxation of e-commerce.' },
  },
});

export enum CyberlawStatusValue {
  LEGISLATION = 'LEGISLATION',
  DRAFT_LEGISLATION = 'DRAFT_LEGISLATION',
  NO_LEGISLATION = 'NO_LEGISLATION',
  NO_DATA = 'NO_DATA',
}

registerEnumType(CyberlawStatusValue, {
  name: 'CyberlawStatusValue',
  description: "UNCTAD's classification of a State's law in one area (as UNCTAD publishes it).",
  valuesConfig: {
    LEGISLATION: { description: 'Legislation in place.' },
    DRAFT_LEGISLATION: { description: 'Draft legislation.' },
    NO_LEGISLATION: { description: 'No legislation.' },
    NO_DATA: { description: 'No data.' },
  },
});

@ObjectType('CyberlawStatus', {
  description: `A State's status in one area of law as classified by the UNCTAD Global Cyberlaw Tracker. ${UNCTAD_ATTRIBUTION}. The material may be freely quoted and used with appropriate acknowledgement; it is not an open-data licence. A faithful copy of UNCTAD's classification, not a check against national law.`,
})
@Directive(cacheHint.curated)
export class CyberlawStatus {
  @Field(() => CyberlawArea, { description: 'The area of law.' })
  area!: CyberlawArea;

  @Field(() => CyberlawStatusValue, { description: "UNCTAD's classification." })
  status!: CyberlawStatusValue;

  @Field(() => DateScalar, {
    description:
      'The date of the UNCTAD data file copied (UNCTAD gives no reference date of its own).',
  })
  asOf!: string;

  @Field(() => String, { description: 'The country name as UNCTAD lists it.' })
  unctadName!: string;

  @Field(() => String, { description: 'Where the classification was copied from.' })
  source!: string;

  @Field(() => String, { description: "UNCTAD's terms of use, as recorded with the data." })
  licence!: string;

  @Field(() => String, {
    description: `The acknowledgement to show wherever this is shown: "${UNCTAD_ATTRIBUTION}".`,
  })
  attribution!: string;

  @Field(() => Confidence, {
    description: "VERIFIED: a faithful copy of UNCTAD's published classification.",
  })
  confidence!: Confidence;

  @Field(() => String, {
    nullable: true,
    description:
      'Notes, such as a State marked as having legislation for which UNCTAD links no document.',
  })
  notes!: string | null;

  countryIso3!: string;
}

@InputType({ description: 'Countries whose UNCTAD status in `area` is `status`.' })
export class CyberlawStatusFilter {
  @Field(() => CyberlawArea, { description: 'The area of law.' })
  area!: CyberlawArea;

  @Field(() => CyberlawStatusValue, { description: 'The status in that area.' })
  status!: CyberlawStatusValue;
}
