import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Basis } from '../../schema/basis.js';
import { DateScalar } from '../../schema/scalars.js';
import { CoverageScheme, OffenceCategory, ProceduralPower } from './code-list.entity.js';
import { LegalProvision, UNCTAD_ATTRIBUTION } from './legislation.entity.js';

/** What the record says about one offence or power: never "no data" read as "no law". */
export enum CoverageState {
  COVERED = 'COVERED',
  NOT_IN_RECORDED_PROVISIONS = 'NOT_IN_RECORDED_PROVISIONS',
  NO_PROVISIONS_RECORDED = 'NO_PROVISIONS_RECORDED',
}

registerEnumType(CoverageState, {
  name: 'CoverageState',
  description:
    'What the repository records for one offence or procedural power of a State: a finding only in the first two states.',
  valuesConfig: {
    COVERED: { description: 'A recorded provision in force covers it.' },
    NOT_IN_RECORDED_PROVISIONS: {
      description:
        'Provisions of this State are recorded, and none of them covers it. The law may still provide it in a provision not recorded here.',
    },
    NO_PROVISIONS_RECORDED: {
      description:
        'No provision in force of this State is recorded: the repository says nothing about its law, which is not a finding that it lacks one.',
    },
  },
});

@ObjectType('OffenceCoverage', {
  description: 'Whether a country’s law covers one offence category.',
})
export class OffenceCoverage {
  @Field(() => OffenceCategory, { description: 'The offence category of the scheme.' })
  category!: OffenceCategory;

  @Field(() => Boolean, { description: 'Whether any provision in force covers it.' })
  covered!: boolean;

  @Field(() => CoverageState, {
    description: 'Covered, recorded provisions without it, or no provisions recorded.',
  })
  state!: CoverageState;

  @Field(() => [LegalProvision], { description: 'Provisions in force tagged with the category.' })
  directProvisions!: LegalProvision[];

  @Field(() => [LegalProvision], {
    description:
      'Provisions in force tagged with a category of another scheme sharing a crosswalk concept.',
  })
  conceptProvisions!: LegalProvision[];
}

@ObjectType('ProceduralPowerCoverage', {
  description: 'Whether a country’s law provides one procedural power.',
})
export class ProceduralPowerCoverage {
  @Field(() => ProceduralPower, { description: 'The procedural power.' })
  power!: ProceduralPower;

  @Field(() => String, { description: 'Its article in the scheme’s convention.' })
  article!: string;

  @Field(() => Boolean, { description: 'Whether any provision in force provides it.' })
  covered!: boolean;

  @Field(() => CoverageState, {
    description: 'Covered, recorded provisions without it, or no provisions recorded.',
  })
  state!: CoverageState;

  @Field(() => [LegalProvision], { description: 'Provisions in force tagged with the power.' })
  provisions!: LegalProvision[];
}

export enum LawOnRecord {
  PROVISIONS_RECORDED = 'PROVISIONS_RECORDED',
  LAW_EXISTS_PROVISIONS_NOT_RECORDED = 'LAW_EXISTS_PROVISIONS_NOT_RECORDED',
  DRAFT_LAW_ONLY = 'DRAFT_LAW_ONLY',
  NO_LAW_KNOWN = 'NO_LAW_KNOWN',
  NO_DATA = 'NO_DATA',
}

registerEnumType(LawOnRecord, {
  name: 'LawOnRecord',
  description: `Whether a cybercrime law is known to exist, from the laws recorded here and the UNCTAD Global Cyberlaw Tracker (${UNCTAD_ATTRIBUTION}).`,
  valuesConfig: {
    PROVISIONS_RECORDED: { description: 'Provisions of its laws are recorded here.' },
    LAW_EXISTS_PROVISIONS_NOT_RECORDED: {
      description:
        'Law exists, provisions not yet recorded: a law is recorded here (a catalogue entry or curated record) or UNCTAD classifies the State as having legislation, but no provision is recorded.',
    },
    DRAFT_LAW_ONLY: { description: 'UNCTAD classifies the State as having draft legislation.' },
    NO_LAW_KNOWN: { description: 'UNCTAD classifies the State as having no legislation.' },
    NO_DATA: { description: 'UNCTAD has no data, and no law is recorded here.' },
  },
});

@ObjectType('LegalCoverage', {
  description:
    'Gap analysis: the offences and procedural powers of a convention against the provisions in force recorded here. "Not covered" means no recorded provision covers it, not that the law lacks it: only tagged provisions count.',
})
export class LegalCoverage {
  @Field(() => CoverageScheme, { description: 'The convention checked against.' })
  scheme!: CoverageScheme;

  @Field(() => [OffenceCoverage], {
    description: 'One entry per offence category, in article order.',
  })
  offences!: OffenceCoverage[];

  @Field(() => [ProceduralPowerCoverage], {
    description: 'One entry per procedural power the convention provides, in list order.',
  })
  proceduralPowers!: ProceduralPowerCoverage[];

  @Field(() => Int, { description: 'How many offence categories are covered.' })
  offencesCovered!: number;

  @Field(() => Int, { description: 'How many procedural powers are covered.' })
  proceduralPowersCovered!: number;

  @Field(() => Int, { description: 'How many visible provisions in force were considered.' })
  provisionsConsidered!: number;

  @Field(() => CoverageState, {
    description:
      'NO_PROVISIONS_RECORDED when no provision in force of this State is recorded (then every entry says so); otherwise NOT_IN_RECORDED_PROVISIONS, or COVERED when every entry is covered.',
  })
  state!: CoverageState;

  @Field(() => Int, {
    description:
      'How complete the record is: provisions recorded for this State (visible ones, in force or not).',
  })
  provisionsRecorded!: number;

  @Field(() => Int, { description: 'Laws recorded for this State (visible ones).' })
  lawsRecorded!: number;

  @Field(() => LawOnRecord, {
    description: `Whether a law is known to exist where no provision is recorded ("law exists, provisions not yet recorded"), from the laws recorded here and the UNCTAD Global Cyberlaw Tracker. ${UNCTAD_ATTRIBUTION}.`,
  })
  lawOnRecord!: LawOnRecord;

  @Field(() => String, {
    nullable: true,
    description: `UNCTAD's cybercrime-law status of the State (LEGISLATION, DRAFT_LEGISLATION, NO_LEGISLATION, NO_DATA); null where the tracker has no row. ${UNCTAD_ATTRIBUTION}; see Country.cyberlawStatus.`,
  })
  unctadCybercrimeStatus!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The latest `lastVerifiedOn` of those laws; null when none was verified on a recorded date.',
  })
  lastVerifiedOn!: string | null;

  @Field(() => Basis, {
    description:
      'The provisions in force considered, real and synthetic apart, real by confidence.',
  })
  basis!: Basis;
}
