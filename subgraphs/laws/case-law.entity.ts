import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';

@ObjectType('CaseLaw', { description: 'A court decision on cybercrime law (real and cited).' })
@Directive('@key(fields: "id")')
export class CaseLaw {
  @Field(() => ID, { description: 'Stable slug: the key.' })
  id!: string;

  @Field(() => [CountryCodeScalar], {
    description: 'The State concerned; for a regional court, the respondent or referring States.',
  })
  countryIso3s!: string[];

  @Field(() => String, { description: 'The court.' })
  court!: string;

  @Field(() => String, { description: 'NATIONAL or REGIONAL.' })
  jurisdictionLevel!: string;

  @Field(() => String, { description: 'Published case name.' })
  caseName!: string;

  @Field(() => String, { nullable: true, description: 'Case or application number.' })
  caseNumber!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Decision date; null where sources disagree.',
  })
  decisionDate!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of the decision.' })
  year!: number | null;

  @Field(() => String, { description: 'Short neutral summary of facts and holding.' })
  factSummary!: string;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Terms of use of the record’s source, where the source states them; null where not known.',
  })
  licence!: string | null;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;

  @Field(() => ReviewStatus, {
    description:
      'Editorial state: a focal point’s proposal waits in PENDING_REVIEW until an editor reviews it; `public` sees PUBLISHED only.',
  })
  reviewStatus!: ReviewStatus;

  crimeTypeCodes!: string[];
  offenceCategoryCodes!: string[];
  crossCuttingIssueCodes!: string[];
  legislationIds!: string[];
}

@ObjectType('LessonLearned', {
  description:
    'A lesson-learned source: a national cybercrime plan or strategy, with what it says on cybercrime.',
})
@Directive('@key(fields: "id")')
export class LessonLearned {
  @Field(() => ID, { description: 'Stable slug: the key.' })
  id!: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'The State, if national.' })
  countryIso3!: string | null;

  @Field(() => String, { description: 'Title of the source document.' })
  title!: string;

  @Field(() => String, { description: 'CYBERCRIME_PLAN or CYBERSECURITY_STRATEGY.' })
  documentType!: string;

  @Field(() => Int, { nullable: true, description: 'Year.' })
  year!: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Publication date, if known.' })
  publishedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Issuing body.' })
  issuingBody!: string | null;

  @Field(() => [String], {
    description:
      'Lesson categories (legislation, investigation, cooperation, prevention, victims …): project tagging.',
  })
  categories!: string[];

  @Field(() => String, { description: 'What the document says on cybercrime.' })
  summary!: string;

  @Field(() => String, { description: 'The sources of this record.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Terms of use of the record’s source, where the source states them; null where not known.',
  })
  licence!: string | null;

  @Field(() => Confidence, { description: 'Whether the record was checked against its source.' })
  confidence!: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes!: string | null;

  @Field(() => ReviewStatus, {
    description:
      'Editorial state: a focal point’s proposal waits in PENDING_REVIEW until an editor reviews it; `public` sees PUBLISHED only.',
  })
  reviewStatus!: ReviewStatus;

  crimeTypeCodes!: string[];
  offenceCategoryCodes!: string[];
}
