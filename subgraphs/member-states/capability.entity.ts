import { Field, ID, ObjectType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { DecimalScalar, UrlScalar } from '../../schema/scalars.js';

@ObjectType({
  description:
    'One published value of a national cyber-capability index for one country (such as a pillar score of the ITU Global Cybersecurity Index), recorded by an editor with its source. None are seeded: the data pack holds no index values, and none are invented.',
})
export class CapabilityIndicator {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'The index, such as "ITU Global Cybersecurity Index".' })
  indexName!: string;

  @Field(() => String, { description: 'The edition, as the index names it, such as "2024".' })
  edition!: string;

  @Field(() => String, {
    description: 'The pillar or dimension, such as "Legal measures"; "Overall" for the total.',
  })
  pillar!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The score, as published.' })
  score!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The highest score possible on that scale (with `score`).',
  })
  scoreMax!: string | null;

  @Field(() => String, { nullable: true, description: 'The tier or band, such as "Tier 2".' })
  tier!: string | null;

  @Field(() => UrlScalar, { description: 'Where the value is published.' })
  sourceUrl!: string;

  @Field(() => Confidence, { description: 'Whether the value was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Caveats.' })
  notes!: string | null;

  /** The country it describes; reached from `Country.capabilityIndicators`. */
  countryIso3!: string;
}
