import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import type { FundingContext } from './context.js';
import { Organization } from './foreign.entity.js';
import { canSeeTransaction } from './funding.access.js';
import { Transaction } from './transaction.entity.js';

@Resolver(() => Organization)
export class OrganizationFundingResolver {
  @listSize(20)
  @FieldResolver(() => [Transaction], {
    description:
      'Transactions this organisation provided (IATI provider-org), in date order, each in its original currency with its USD conversion.',
  })
  async contributions(
    @Root() organization: Organization,
    @Ctx() ctx: FundingContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Transaction[]> {
    const all = (await ctx.loaders.transactionsByProviderOrgId.load(organization.id)) ?? [];
    return all.filter((t) => canSeeTransaction(ctx.viewer, t) && admits(t, includeSynthetic));
  }
}
