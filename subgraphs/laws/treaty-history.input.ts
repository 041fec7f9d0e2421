import { Field, InputType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { DateScalar } from '../../schema/scalars.js';
import { ParticipantType, ParticipationStatus } from './instrument.entity.js';
import { TreatyActionType } from './treaty-history.entity.js';

@InputType({ description: 'A treaty action to record (editors).' })
export class RecordTreatyActionInput {
  @Field(() => String, { description: 'The instrument code, such as "CETS-185".' })
  instrument!: string;

  @Field(() => String, {
    description: 'ISO alpha-3 code of the State, or an organization id such as "eu".',
  })
  participant!: string;

  @Field(() => ParticipantType, {
    nullable: true,
    defaultValue: ParticipantType.STATE,
    description: 'Default STATE.',
  })
  participantType?: ParticipantType;

  @Field(() => TreatyActionType, { description: 'What was done.' })
  action!: TreatyActionType;

  @Field(() => DateScalar, { description: 'When: the date of signature or deposit.' })
  date!: string;

  @Field(() => ParticipationStatus, {
    nullable: true,
    description: 'Required with STATUS_CONFIRMED (PARTY or SIGNED); refused otherwise.',
  })
  confirmedStatus?: ParticipationStatus;

  @Field(() => String, { description: 'The source: a depositary notification, a gazette …' })
  source!: string;

  @Field(() => Confidence, { description: 'Whether it was checked against that source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Notes (at most 2,000 characters).' })
  notes?: string;
}
