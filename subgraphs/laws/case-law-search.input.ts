import { Field, InputType, Int } from 'type-graphql';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';

@InputType({
  description: 'Narrows a list of cases or lessons learned; all given conditions must hold.',
})
export class CaseLawFilter {
  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description:
      'Only records concerning one of these States (ISO alpha-3). With `region`, the States in both.',
  })
  countryIso3s?: string[];

  @Field(() => M49CodeScalar, {
    nullable: true,
    description:
      'Only records concerning a State in this M49 region, sub-region or intermediate region, such as "002" (Africa) or "014" (Eastern Africa).',
  })
  region?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with this offence category code, such as "BC-2".',
  })
  offenceCategory?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with this SHERLOC crime type code, such as "CYBERCRIME".',
  })
  crimeType?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'From this year on: the year of the record, else the year of its date.',
  })
  fromYear?: number;

  @Field(() => Int, { nullable: true, description: 'Up to this year (same rule).' })
  toYear?: number;
}

@InputType({ description: 'Narrows a list of lessons learned; all given conditions must hold.' })
export class LessonLearnedFilter extends CaseLawFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Tagged with any of these lesson categories, such as "investigation".',
  })
  categories?: string[];
}
