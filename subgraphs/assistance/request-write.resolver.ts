import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { isEditor } from '../../schema/access.js';
import { found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { DateScalar } from '../../schema/scalars.js';
import { throwIfInvalid } from '../../schema/validation.js';
import { runReview, runWrite } from '../../schema/writes.js';
import {
  assertFilesFor,
  assertMayChangeRequest,
  filedBy,
  reviewStatusAfterChange,
  submissionOf,
} from './assistance.access.js';
import { ASSISTANCE_CACHE } from './assistance.loaders.js';
import { RequestStatus } from './codes.model.js';
import type { AssistanceContext } from './context.js';
import { unknownIdProblem } from './known.repository.js';
import { AssistanceRequest } from './request.entity.js';
import { AssistanceRequestInput, AssistanceRequestUpdate } from './request.input.js';
import {
  insertRequest,
  lastStatusChange,
  lockRequest,
  moveRequest,
  setRequestReview,
  toRequestChanges,
  toRequestRow,
  updateRequest,
} from './request.repository.js';
import { moveProblems, requestProblems, requestUpdateProblems } from './request.validation.js';

const ENTITY = 'AssistanceRequest';

const purge = (id: string) => ({
  keys: [ASSISTANCE_CACHE.requestById.key(id)],
  tags: [ENTITY, `${ENTITY}:${id}`],
});

async function reload(ctx: AssistanceContext, id: string): Promise<AssistanceRequest> {
  // Another mutation of the same operation may have loaded it before this write.
  ctx.loaders.requestById.clear(id);
  return found(await ctx.loaders.requestById.load(id), ENTITY, id, 'id');
}

@Resolver(() => AssistanceRequest)
export class RequestWriteResolver {
  @Authorized('editor', 'state_focal_point')
  @Mutation(() => AssistanceRequest, {
    description:
      'Files a request, RECEIVED on `receivedOn`. An editor’s is PUBLISHED; a focal point’s (own country only) waits as PENDING_REVIEW.',
  })
  async fileAssistanceRequest(
    @Arg('input', () => AssistanceRequestInput, {
      description:
        'The assistance request to file; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: AssistanceRequestInput,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest> {
    assertFilesFor(ctx.viewer, input.country);
    throwIfInvalid([
      ...(await unknownIdProblem(
        ctx.db,
        'country',
        'input.country',
        input.country,
        'UN Member or observer State',
      )),
      ...requestProblems(input),
    ]);
    const { reviewStatus } = submissionOf(ctx.viewer);
    const row = toRequestRow(input, { source: filedBy(ctx.viewer), reviewStatus });
    await runWrite(ctx, async (trx) => {
      await insertRequest(trx, row);
      return {
        result: row.id,
        audit: [
          { entityType: ENTITY, entityId: row.id, action: 'CREATE', before: null, after: row },
        ],
        invalidate: purge(row.id),
      };
    });
    return reload(ctx, row.id);
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => AssistanceRequest, {
    description:
      'Changes a request’s areas, description or assessment. A focal point changes its own State’s requests while they wait for review (PENDING_REVIEW or REJECTED, and then wait again); a published request changes through an editor only.',
  })
  async updateAssistanceRequest(
    @Arg('id', () => String, { description: 'The request.' }) id: string,
    @Arg('input', () => AssistanceRequestUpdate, {
      description: 'The fields to change; fields left out keep their values.',
    })
    input: AssistanceRequestUpdate,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest> {
    throwIfInvalid(requestUpdateProblems(input));
    const values = toRequestChanges(input, reviewStatusAfterChange(ctx.viewer));
    await runWrite(ctx, async (trx) => {
      const before = await lockRequest(trx, id);
      assertMayChangeRequest(ctx.viewer, id, before, 'content');
      await updateRequest(trx, id, values);
      const after = { ...before, ...values };
      return {
        result: id,
        audit: [{ entityType: ENTITY, entityId: id, action: 'UPDATE', before, after }],
        invalidate: purge(id),
      };
    });
    return reload(ctx, id);
  }

  @Authorized('editor', 'state_focal_point')
  @Mutation(() => AssistanceRequest, {
    description:
      'Moves a request to its next status on a date: RECEIVED → ASSESSED → IN_DELIVERY → MET, or DECLINED. Only editors may skip a state.',
  })
  async moveAssistanceRequest(
    @Arg('id', () => String, { description: 'The request.' }) id: string,
    @Arg('status', () => RequestStatus, { description: 'The status entered.' })
    status: RequestStatus,
    @Arg('on', () => DateScalar, { description: 'When it was entered.' }) on: string,
    @Ctx() ctx: AssistanceContext,
    @Arg('note', () => String, { nullable: true, description: 'Why.' }) note?: string,
  ): Promise<AssistanceRequest> {
    await runWrite(ctx, async (trx) => {
      const before = await lockRequest(trx, id);
      assertMayChangeRequest(ctx.viewer, id, before, 'workflow');
      const from = before.status as RequestStatus;
      const move = { from, to: status, on, editor: isEditor(ctx.viewer) };
      throwIfInvalid(moveProblems(move, await lastStatusChange(trx, id)));
      await moveRequest(trx, id, { status, on, note: note ?? null });
      return {
        result: id,
        audit: [
          {
            entityType: ENTITY,
            entityId: id,
            action: 'STATUS',
            before: { status: before.status },
            after: { status, on, note: note ?? null },
          },
        ],
        invalidate: purge(id),
      };
    });
    return reload(ctx, id);
  }

  @Authorized('editor')
  @Mutation(() => AssistanceRequest, {
    description: 'Publishes, rejects or archives a request (nothing is deleted). Editors only.',
  })
  async reviewAssistanceRequest(
    @Arg('id', () => String, { description: 'The request.' }) id: string,
    @Arg('decision', () => ReviewStatus, { description: 'PUBLISHED, REJECTED or ARCHIVED.' })
    decision: ReviewStatus,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest> {
    await runReview(ctx, {
      entityType: ENTITY,
      id,
      decision,
      lock: (trx) => lockRequest(trx, id),
      set: (trx) => setRequestReview(trx, id, decision),
      invalidate: () => purge(id),
    });
    return reload(ctx, id);
  }
}
