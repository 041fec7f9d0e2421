import { Field, InputType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { CountryCodeScalar, DecimalScalar, UrlScalar } from '../../schema/scalars.js';

@InputType({ description: 'A published index value to record, with its source.' })
export class RecordCapabilityIndicatorInput {
  @Field(() => CountryCodeScalar, { description: 'The country (ISO alpha-3).' })
  countryIso3!: string;

  @Field(() => String, { description: 'The index, 1–100 characters.' })
  indexName!: string;

  @Field(() => String, { description: 'The edition, 1–20 characters.' })
  edition!: string;

  @Field(() => String, { description: 'The pillar, 1–100 characters; "Overall" for the total.' })
  pillar!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The score; needs `scoreMax`.' })
  score?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The top of the score scale.' })
  scoreMax?: string | null;

  @Field(() => String, { nullable: true, description: 'The tier, 1–40 characters.' })
  tier?: string | null;

  @Field(() => UrlScalar, { description: 'Where the value is published.' })
  sourceUrl!: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence | null;

  @Field(() => String, { nullable: true, description: 'Caveats, at most 2,000 characters.' })
  notes?: string | null;
}

@InputType({
  description:
    'A correction of a recorded value: the whole value as it should read (score, tier, source), with why.',
})
export class CorrectCapabilityIndicatorInput {
  @Field(() => DecimalScalar, { nullable: true, description: 'The score; needs `scoreMax`.' })
  score?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The top of the score scale.' })
  scoreMax?: string | null;

  @Field(() => String, { nullable: true, description: 'The tier, 1–40 characters.' })
  tier?: string | null;

  @Field(() => UrlScalar, { description: 'Where the corrected value is published.' })
  sourceUrl!: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence | null;

  @Field(() => String, { nullable: true, description: 'Caveats, at most 2,000 characters.' })
  notes?: string | null;

  @Field(() => String, { description: 'Why it is corrected, 1–1,000 characters (audited).' })
  reason!: string;
}
