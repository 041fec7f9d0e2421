import { Field, ID, InputType, Int } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { MAX_SUMMARY } from './provision.validation.js';

@InputType({ description: 'Tags of a provision: codes from each code list.' })
class ProvisionTagsInput {
  @Field(() => [String], { nullable: true, description: 'Offence category codes ("BC-2").' })
  offenceCategories?: string[];

  @Field(() => [String], { nullable: true, description: 'Procedural power codes.' })
  proceduralPowers?: string[];

  @Field(() => [String], { nullable: true, description: 'Cooperation mechanism codes.' })
  cooperationMechanisms?: string[];

  @Field(() => [String], { nullable: true, description: 'Cross-cutting issue codes.' })
  crossCuttingIssues?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Aligned treaty articles as "<instrument code>:<article>" ("CETS-185:2").',
  })
  instrumentArticles?: string[];
}

@InputType({ description: 'A new provision of a law.' })
export class CreateProvisionInput extends ProvisionTagsInput {
  @Field(() => ID, { description: 'The law it belongs to.' })
  legislationId!: string;

  @Field(() => String, { description: 'Article or section label as in the law ("s. 1").' })
  label!: string;

  @Field(() => String, {
    description: `One neutral line on what it criminalises or provides (1–${MAX_SUMMARY} characters); not the statutory text.`,
  })
  summary!: string;

  @Field(() => Int, { nullable: true, description: 'Position in the law (default: last).' })
  sortOrder?: number;

  @Field(() => String, { description: 'The source.' })
  source!: string;

  @Field(() => Confidence, { nullable: true, description: 'Default TO_VERIFY.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a provision; omitted fields stay as they are.' })
export class UpdateProvisionInput extends ProvisionTagsInput {
  @Field(() => String, { nullable: true, description: 'Label as in the law.' })
  label?: string;

  @Field(() => String, { nullable: true, description: 'One neutral line; not the statute.' })
  summary?: string;

  @Field(() => Int, { nullable: true, description: 'Position in the law.' })
  sortOrder?: number;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}
