import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows `Country.provisions`; all given conditions must hold.' })
export class CountryProvisionFilter {
  @Field(() => String, { nullable: true, description: 'Tagged with this offence category code.' })
  offenceCategory?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with any offence category mapped to this crosswalk concept.',
  })
  concept?: string;

  @Field(() => String, { nullable: true, description: 'Tagged with this procedural power code.' })
  proceduralPower?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only provisions of laws in force (IN_FORCE or AMENDED); false: only others.',
  })
  inForce?: boolean;
}
