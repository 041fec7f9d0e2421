import { Field, ID, InputType, Int } from 'type-graphql';
import { Confidence } from '../../schema/common-types.js';
import { CountryCodeScalar, DateScalar, UrlScalar } from '../../schema/scalars.js';
import { LegislationStatus, LegislationType } from './legislation.entity.js';
import { MAX_TITLE } from './legislation.validation.js';

@InputType({ description: 'A new law. A focal point may submit laws of its own country only.' })
export class CreateLegislationInput {
  @Field(() => CountryCodeScalar, { description: 'ISO alpha-3 code of the enacting State.' })
  countryIso3!: string;

  @Field(() => String, { description: `Title in English (1–${MAX_TITLE} characters).` })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle?: string;

  @Field(() => String, { nullable: true, description: 'Original language (ISO 639-1).' })
  originalLanguage?: string;

  @Field(() => LegislationType, { description: 'Kind of instrument.' })
  type!: LegislationType;

  @Field(() => Int, { nullable: true, description: 'Year of the law.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date.' })
  adoptedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'In force since.' })
  inForceOn?: string;

  @Field(() => LegislationStatus, { description: 'Legal status.' })
  status!: LegislationStatus;

  @Field(() => UrlScalar, { nullable: true, description: 'Where the text can be read.' })
  documentUrl?: string;

  @Field(() => String, { description: 'The source: gazette reference or official URL.' })
  source!: string;

  @Field(() => Confidence, {
    nullable: true,
    description: 'VERIFIED only if checked against the source (default TO_VERIFY).',
  })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;

  @Field(() => [ID], { nullable: true, description: 'Ids of laws this one amends or replaces.' })
  amends?: string[];
}

@InputType({
  description:
    'What a curator adds when promoting a catalogue entry to a curated record: the facts the catalogue does not give (type, status), read from the source named.',
})
export class PromoteCatalogueEntryInput {
  @Field(() => String, {
    nullable: true,
    description: 'Title in English; omit to keep the title as listed.',
  })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle?: string;

  @Field(() => String, { nullable: true, description: 'Original language (ISO 639-1).' })
  originalLanguage?: string;

  @Field(() => LegislationType, { description: 'Kind of instrument.' })
  type!: LegislationType;

  @Field(() => Int, { nullable: true, description: 'Year of the law.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date.' })
  adoptedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'In force since.' })
  inForceOn?: string;

  @Field(() => LegislationStatus, { description: 'Legal status.' })
  status!: LegislationStatus;

  @Field(() => UrlScalar, {
    nullable: true,
    description: 'Where the text can be read; omit to keep the catalogue link.',
  })
  documentUrl?: string;

  @Field(() => String, {
    description:
      'The source the curator read (gazette reference or official URL); the catalogue listing stays as a second source.',
  })
  source!: string;

  @Field(() => Confidence, {
    nullable: true,
    description: 'VERIFIED only if checked against the source (default TO_VERIFY).',
  })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;
}

@InputType({ description: 'Changes to a law; omitted fields stay as they are.' })
export class UpdateLegislationInput {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'Title in the original language.' })
  originalTitle?: string;

  @Field(() => String, { nullable: true, description: 'Original language (ISO 639-1).' })
  originalLanguage?: string;

  @Field(() => LegislationType, { nullable: true, description: 'Kind of instrument.' })
  type?: LegislationType;

  @Field(() => Int, { nullable: true, description: 'Year of the law.' })
  year?: number;

  @Field(() => DateScalar, { nullable: true, description: 'Adoption date.' })
  adoptedOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'In force since.' })
  inForceOn?: string;

  @Field(() => LegislationStatus, {
    nullable: true,
    description: 'Legal status; REPEALED records a repeal (nothing is deleted).',
  })
  status?: LegislationStatus;

  @Field(() => UrlScalar, { nullable: true, description: 'Where the text can be read.' })
  documentUrl?: string;

  @Field(() => String, { nullable: true, description: 'The source.' })
  source?: string;

  @Field(() => Confidence, { nullable: true, description: 'Whether checked against the source.' })
  confidence?: Confidence;

  @Field(() => String, { nullable: true, description: 'Curator notes.' })
  notes?: string;

  @Field(() => DateScalar, { nullable: true, description: 'When a curator last checked it.' })
  lastVerifiedOn?: string;

  @Field(() => [ID], { nullable: true, description: 'Ids of laws this one amends or replaces.' })
  amends?: string[];
}
