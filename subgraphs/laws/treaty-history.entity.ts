import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Basis } from '../../schema/basis.js';
import { cacheHint } from '../../schema/cache-control.js';
import { Confidence } from '../../schema/common-types.js';
import { DateScalar } from '../../schema/scalars.js';
import { Instrument, ParticipantType, ParticipationStatus } from './instrument.entity.js';

export enum TreatyActionType {
  SIGNATURE = 'SIGNATURE',
  RATIFICATION = 'RATIFICATION',
  ACCEPTANCE = 'ACCEPTANCE',
  APPROVAL = 'APPROVAL',
  ACCESSION = 'ACCESSION',
  SUCCESSION = 'SUCCESSION',
  RESERVATION_OR_DECLARATION = 'RESERVATION_OR_DECLARATION',
  WITHDRAWAL = 'WITHDRAWAL',
  STATUS_CONFIRMED = 'STATUS_CONFIRMED',
}

registerEnumType(TreatyActionType, {
  name: 'TreatyActionType',
  description: 'A dated act of a participant under a treaty, as the depositary records it.',
  valuesConfig: {
    SIGNATURE: { description: 'Signature.' },
    RATIFICATION: { description: 'Ratification: consent to be bound.' },
    ACCEPTANCE: { description: 'Acceptance: consent to be bound.' },
    APPROVAL: { description: 'Approval: consent to be bound.' },
    ACCESSION: { description: 'Accession: consent to be bound without prior signature.' },
    SUCCESSION: { description: 'Succession: consent to be bound as a successor State.' },
    RESERVATION_OR_DECLARATION: {
      description: 'A reservation or declaration (status unchanged).',
    },
    WITHDRAWAL: { description: 'Denunciation or withdrawal: no longer a Party.' },
    STATUS_CONFIRMED: {
      description:
        'A source confirms the status (`confirmedStatus`) on this date without dating the act itself (such as a depositary notification listing the Parties).',
    },
  },
});

/** Acts that make a participant a Party. */
export const CONSENT_TYPES: ReadonlySet<TreatyActionType> = new Set([
  TreatyActionType.RATIFICATION,
  TreatyActionType.ACCEPTANCE,
  TreatyActionType.APPROVAL,
  TreatyActionType.ACCESSION,
  TreatyActionType.SUCCESSION,
]);

/**
 * The consents the UN Convention against Cybercrime counts towards its 40 (art. 65: instruments
 * of ratification, acceptance, approval or accession), and only a State's.
 */
export const COUNTED_CONSENTS: ReadonlySet<string> = new Set([
  TreatyActionType.RATIFICATION,
  TreatyActionType.ACCEPTANCE,
  TreatyActionType.APPROVAL,
  TreatyActionType.ACCESSION,
]);

export enum TreatyActionOrigin {
  SEED = 'SEED',
  EDITOR = 'EDITOR',
}

registerEnumType(TreatyActionOrigin, {
  name: 'TreatyActionOrigin',
  description: 'Where a treaty action came from.',
  valuesConfig: {
    SEED: { description: 'Derived from the dates of the seeded participation files.' },
    EDITOR: { description: 'Recorded by an editor (audited).' },
  },
});

@ObjectType('TreatyAction', {
  description:
    'One dated act of one participant under one treaty: history, never overwritten. The status at any date is computed from these.',
})
@Directive(cacheHint.curated)
export class TreatyAction {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'The instrument code, such as "CETS-185".' })
  instrumentCode!: string;

  @Field(() => String, {
    description: 'ISO alpha-3 code of the State, or the organization id (the EU: "eu").',
  })
  participantCode!: string;

  @Field(() => ParticipantType, { description: 'State, observer State or organization.' })
  participantType!: ParticipantType;

  @Field(() => TreatyActionType, { description: 'What was done.' })
  action!: TreatyActionType;

  @Field(() => DateScalar, { description: 'When (the date of deposit or signature).' })
  date!: string;

  @Field(() => ParticipationStatus, {
    nullable: true,
    description: 'For STATUS_CONFIRMED: the status confirmed on that date.',
  })
  confirmedStatus!: ParticipationStatus | null;

  @Field(() => String, { description: 'The source of the act.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether it was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Notes.' })
  notes!: string | null;

  @Field(() => TreatyActionOrigin, { description: 'Seeded or recorded by an editor.' })
  origin!: TreatyActionOrigin;

  /** Every treaty action is real (no synthetic ones exist). */
  synthetic!: boolean;
}

@ObjectType('TreatyParticipationAt', {
  description: "One participant's status under a treaty on a date.",
})
@Directive(cacheHint.inherit)
export class TreatyParticipationAt {
  @Field(() => String, { description: 'ISO alpha-3 code, or the organization id.' })
  participantCode!: string;

  @Field(() => ParticipantType, { description: 'State, observer State or organization.' })
  participantType!: ParticipantType;

  @Field(() => ParticipationStatus, { description: 'The status on that date.' })
  status!: ParticipationStatus;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The date of the act that gave this status; null when the status is known only from an undated record true as of `knownAsOf`.',
  })
  since!: string | null;

  @Field(() => TreatyActionType, {
    nullable: true,
    description: 'The act that gave this status, where dated.',
  })
  by!: TreatyActionType | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'For an undated record: the date its sources are known to cover.',
  })
  knownAsOf!: string | null;

  @Field(() => Boolean, {
    description:
      "Whether this consent counts towards an entry-into-force threshold (a State's ratification, acceptance, approval or accession).",
  })
  countsTowardsEntryIntoForce!: boolean;

  @Field(() => Confidence, { description: 'Confidence of the act or record it rests on.' })
  confidence!: Confidence;

  synthetic!: boolean;
}

@ObjectType('TreatyParticipationReport', {
  description:
    'Who is a Party or signatory of a treaty on a date, computed from the dated history (treaty actions) and, where an act is undated, from records true as of a date no later than the one asked.',
})
@Directive(cacheHint.curated)
export class TreatyParticipationReport {
  @Field(() => Instrument, { description: 'The instrument.' })
  instrument!: Instrument;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The date asked; null: the current status as recorded.',
  })
  asOf!: string | null;

  @Field(() => [TreatyParticipationAt], { description: 'By participant code.' })
  participants!: TreatyParticipationAt[];

  @Field(() => Int, { description: 'Parties on that date.' })
  parties!: number;

  @Field(() => Int, { description: 'Signatories that are not (yet) Parties on that date.' })
  signatories!: number;

  @Field(() => Int, { description: 'Participants that had withdrawn by that date.' })
  withdrawn!: number;

  @Field(() => Int, {
    description:
      "Consents counted towards entry into force: States' ratifications, acceptances, approvals and accessions (for the UN Convention, towards its 40). A Party whose consent is undated or of unrecorded type is not counted.",
  })
  consentsCounted!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Consents the instrument needs to enter into force (UN Convention: 40).',
  })
  consentsNeeded!: number | null;

  @Field(() => Int, {
    description:
      'Participants recorded today whose status on that date cannot be told: their record is undated and true only as of a later date (or of no stated date).',
  })
  unknownOnDate!: number;

  @Field(() => Basis, { description: 'The participants listed, by confidence.' })
  basis!: Basis;
}
