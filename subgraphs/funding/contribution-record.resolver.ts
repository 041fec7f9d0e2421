import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import type { FundingContext } from './context.js';
import { ContributionRecord } from './contribution-record.entity.js';
import { findContributionRecords } from './contribution-record.repository.js';
import { Organization } from './foreign.entity.js';
import { canSeeTransaction } from './funding.access.js';
import { Project } from './project.entity.js';
import { Transaction } from './transaction.entity.js';

@Resolver(() => ContributionRecord)
export class ContributionRecordResolver {
  @Query(() => [ContributionRecord], {
    description:
      'Contributions to the Global Programme on Cybercrime as public sources name them, by date as given (undated last): with their amounts where stated, dated records without money where not, each with its source, licence and attribution. All real. `includeNotAttributed` adds the contributions to other UNODC cybercrime work and undated partner-project money.',
  })
  async globalProgrammeContributions(
    @Ctx() ctx: FundingContext,
    @Arg('includeNotAttributed', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description:
        'Also the records whose source does not tie them to the Global Programme (default false).',
    })
    includeNotAttributed?: boolean,
    // The data pack holds no synthetic contribution; the one switch is taken all the same.
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<ContributionRecord[]> {
    const records = await findContributionRecords(ctx.db, includeNotAttributed === true);
    return records.filter((r) => admits(r, includeSynthetic));
  }

  @FieldResolver(() => Organization, { description: 'The donor (partners subgraph).' })
  donor(@Root() record: ContributionRecord): Organization {
    return { id: record.donorOrgId };
  }

  @FieldResolver(() => [Organization], {
    description: 'Co-funders the source names with the donor.',
  })
  coDonors(@Root() record: ContributionRecord): Organization[] {
    return record.coDonorOrgIds.map((id) => ({ id }));
  }

  @FieldResolver(() => Project, {
    nullable: true,
    description:
      'The project it is tied to (the Global Programme or a project under it); null if none.',
  })
  async project(
    @Root() record: ContributionRecord,
    @Ctx() ctx: FundingContext,
  ): Promise<Project | null> {
    return record.projectId ? ctx.loaders.projectById.load(record.projectId) : null;
  }

  @FieldResolver(() => Transaction, {
    nullable: true,
    description:
      'The transaction that carries its money in the project’s figures; null for a record without money, not tied to a project, or not a contribution.',
  })
  async transaction(
    @Root() record: ContributionRecord,
    @Ctx() ctx: FundingContext,
  ): Promise<Transaction | null> {
    if (!record.transactionId) {
      return null;
    }
    const transaction = await ctx.loaders.transactionById.load(record.transactionId);
    return transaction && canSeeTransaction(ctx.viewer, transaction) ? transaction : null;
  }
}
