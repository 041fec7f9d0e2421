import { Field, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../schema/pagination.js';
import { CaseLaw, LessonLearned } from './case-law.entity.js';

@ObjectType('CaseLawSearchHit', { description: 'A court decision found by a search.' })
export class CaseLawSearchHit {
  @Field(() => CaseLaw, { description: 'The decision.' })
  caseLaw!: CaseLaw;

  @Field(() => Int, { description: 'Text rank × 1,000,000 (0 without a search text).' })
  rank!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Case name and summary as HTML-safe text (escaped) with matches in <mark>…</mark>; null without a search text.',
  })
  snippet!: string | null;
}

@ObjectType('LessonLearnedSearchHit', { description: 'A lesson-learned source found by a search.' })
export class LessonLearnedSearchHit {
  @Field(() => LessonLearned, { description: 'The lesson-learned source.' })
  lesson!: LessonLearned;

  @Field(() => Int, { description: 'Text rank × 1,000,000 (0 without a search text).' })
  rank!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Title and summary as HTML-safe text (escaped) with matches in <mark>…</mark>; null without a search text.',
  })
  snippet!: string | null;
}

export const { Connection: CaseLawSearchConnection } = connectionTypes<CaseLawSearchHit>(
  CaseLawSearchHit,
  'CaseLawSearchHit',
);
export const { Connection: LessonLearnedSearchConnection } =
  connectionTypes<LessonLearnedSearchHit>(LessonLearnedSearchHit, 'LessonLearnedSearchHit');
