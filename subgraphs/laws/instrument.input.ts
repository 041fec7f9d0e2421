import { Field, InputType } from 'type-graphql';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';
import { ParticipationStatus } from './instrument.entity.js';

@InputType({ description: 'Selects participation rows; all given conditions must hold.' })
export class ParticipationFilter {
  @Field(() => String, { description: 'Rows of this instrument, such as "CETS-185".' })
  instrument!: string;

  @Field(() => ParticipationStatus, { nullable: true, description: 'Only this status.' })
  status?: ParticipationStatus;

  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Only these States. With `region`, the States in both.',
  })
  countryIso3s?: string[];

  @Field(() => M49CodeScalar, {
    nullable: true,
    description:
      'Only States in this M49 region, sub-region or intermediate region, such as "002" (Africa) or "014" (Eastern Africa); organizations are in no region.',
  })
  region?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Only participants with no row (neither signature nor consent) for this other instrument, such as "UNCC-2024".',
  })
  withoutInstrument?: string;
}
