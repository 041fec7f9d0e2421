import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { badUserInput, forbiddenField, notFound, type InvalidField } from '../../schema/errors.js';
import { GpcArea } from '../../schema/gpc.js';
import { assertMayChange, isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { CountryCodeScalar, DateScalar, todayUtc } from '../../schema/scalars.js';
import { runReview, runWrite } from '../../schema/writes.js';
import { ASSISTANCE_CACHE } from './assistance.loaders.js';
import {
  insertRequest,
  lastStatusChange,
  lockRequest,
  moveRequest,
  setRequestReview,
  updateRequestFields,
} from './assistance-write.repository.js';
import { RequestStatus } from './codes.js';
import type { AssistanceContext } from './context.js';
import { AssistanceRequest } from './request.entity.js';
import { foreignIdProblems, transitionProblem, unknownIdProblems } from './validation.js';

@InputType({ description: 'A new request for assistance.' })
export class AssistanceRequestInput {
  @Field(() => CountryCodeScalar, {
    description: 'The requesting State; a focal point may file for its own country only.',
  })
  country!: string;

  @Field(() => DateScalar, { description: 'When the request was received.' })
  receivedOn!: string;

  @Field(() => [GpcArea], { description: 'The Global Programme areas asked about.' })
  gpcAreas!: GpcArea[];

  @Field(() => String, { description: 'What the State asks for.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'A needs assessment it relates to.' })
  needsAssessmentId?: string;
}

@InputType({ description: 'Changes to a request; omitted fields stay as they are.' })
export class AssistanceRequestUpdate {
  @Field(() => [GpcArea], { nullable: true, description: 'The areas asked about.' })
  gpcAreas?: GpcArea[];

  @Field(() => String, { nullable: true, description: 'What the State asks for.' })
  description?: string;

  @Field(() => String, {
    nullable: true,
    description: 'The needs assessment it led to (member-states id).',
  })
  needsAssessmentId?: string;
}

const purge = (id: string) => ({
  keys: [ASSISTANCE_CACHE.requestById + id],
  tags: ['AssistanceRequest', `AssistanceRequest:${id}`],
});

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
    const editor = isEditor(ctx.viewer);
    if (!editor && input.country !== ctx.viewer.countryIso3) {
      throw forbiddenField(
        'input.country',
        `a focal point of ${ctx.viewer.countryIso3} files requests for ${ctx.viewer.countryIso3} only`,
      );
    }
    const problems: InvalidField[] = [
      ...(await unknownIdProblems(
        ctx.db,
        'country',
        'input.country',
        [input.country],
        'UN Member or observer State',
        false,
      )),
      ...foreignIdProblems(
        'input.needsAssessmentId',
        input.needsAssessmentId ? [input.needsAssessmentId] : [],
      ),
    ];
    if (!input.description.trim()) {
      problems.push({ field: 'input.description', message: 'must not be empty' });
    }
    if (input.gpcAreas.length === 0) {
      problems.push({ field: 'input.gpcAreas', message: 'name at least one area' });
    }
    if (input.receivedOn > todayUtc()) {
      problems.push({ field: 'input.receivedOn', message: 'must not be in the future' });
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const row = {
      id: `req-${input.country.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      country_iso3: input.country,
      received_on: input.receivedOn,
      gpc_areas: [...new Set(input.gpcAreas)],
      description: input.description.trim(),
      status: RequestStatus.RECEIVED,
      needs_assessment_id: input.needsAssessmentId ?? null,
      synthetic: false,
      source: `Filed through the API by ${ctx.viewer.role}${ctx.viewer.countryIso3 ? ` (${ctx.viewer.countryIso3})` : ''}`,
      review_status: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
    };
    await runWrite(ctx, async (trx) => {
      await insertRequest(trx, row, null);
      return {
        result: row.id,
        audit: [
          {
            entityType: 'AssistanceRequest',
            entityId: row.id,
            action: 'CREATE',
            before: null,
            after: row,
          },
        ],
        invalidate: purge(row.id),
      };
    });
    return this.reload(ctx, row.id);
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
    const problems: InvalidField[] = foreignIdProblems(
      'input.needsAssessmentId',
      input.needsAssessmentId ? [input.needsAssessmentId] : [],
    );
    if (
      input.description !== undefined &&
      input.description !== null &&
      !input.description.trim()
    ) {
      problems.push({ field: 'input.description', message: 'must not be empty' });
    }
    if (input.gpcAreas && input.gpcAreas.length === 0) {
      problems.push({ field: 'input.gpcAreas', message: 'name at least one area' });
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    await runWrite(ctx, async (trx) => {
      const before = await this.lockOwn(ctx, trx, id, 'content');
      const values = {
        ...(input.description ? { description: input.description.trim() } : {}),
        ...(input.gpcAreas ? { gpc_areas: [...new Set(input.gpcAreas)] } : {}),
        ...(input.needsAssessmentId ? { needs_assessment_id: input.needsAssessmentId } : {}),
        // A focal point's change (to its own unpublished request) waits for review again.
        ...(isEditor(ctx.viewer) ? {} : { review_status: ReviewStatus.PENDING_REVIEW }),
      };
      await updateRequestFields(trx, id, values);
      return {
        result: id,
        audit: [
          {
            entityType: 'AssistanceRequest',
            entityId: id,
            action: 'UPDATE',
            before,
            after: { ...before, ...values },
          },
        ],
        invalidate: purge(id),
      };
    });
    return this.reload(ctx, id);
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
      const before = await this.lockOwn(ctx, trx, id, 'workflow');
      const problems: InvalidField[] = [];
      const problem = transitionProblem(
        before.status as RequestStatus,
        status,
        isEditor(ctx.viewer),
      );
      if (problem) {
        problems.push({ field: 'status', message: problem });
      }
      const last = await lastStatusChange(trx, id);
      if (on > todayUtc()) {
        problems.push({ field: 'on', message: 'must not be in the future' });
      } else if (last && on < last.changed_on) {
        problems.push({
          field: 'on',
          message: `must not be before the last change (${last.status} on ${last.changed_on})`,
        });
      }
      if (problems.length > 0) {
        throw badUserInput(problems);
      }
      await moveRequest(trx, id, status, on, note ?? null);
      return {
        result: id,
        audit: [
          {
            entityType: 'AssistanceRequest',
            entityId: id,
            action: 'STATUS',
            before: { status: before.status },
            after: { status, on, note: note ?? null },
          },
        ],
        invalidate: purge(id),
      };
    });
    return this.reload(ctx, id);
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
      entityType: 'AssistanceRequest',
      id,
      decision,
      lock: (trx) => lockRequest(trx, id),
      set: (trx) => setRequestReview(trx, id, decision),
      invalidate: () => purge(id),
    });
    return this.reload(ctx, id);
  }

  /**
   * The locked row, under the kernel's rule (`assertMayChange`): NOT_FOUND when missing or not
   * visible to the viewer; FORBIDDEN for another State's focal point, and for a change of
   * content to a published request (a status move is the owner's workflow and stays allowed).
   */
  private async lockOwn(
    ctx: AssistanceContext,
    trx: Parameters<typeof lockRequest>[0],
    id: string,
    kind: 'content' | 'workflow',
  ) {
    const before = await lockRequest(trx, id);
    if (!before) {
      throw notFound('AssistanceRequest', id, 'id');
    }
    assertMayChange(ctx.viewer, {
      entityType: 'AssistanceRequest',
      id,
      field: 'id',
      reviewStatus: before.review_status,
      scope: { countryIso3: before.country_iso3 },
      kind,
    });
    return before;
  }

  private async reload(ctx: AssistanceContext, id: string): Promise<AssistanceRequest> {
    // Another mutation of the same operation may have loaded it before this write.
    ctx.loaders.requestById.clear(id);
    const request = await ctx.loaders.requestById.load(id);
    if (!request) {
      throw notFound('AssistanceRequest', id, 'id');
    }
    return request;
  }
}
