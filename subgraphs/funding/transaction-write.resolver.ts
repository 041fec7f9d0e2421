import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { notFound, found } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { throwIfInvalid } from '../../schema/validation.js';
import { runWrite } from '../../schema/writes.js';
import type { FundingContext } from './context.js';
import { assertRecordsOwn, recordedBy } from './funding.access.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import type { Project } from './project.entity.js';
import { findKnownOrganizationIds } from './project.repository.js';
import { Transaction } from './transaction.entity.js';
import { TransactionInput } from './transaction.input.js';
import {
  insertTransaction,
  lockTransaction,
  setTransactionReview,
  toTransactionRow,
} from './transaction.repository.js';
import { reviewStepProblems, transactionProblems } from './transaction.validation.js';

const { PENDING_REVIEW, PUBLISHED, REJECTED, ARCHIVED } = ReviewStatus;

function purgeKeys(t: { id: string; project_id: string; provider_org_id: string | null }) {
  return {
    keys: [
      FUNDING_CACHE.transactionById.key(t.id),
      FUNDING_CACHE.transactionsByProjectId.key(t.project_id),
      ...(t.provider_org_id
        ? [FUNDING_CACHE.transactionsByProviderOrgId.key(t.provider_org_id)]
        : []),
    ],
    tags: ['Transaction', `Transaction:${t.id}`, `Project:${t.project_id}`],
  };
}

/** The project it is recorded on (NOT_FOUND when archived), then every problem at once. */
async function checkTransaction(ctx: FundingContext, input: TransactionInput): Promise<Project> {
  const project = await ctx.loaders.projectById.load(input.projectId);
  if (!project || project.reviewStatus === ARCHIVED) {
    throw notFound('Project', input.projectId, 'input.projectId');
  }
  const orgIds = [input.providerOrgId, input.receiverOrgId].filter((o): o is string => !!o);
  const known = await findKnownOrganizationIds(ctx.db, orgIds);
  throwIfInvalid(transactionProblems(input, project, known));
  return project;
}

/** Read back after the commit, with its conversion, bypassing this request's memo. */
async function reload(ctx: FundingContext, id: string): Promise<Transaction> {
  ctx.loaders.transactionById.clear(id);
  return found(await ctx.loaders.transactionById.load(id), 'Transaction', id, 'id');
}

/** An editor's review step: from one of the states `from` to `to`, audited as `action`. */
async function review(
  ctx: FundingContext,
  id: string,
  step: { to: ReviewStatus; action: string; from: readonly ReviewStatus[] },
): Promise<Transaction> {
  await runWrite(ctx, async (trx) => {
    const before = await lockTransaction(trx, id);
    if (!before) {
      throw notFound('Transaction', id, 'id');
    }
    throwIfInvalid(reviewStepProblems(before.review_status, step.to, step.from));
    await setTransactionReview(trx, id, step.to);
    const after = { ...before, review_status: step.to };
    return {
      result: id,
      audit: [{ entityType: 'Transaction', entityId: id, action: step.action, before, after }],
      invalidate: purgeKeys(before),
    };
  });
  return reload(ctx, id);
}

@Resolver(() => Transaction)
export class TransactionWriteResolver {
  @Authorized('editor', 'donor')
  @Mutation(() => Transaction, {
    description:
      'Records a transaction. An editor’s is PUBLISHED; a donor’s (for its own organisation only) waits as PENDING_REVIEW until an editor publishes it.',
  })
  async recordTransaction(
    @Arg('input', () => TransactionInput, {
      description:
        'The pledge, commitment or disbursement to record; every invalid field is reported at once (BAD_USER_INPUT).',
    })
    input: TransactionInput,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    assertRecordsOwn(ctx.viewer, input.providerOrgId);
    const project = await checkTransaction(ctx, input);
    const by = recordedBy(ctx.viewer);
    const row = toTransactionRow(input, project.id, by);
    const action = by.reviewStatus === PUBLISHED ? 'CREATE' : 'SUBMIT';
    await runWrite(ctx, async (trx) => {
      await insertTransaction(trx, row);
      return {
        result: row.id,
        audit: [{ entityType: 'Transaction', entityId: row.id, action, before: null, after: row }],
        invalidate: purgeKeys(row),
      };
    });
    return reload(ctx, row.id);
  }

  @Authorized('editor')
  @Mutation(() => Transaction, { description: 'Publishes a transaction waiting for review.' })
  async publishTransaction(
    @Arg('id', () => ID, { description: 'Transaction id.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    return review(ctx, id, { to: PUBLISHED, action: 'PUBLISH', from: [PENDING_REVIEW, REJECTED] });
  }

  @Authorized('editor')
  @Mutation(() => Transaction, { description: 'Rejects a transaction waiting for review.' })
  async rejectTransaction(
    @Arg('id', () => ID, { description: 'Transaction id.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    return review(ctx, id, { to: REJECTED, action: 'REJECT', from: [PENDING_REVIEW] });
  }

  @Authorized('editor')
  @Mutation(() => Transaction, {
    description:
      'Archives a transaction: hidden from lists and totals, kept for history (never deleted).',
  })
  async archiveTransaction(
    @Arg('id', () => ID, { description: 'Transaction id.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    const from = [PENDING_REVIEW, PUBLISHED, REJECTED];
    return review(ctx, id, { to: ARCHIVED, action: 'ARCHIVE', from });
  }
}
