import { Field, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../schema/pagination.js';
import { LegalProvision, Legislation } from './legislation.entity.js';

@ObjectType('ProvisionSearchHit', { description: 'A provision found by a search.' })
export class ProvisionSearchHit {
  @Field(() => LegalProvision, { description: 'The provision.' })
  provision!: LegalProvision;

  @Field(() => Int, { description: 'Text rank × 1,000,000 (0 without a search text).' })
  rank!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Label and summary as HTML-safe text (escaped) with matches in <mark>…</mark>; null without a search text.',
  })
  snippet!: string | null;
}

@ObjectType('LegislationSearchHit', { description: 'A law found by a search.' })
export class LegislationSearchHit {
  @Field(() => Legislation, { description: 'The law.' })
  legislation!: Legislation;

  @Field(() => Int, { description: 'Text rank × 1,000,000 (0 without a search text).' })
  rank!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Title and notes as HTML-safe text (escaped) with matches in <mark>…</mark>; null without a search text.',
  })
  snippet!: string | null;
}

export const { Connection: ProvisionSearchConnection } = connectionTypes<ProvisionSearchHit>(
  ProvisionSearchHit,
  'ProvisionSearchHit',
);
export const { Connection: LegislationSearchConnection } = connectionTypes<LegislationSearchHit>(
  LegislationSearchHit,
  'LegislationSearchHit',
);
