import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { badUserInput, forbidden, notFound, type InvalidField } from '../../schema/errors.js';
import { isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { DateScalar, DecimalScalar } from '../../schema/scalars.js';
import { runWrite } from '../../schema/writes.js';
import { Earmarking, TransactionType } from './codes.js';
import type { FundingContext } from './context.js';
import { FUNDING_CACHE } from './funding.loaders.js';
import {
  findTransactionRecord,
  insertTransaction,
  updateTransactionStatus,
} from './funding-write.repository.js';
import { findKnownOrganizationIds } from './project.repository.js';
import { Transaction } from './transaction.entity.js';
import { amountProblem, currencyProblem, dateOutsideProject } from './validation.js';

@InputType({ description: 'A transaction to record on a project.' })
export class TransactionInput {
  @Field(() => ID, { description: 'The project it belongs to.' })
  projectId!: string;

  @Field(() => TransactionType, { description: 'IATI TransactionType.' })
  type!: TransactionType;

  @Field(() => DateScalar, { description: 'Transaction date, within the project’s dates.' })
  date!: string;

  @Field(() => DecimalScalar, { description: 'Exact amount greater than zero, such as "0.10".' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 currency code, such as "NOK".' })
  currency!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date for currency conversion; defaults to `date`.',
  })
  valueDate?: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Provider organisation: must take part in the project. Donors must give their own.',
  })
  providerOrgId?: string;

  @Field(() => ID, { nullable: true, description: 'Receiver organisation.' })
  receiverOrgId?: string;

  @Field(() => String, { nullable: true, description: 'The provider’s own IATI activity id.' })
  providerActivityId?: string;

  @Field(() => Earmarking, { nullable: true, description: 'Earmarking, when stated.' })
  earmarking?: Earmarking;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string;
}

function purgeKeys(t: { id: string; project_id: string; provider_org_id: string | null }) {
  return {
    keys: [
      FUNDING_CACHE.transactionById + t.id,
      FUNDING_CACHE.transactionsByProjectId + t.project_id,
      ...(t.provider_org_id ? [FUNDING_CACHE.transactionsByProviderOrgId + t.provider_org_id] : []),
    ],
    tags: ['Transaction', `Transaction:${t.id}`, `Project:${t.project_id}`],
  };
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
    const editor = isEditor(ctx.viewer);
    if (!editor && (!input.providerOrgId || input.providerOrgId !== ctx.viewer.organizationId)) {
      throw forbidden(
        'a donor records transactions of its own organisation only: set input.providerOrgId to it.',
      );
    }
    const project = await ctx.loaders.projectById.load(input.projectId);
    if (!project || project.reviewStatus === ReviewStatus.ARCHIVED) {
      throw notFound('Project', input.projectId, 'input.projectId');
    }
    const problems: InvalidField[] = [];
    const add = (field: string, message: string | undefined) => {
      if (message) {
        problems.push({ field, message });
      }
    };
    add('input.amount', amountProblem(input.amount));
    add('input.currency', currencyProblem(input.currency));
    add('input.date', dateOutsideProject(input.date, project));
    const orgIds = [input.providerOrgId, input.receiverOrgId].filter((o): o is string => !!o);
    const known = await findKnownOrganizationIds(ctx.db, orgIds);
    if (input.providerOrgId) {
      if (!known.has(input.providerOrgId)) {
        add('input.providerOrgId', `"${input.providerOrgId}" is not a known organisation id`);
      } else if (
        !project.participatingOrgs.some((p) => p.organization.id === input.providerOrgId)
      ) {
        add(
          'input.providerOrgId',
          `"${input.providerOrgId}" is not a participating organisation of project "${project.id}"`,
        );
      }
    }
    if (input.receiverOrgId && !known.has(input.receiverOrgId)) {
      add('input.receiverOrgId', `"${input.receiverOrgId}" is not a known organisation id`);
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const row = {
      id: `tx-${randomUUID()}`,
      project_id: project.id,
      type: input.type,
      transaction_date: input.date,
      amount: input.amount,
      currency: input.currency,
      value_date: input.valueDate ?? input.date,
      provider_org_id: input.providerOrgId ?? null,
      receiver_org_id: input.receiverOrgId ?? null,
      provider_activity_id: input.providerActivityId ?? null,
      earmarking: input.earmarking ?? null,
      description: input.description ?? null,
      synthetic: false,
      source: `Recorded through the API by ${ctx.viewer.role}${ctx.viewer.organizationId ? ` (${ctx.viewer.organizationId})` : ''}`,
      confidence: 'to verify',
      review_status: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
      submitted_by_org_id: editor ? null : (ctx.viewer.organizationId ?? null),
    };
    await runWrite(ctx, async (trx) => {
      await insertTransaction(trx, row);
      return {
        result: row.id,
        audit: [
          {
            entityType: 'Transaction',
            entityId: row.id,
            action: editor ? 'CREATE' : 'SUBMIT',
            before: null,
            after: row,
          },
        ],
        invalidate: purgeKeys(row),
      };
    });
    return this.reload(ctx, row.id);
  }

  @Authorized('editor')
  @Mutation(() => Transaction, { description: 'Publishes a transaction waiting for review.' })
  async publishTransaction(
    @Arg('id', () => ID, { description: 'Transaction id.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    return this.setStatus(ctx, id, ReviewStatus.PUBLISHED, 'PUBLISH', [
      ReviewStatus.PENDING_REVIEW,
      ReviewStatus.REJECTED,
    ]);
  }

  @Authorized('editor')
  @Mutation(() => Transaction, { description: 'Rejects a transaction waiting for review.' })
  async rejectTransaction(
    @Arg('id', () => ID, { description: 'Transaction id.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    return this.setStatus(ctx, id, ReviewStatus.REJECTED, 'REJECT', [ReviewStatus.PENDING_REVIEW]);
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
    return this.setStatus(ctx, id, ReviewStatus.ARCHIVED, 'ARCHIVE', [
      ReviewStatus.PENDING_REVIEW,
      ReviewStatus.PUBLISHED,
      ReviewStatus.REJECTED,
    ]);
  }

  private async setStatus(
    ctx: FundingContext,
    id: string,
    to: ReviewStatus,
    action: string,
    from: readonly ReviewStatus[],
  ): Promise<Transaction> {
    await runWrite(ctx, async (trx) => {
      const before = await findTransactionRecord(trx, id);
      if (!before) {
        throw notFound('Transaction', id, 'id');
      }
      if (!from.includes(before.review_status as ReviewStatus)) {
        throw badUserInput([
          {
            field: 'id',
            message: `transaction is ${before.review_status}; only ${from.join(' or ')} may become ${to}`,
          },
        ]);
      }
      await updateTransactionStatus(trx, id, to);
      return {
        result: id,
        audit: [
          {
            entityType: 'Transaction',
            entityId: id,
            action,
            before,
            after: { ...before, review_status: to },
          },
        ],
        invalidate: purgeKeys(before),
      };
    });
    return this.reload(ctx, id);
  }

  /** Read back after the commit, with its conversion, bypassing this request's memo. */
  private async reload(ctx: FundingContext, id: string): Promise<Transaction> {
    ctx.loaders.transactionById.clear(id);
    const transaction = await ctx.loaders.transactionById.load(id);
    if (!transaction) {
      throw notFound('Transaction', id, 'id');
    }
    return transaction;
  }
}
