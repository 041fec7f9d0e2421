import { Field, ID, InputType, Int } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { CountryCodeScalar, DateScalar } from '../../schema/scalars.js';
import { MAX_NAME, MAX_SUMMARY } from './case-law.validation.js';

@InputType({ description: 'Tags of a case: codes from each code list.' })
class CaseTagsInput {
  @Field(() => [String], { nullable: true, description: 'SHERLOC crime type codes.' })
  crimeTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'Offence category codes ("BC-2").' })
  offenceCategories?: string[];

  @Field(() => [String], { nullable: true, description: 'Cross-cutting issue codes.' })
  crossCuttingIssues?: string[];

  @Field(() => [ID], { nullable: true, description: 'Ids of the laws applied or reviewed.' })
  legislationIds?: string[];
}

@InputType({
  description:
    'A new court decision. A focal point may propose decisions concerning its own State.',
})
export class CreateCaseLawInput extends CaseTagsInput {
  @Field(() => [CountryCodeScalar], {
    description: 'The States concerned (ISO alpha-3); for a regional court, the respondent States.',
  })
  countryIso3s!: string[];

  @Field(() => String, { description: `The court (1–${MAX_NAME} characters).` })
  court!: string;

  @Field(() => String, { description: 'NATIONAL or REGIONAL.' })
  jurisdictionLevel!: string;

  @Field(() => String, { description: 'Published case name.' })
  caseName!: string;

  @Field(() => String, { nullable: true, description: 'Case or application number.' })
  caseNumber?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Decision date, where sources agree.' })
  decisionDate?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Year of the decision (taken from `decisionDate` when omitted).',
  })
  year?: number;

  @Field(() => String, {
    description: `A short neutral summary of facts and holding written by the curator (1–${MAX_SUMMARY} characters); no personal data.`,
  })
  factSummary!: string;

  @Field(() => String, { description: 'The source: official report or URL.' })
  source!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Terms of use of the source, where it states them; omit when not known.',
  })
  licence?: string;

  @Field(() => Confidence, {
    nullable: true,
    description: 'VERIFIED only if checked against the source (default TO_VERIFY).',
  })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a court decision; omitted fields stay as they are.' })
export class UpdateCaseLawInput extends CaseTagsInput {
  @Field(() => [CountryCodeScalar], { nullable: true, description: 'The States concerned.' })
  countryIso3s?: string[];

  @Field(() => String, { nullable: true, description: 'The court.' })
  court?: string;

  @Field(() => String, { nullable: true, description: 'NATIONAL or REGIONAL.' })
  jurisdictionLevel?: string;

  @Field(() => String, { nullable: true, description: 'Published case name.' })
  caseName?: string;

  @Field(() => String, { nullable: true, description: 'Case or application number.' })
  caseNumber?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Decision date.' })
  decisionDate?: string;

  @Field(() => Int, { nullable: true, description: 'Year of the decision.' })
  year?: number;

  @Field(() => String, { nullable: true, description: 'Neutral summary of facts and holding.' })
  factSummary?: string;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'Terms of use of the source.' })
  licence?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}
