import { Field, InputType, Int } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { MAX_SUMMARY } from './case-law.validation.js';

@InputType({ description: 'Tags of a lesson-learned source.' })
class LessonTagsInput {
  @Field(() => [String], {
    nullable: true,
    description:
      'Lesson categories: legislation, investigation, e-evidence, cooperation, private sector, prevention, capacity building, victims.',
  })
  categories?: string[];

  @Field(() => [String], { nullable: true, description: 'SHERLOC crime type codes.' })
  crimeTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'Offence category codes ("BC-2").' })
  offenceCategories?: string[];
}

@InputType({
  description:
    'A new lesson-learned source. A focal point may propose sources of its own State only; regional sources (no State) are for editors.',
})
export class CreateLessonLearnedInput extends LessonTagsInput {
  @Field(() => CountryCodeScalar, { nullable: true, description: 'The State, if national.' })
  countryIso3?: string;

  @Field(() => String, { description: 'Title of the source document.' })
  title!: string;

  @Field(() => String, {
    description: 'CYBERCRIME_PLAN, CYBERSECURITY_STRATEGY, REPORT or OTHER.',
  })
  documentType!: string;

  @Field(() => Int, { nullable: true, description: 'Year.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date, if known.' })
  publishedOn?: string;

  @Field(() => String, { nullable: true, description: 'Issuing body.' })
  issuingBody?: string;

  @Field(() => String, {
    description: `What the document says on cybercrime, written by the curator (1–${MAX_SUMMARY} characters).`,
  })
  summary!: string;

  @Field(() => String, { description: 'The source: the document or its official page.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Terms of use of the source, where it states them; omit when not known.',
  })
  licence?: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a lesson-learned source; omitted fields stay as they are.' })
export class UpdateLessonLearnedInput extends LessonTagsInput {
  @Field(() => String, { nullable: true, description: 'Title of the source document.' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Document type.' })
  documentType?: string;

  @Field(() => Int, { nullable: true, description: 'Year.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date.' })
  publishedOn?: string;

  @Field(() => String, { nullable: true, description: 'Issuing body.' })
  issuingBody?: string;

  @Field(() => String, { nullable: true, description: 'What it says on cybercrime.' })
  summary?: string;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'Terms of use of the source.' })
  licence?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}
