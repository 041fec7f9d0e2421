import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../schema/errors.js';
import type { FundingContext } from './context.js';
import { Organization } from './foreign.entity.js';
import { canSeeTransaction } from './funding.access.js';
import { Project } from './project.entity.js';
import { Transaction } from './transaction.entity.js';

@Resolver(() => Transaction)
export class TransactionResolver {
  @Query(() => Transaction, {
    description: 'One transaction by id; NOT_FOUND when unknown or not visible to the viewer.',
  })
  async transaction(
    @Arg('id', () => ID, { description: 'Transaction id.' }) id: string,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction> {
    const transaction = await ctx.loaders.transactionById.load(id);
    if (!transaction || !canSeeTransaction(ctx.viewer, transaction)) {
      throw notFound('Transaction', id, 'id');
    }
    return transaction;
  }

  @FieldResolver(() => Project, { description: 'The project the transaction belongs to.' })
  async project(@Root() transaction: Transaction, @Ctx() ctx: FundingContext): Promise<Project> {
    const project = await ctx.loaders.projectById.load(transaction.projectId);
    if (!project) {
      throw new Error(
        `Transaction ${transaction.id} refers to missing project ${transaction.projectId}`,
      );
    }
    return project;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'IATI provider-org: where the money comes from.',
  })
  provider(@Root() transaction: Transaction): Organization | null {
    return transaction.providerOrgId ? { id: transaction.providerOrgId } : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'IATI receiver-org: where the money goes.',
  })
  receiver(@Root() transaction: Transaction): Organization | null {
    return transaction.receiverOrgId ? { id: transaction.receiverOrgId } : null;
  }
}
