import { Field, InputType, Int } from 'type-graphql';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';
import { LegislationKind, LegislationStatus } from './legislation.entity.js';

@InputType({
  description: 'Narrows a search of laws or provisions; all given conditions must hold.',
})
export class LawSearchFilter {
  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Only these States (ISO alpha-3). With `region`, the States in both.',
  })
  countryIso3s?: string[];

  @Field(() => M49CodeScalar, {
    nullable: true,
    description:
      'Only States in this M49 region, sub-region or intermediate region, such as "002" (Africa) or "014" (Eastern Africa).',
  })
  region?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Only laws whose text is in one of these languages (ISO 639-1, such as "fr"): for catalogue entries, the language the listed title names.',
  })
  languages?: string[];

  @Field(() => [LegislationKind], {
    nullable: true,
    description: 'Only curated records, or only catalogue entries.',
  })
  kinds?: LegislationKind[];

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with this offence category code (for laws: any of its provisions).',
  })
  offenceCategory?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with any offence category of this crosswalk concept, in any scheme.',
  })
  concept?: string;

  @Field(() => String, { nullable: true, description: 'Tagged with this procedural power code.' })
  proceduralPower?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Aligned with an article of this instrument, such as "CETS-185".',
  })
  instrument?: string;

  @Field(() => [LegislationStatus], { nullable: true, description: 'Law status is one of these.' })
  statuses?: LegislationStatus[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Shorthand for statuses [IN_FORCE, AMENDED]; ignored when `statuses` is given.',
  })
  inForce?: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'In force from this year on: the in-force year where recorded, else the year of the law.',
  })
  inForceFromYear?: number;

  @Field(() => Int, { nullable: true, description: 'In force by this year (same rule).' })
  inForceToYear?: number;
}
