import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { runReview, runWrite } from '../../schema/writes.js';
import { CaseLaw } from './case-law.entity.js';
import { CreateCaseLawInput, UpdateCaseLawInput } from './case-law.input.js';
import {
  findCaseForUpdate,
  insertCase,
  lockCaseForReview,
  setCaseReviewStatus,
  toCaseChanges,
  toCaseRow,
  updateCase,
} from './case-law.repository.js';
import { validateCase } from './case-law.validation.js';
import type { LawsContext } from './context.js';
import {
  assertMayChangeCase,
  assertMayProposeCase,
  assertVisibleLaws,
  changedStatus,
  createAction,
  createdStatus,
} from './laws.access.js';
import { allCodeEntries, casePurge } from './laws.loaders.js';

// Court decisions, written as laws are: editors create, change and review directly; a State's
// focal point proposes decisions concerning its own State, which wait in PENDING_REVIEW, unseen
// by the public, until an editor publishes (PUBLISHED), rejects (REJECTED) or withdraws
// (ARCHIVED) them through the kernel's `runReview`. Every write goes through `runWrite`: one
// transaction with its audit entries, then the purge (`casePurge`).

@Resolver()
export class CaseLawWriteResolver {
  @Authorized('editor', 'state_focal_point')
  @Mutation(() => CaseLaw, {
    description:
      'Adds a court decision. Editors publish at once; a focal point proposes a decision concerning its own State, which waits in PENDING_REVIEW, unseen by the public, until an editor reviews it. Audited.',
  })
  async createCaseLaw(
    @Arg('input', () => CreateCaseLawInput, { description: 'The decision to record.' })
    input: CreateCaseLawInput,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    assertMayProposeCase(ctx.viewer, input.countryIso3s);
    const values = validateCase(input, true, await allCodeEntries(ctx));
    await assertVisibleLaws(ctx, values.legislationIds, 'input.legislationIds');
    const row = toCaseRow(values, createdStatus(ctx.viewer));
    return runWrite(ctx, async (trx) => {
      const created = await insertCase(trx, row);
      return {
        result: created,
        audit: [
          {
            entityType: 'CaseLaw',
            entityId: created.id,
            action: createAction(ctx.viewer),
            before: null,
            after: created,
          },
        ],
        invalidate: casePurge(created),
      };
    });
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => CaseLaw, {
    description:
      'Changes a court decision. A focal point may change its own State’s proposals that are not yet published; the change waits for review. Audited.',
  })
  async updateCaseLaw(
    @Arg('id', () => ID, { description: 'The decision.' }) id: string,
    @Arg('input', () => UpdateCaseLawInput, {
      description: 'The fields to change; omitted fields keep their value.',
    })
    input: UpdateCaseLawInput,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    const values = validateCase(input, false, await allCodeEntries(ctx));
    await assertVisibleLaws(ctx, values.legislationIds, 'input.legislationIds');
    return runWrite(ctx, async (trx) => {
      const before = await findCaseForUpdate(trx, id);
      if (!before) {
        throw notFound('CaseLaw', id, 'id');
      }
      assertMayChangeCase(ctx.viewer, before, values.countryIso3s);
      const after = await updateCase(trx, id, toCaseChanges(values, changedStatus(ctx.viewer)));
      return {
        result: after,
        audit: [{ entityType: 'CaseLaw', entityId: id, action: 'UPDATE', before, after }],
        invalidate: casePurge(after, before),
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => CaseLaw, {
    description:
      'An editor’s decision on a court decision: PUBLISHED accepts a proposal, REJECTED refuses it (kept for the audit trail, never public), ARCHIVED withdraws a record (kept for history, hidden from all but editors). Nothing is deleted. Editors only; audited.',
  })
  async reviewCaseLaw(
    @Arg('id', () => ID, { description: 'The decision.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: LawsContext,
  ): Promise<CaseLaw> {
    await runReview(ctx, {
      entityType: 'CaseLaw',
      id,
      decision,
      lock: (trx) => lockCaseForReview(trx, id),
      set: (trx) => setCaseReviewStatus(trx, id, decision),
      invalidate: (locked) => casePurge(locked.record),
    });
    ctx.loaders.caseById.clear(id);
    return found(await ctx.loaders.caseById.load(id), 'CaseLaw', id, 'id');
  }
}
