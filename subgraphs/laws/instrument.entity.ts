import {
  createUnionType,
  Directive,
  Field,
  ID,
  Int,
  ObjectType,
  registerEnumType,
} from 'type-graphql';
import { cacheHint } from '../../schema/cache-control.js';
import { Confidence } from '../../schema/common-types.js';
import { DateScalar } from '../../schema/scalars.js';
import { Country, Organization } from './foreign.entity.js';

export enum ParticipationStatus {
  PARTY = 'PARTY',
  SIGNED = 'SIGNED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ParticipationStatus, {
  name: 'ParticipationStatus',
  description: 'How far a participant has gone with an instrument.',
  valuesConfig: {
    PARTY: { description: 'Consent to be bound expressed (ratification, accession …).' },
    SIGNED: { description: 'Signature only.' },
    WITHDRAWN: { description: 'Denounced or withdrawn: no longer a Party (kept for history).' },
  },
});

export enum ParticipantType {
  STATE = 'STATE',
  OBSERVER_STATE = 'OBSERVER_STATE',
  ORGANIZATION = 'ORGANIZATION',
}

registerEnumType(ParticipantType, {
  name: 'ParticipantType',
  description: 'What kind of participant.',
  valuesConfig: {
    STATE: { description: 'A UN Member State.' },
    OBSERVER_STATE: { description: 'A non-member observer State (State of Palestine).' },
    ORGANIZATION: { description: 'A regional economic integration organization (the EU).' },
  },
});

@ObjectType('Instrument', {
  description:
    'An international instrument: the Budapest Convention and its Protocols, the UN Convention against Cybercrime, the Malabo Convention, UNTOC.',
})
@Directive('@key(fields: "code")')
@Directive(cacheHint.curated)
export class Instrument {
  @Field(() => String, { description: 'Stable code, such as "CETS-185": the key.' })
  code!: string;

  @Field(() => String, { description: 'Full title.' })
  title!: string;

  @Field(() => String, { description: 'Short title, such as "Budapest Convention".' })
  shortTitle!: string;

  @Field(() => String, { nullable: true, description: 'Treaty series number.' })
  seriesNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The depositary.' })
  depositary!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date; null if not recorded.' })
  adoptedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Opened for signature on.' })
  openedForSignatureOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it opened for signature.' })
  openedForSignatureAt!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Signature closes on.' })
  signatureClosesOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Entry into force; null when not in force at the last check.',
  })
  entryIntoForceOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The entry-into-force rule.' })
  entryIntoForceRule!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;

  parentCode!: string | null;
  organizationId!: string | null;
  /** Consents needed for entry into force, where the rule is a count (UN Convention: 40). */
  consentsNeeded!: number | null;
}

@ObjectType('InstrumentStatus', {
  description:
    'Where an instrument stands, counted from the seeded participation rows (true as of their `asOf` dates).',
})
@Directive(cacheHint.inherit)
export class InstrumentStatus {
  @Field(() => Int, { description: 'Participants that have expressed consent to be bound.' })
  parties!: number;

  @Field(() => Int, { description: 'Participants that have signed but are not (yet) Parties.' })
  signatories!: number;

  @Field(() => Int, {
    description:
      'Consents that count towards entry into force: Parties, without regional economic integration organizations (UN Convention art. 65(1)).',
  })
  consentsCounted!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Consents needed for entry into force (UN Convention: 40); null where not a count.',
  })
  consentsNeeded!: number | null;

  @Field(() => Boolean, { description: 'Whether an entry-into-force date is recorded.' })
  inForce!: boolean;
}

@ObjectType('InstrumentParticipation', {
  description: 'One participant’s signature and consent for one instrument.',
})
@Directive('@key(fields: "id")')
@Directive(cacheHint.curated)
export class InstrumentParticipation {
  @Field(() => ID, { description: '"<instrument code>:<participant>", such as "CETS-185:GBR".' })
  id!: string;

  @Field(() => String, { description: 'The instrument code.' })
  instrumentCode!: string;

  @Field(() => ParticipantType, { description: 'State, observer State or organization.' })
  participantType!: ParticipantType;

  @Field(() => ParticipationStatus, { description: 'Party or signatory.' })
  status!: ParticipationStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Signature date, if known.' })
  signedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'RATIFICATION, ACCESSION, ACCEPTANCE, APPROVAL or SUCCESSION.',
  })
  consentType!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date consent was deposited.' })
  consentOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Entry into force for this participant.',
  })
  entryIntoForceOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The latest date the cited sources cover: read the row as "true as of".',
  })
  asOf!: string | null;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;

  /** ISO alpha-3 for States, organization id otherwise. */
  participant!: string;
}

export const TreatyParticipant = createUnionType({
  name: 'TreatyParticipant',
  description: 'A State (Member or observer) or an organization (the EU) taking part in a treaty.',
  types: () => [Country, Organization] as const,
  resolveType: (value) => ('iso3' in value ? 'Country' : 'Organization'),
});
