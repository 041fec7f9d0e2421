import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { throwIfInvalid } from '../../schema/validation.js';
import { runReview, runWrite } from '../../schema/writes.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import { ActivityInput } from './activity.input.js';
import {
  activityReferenceProblems,
  insertActivity,
  lockActivity,
  setActivityReview,
  toActivityRow,
  updateActivity,
} from './activity.repository.js';
import {
  activityLinkProblems,
  activityProblems,
  answeredRequestProblems,
} from './activity.validation.js';
import {
  assertImplements,
  canSeeRequest,
  changedActivity,
  submissionOf,
} from './assistance.access.js';
import { ASSISTANCE_CACHE } from './assistance.loaders.js';
import type { AssistanceContext } from './context.js';

const ENTITY = 'TechnicalAssistanceActivity';

const purge = (id: string) => ({
  keys: [ASSISTANCE_CACHE.activityById.key(id)],
  tags: [ENTITY, `${ENTITY}:${id}`],
});

/** Every problem of the input at once (BAD_USER_INPUT): its own, then its references. */
async function checkActivity(ctx: AssistanceContext, input: ActivityInput): Promise<void> {
  const problems = [
    ...activityProblems(input),
    ...(await activityReferenceProblems(ctx.db, input)),
    ...activityLinkProblems(input),
  ];
  if (input.requestId) {
    const request = await ctx.loaders.requestById.load(input.requestId);
    const visible = request && canSeeRequest(ctx.viewer, request) ? request : undefined;
    problems.push(...answeredRequestProblems(input.requestId, visible, input.beneficiaryCountries));
  }
  throwIfInvalid(problems);
}

async function reload(ctx: AssistanceContext, id: string): Promise<TechnicalAssistanceActivity> {
  return found(await ctx.loaders.activityById.load(id), ENTITY, id, 'id');
}

@Resolver(() => TechnicalAssistanceActivity)
export class ActivityWriteResolver {
  @Authorized('editor', 'partner')
  @Mutation(() => TechnicalAssistanceActivity, {
    description:
      'Records an activity. An editor’s is PUBLISHED; a partner’s (one it implements) waits as PENDING_REVIEW.',
  })
  async recordActivity(
    @Arg('input', () => ActivityInput, {
      description:
        'The activity to record; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: ActivityInput,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    assertImplements(ctx.viewer, input.implementerIds);
    await checkActivity(ctx, input);
    const row = toActivityRow(`act-${randomUUID()}`, input, submissionOf(ctx.viewer));
    const action = row.review_status === ReviewStatus.PUBLISHED ? 'CREATE' : 'SUBMIT';
    await runWrite(ctx, async (trx) => {
      await insertActivity(trx, row);
      return {
        result: row.id,
        audit: [{ entityType: ENTITY, entityId: row.id, action, before: null, after: row }],
        invalidate: purge(row.id),
      };
    });
    return reload(ctx, row.id);
  }

  @Authorized('editor', 'partner')
  @Mutation(() => TechnicalAssistanceActivity, {
    description:
      'Replaces an activity’s facts; the review state stays (editors publish through reviewActivity). A partner updates only its own organisation’s submissions while they wait for review (PENDING_REVIEW or REJECTED, and then wait again), and must stay among the implementers; a published activity changes through an editor only.',
  })
  async updateActivity(
    @Arg('id', () => String, { description: 'The activity.' }) id: string,
    @Arg('input', () => ActivityInput, {
      description: 'The activity’s new values, all of them: it is replaced as a whole.',
    })
    input: ActivityInput,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    assertImplements(ctx.viewer, input.implementerIds);
    await checkActivity(ctx, input);
    const row = toActivityRow(id, input, submissionOf(ctx.viewer));
    await runWrite(ctx, async (trx) => {
      const before = await lockActivity(trx, id);
      const kept = changedActivity(ctx.viewer, before, id, row);
      await updateActivity(trx, id, kept);
      return {
        result: id,
        audit: [{ entityType: ENTITY, entityId: id, action: 'UPDATE', before, after: kept }],
        invalidate: purge(id),
      };
    });
    return reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => TechnicalAssistanceActivity, {
    description: 'Publishes, rejects or archives an activity (nothing is deleted). Editors only.',
  })
  async reviewActivity(
    @Arg('id', () => String, { description: 'The activity.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity> {
    await runReview(ctx, {
      entityType: ENTITY,
      id,
      decision,
      lock: (trx) => lockActivity(trx, id),
      set: (trx) => setActivityReview(trx, id, decision),
      invalidate: () => purge(id),
    });
    return reload(ctx, id);
  }
}
