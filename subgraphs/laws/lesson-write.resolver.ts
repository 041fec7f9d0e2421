import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { runReview, runWrite } from '../../schema/writes.js';
import { LessonLearned } from './case-law.entity.js';
import type { LawsContext } from './context.js';
import {
  assertMayChangeLesson,
  assertMayProposeLesson,
  changedStatus,
  createAction,
  createdStatus,
} from './laws.access.js';
import { allCodeEntries, lessonPurge } from './laws.loaders.js';
import { CreateLessonLearnedInput, UpdateLessonLearnedInput } from './lesson.input.js';
import {
  findLessonForUpdate,
  insertLesson,
  lockLessonForReview,
  setLessonReviewStatus,
  toLessonChanges,
  toLessonRow,
  updateLesson,
} from './lesson.repository.js';
import { validateLessonChanges, validateNewLesson } from './lesson.validation.js';

// Lessons learned, written as court decisions are (./case-law-write.resolver.ts); a regional
// source (no State) is for editors only.

@Resolver()
export class LessonLearnedWriteResolver {
  @Authorized('editor', 'state_focal_point')
  @Mutation(() => LessonLearned, {
    description:
      'Adds a lesson-learned source. Editors publish at once; a focal point proposes a source of its own State, which waits in PENDING_REVIEW until an editor reviews it. Audited.',
  })
  async createLessonLearned(
    @Arg('input', () => CreateLessonLearnedInput, { description: 'The lesson to record.' })
    input: CreateLessonLearnedInput,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    assertMayProposeLesson(ctx.viewer, input.countryIso3);
    const values = validateNewLesson(input, await allCodeEntries(ctx));
    const row = toLessonRow(values, createdStatus(ctx.viewer));
    return runWrite(ctx, async (trx) => {
      const created = await insertLesson(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'LessonLearned',
            entityId: created.id,
            action: createAction(ctx.viewer),
            before: null,
            after: created,
          },
        ],
        invalidate: lessonPurge(created),
      };
    });
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => LessonLearned, {
    description:
      'Changes a lesson-learned source. A focal point may change its own State’s proposals that are not yet published; the change waits for review. Audited.',
  })
  async updateLessonLearned(
    @Arg('id', () => ID, { description: 'The lesson-learned source.' }) id: string,
    @Arg('input', () => UpdateLessonLearnedInput, {
      description: 'The fields to change; omitted fields keep their value.',
    })
    input: UpdateLessonLearnedInput,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    const values = validateLessonChanges(input, await allCodeEntries(ctx));
    return runWrite(ctx, async (trx) => {
      const before = await findLessonForUpdate(trx, id);
      if (!before) {
        throw notFound('LessonLearned', id, 'id');
      }
      assertMayChangeLesson(ctx.viewer, before);
      const after = await updateLesson(trx, id, toLessonChanges(values, changedStatus(ctx.viewer)));
      return {
        result: after,
        audit: [{ entityType: 'LessonLearned', entityId: id, action: 'UPDATE', before, after }],
        invalidate: lessonPurge(after, before),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => LessonLearned, {
    description:
      'An editor’s decision on a lesson-learned source: PUBLISHED accepts a proposal, REJECTED refuses it, ARCHIVED withdraws a record (kept for history). Nothing is deleted. Editors only; audited.',
  })
  async reviewLessonLearned(
    @Arg('id', () => ID, { description: 'The lesson-learned source.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned> {
    await runReview(ctx, {
      entityType: 'LessonLearned',
      id,
      decision,
      lock: (trx) => lockLessonForReview(trx, id),
      set: (trx) => setLessonReviewStatus(trx, id, decision),
      invalidate: (locked) => lessonPurge(locked.record),
    });
    ctx.loaders.lessonById.clear(id);
    return found(await ctx.loaders.lessonById.load(id), 'LessonLearned', id, 'id');
  }
}
