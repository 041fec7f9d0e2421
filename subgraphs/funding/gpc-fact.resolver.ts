import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { listSize } from '../../schema/cost.js';
import type { FundingContext } from './context.js';
import { GpcFact, GpcFactType } from './gpc-fact.entity.js';
import { findGpcFacts } from './gpc-fact.repository.js';

@Resolver(() => GpcFact)
export class GpcFactResolver {
  @listSize(33)
  @Query(() => [GpcFact], {
    description:
      'The cited facts about the Global Programme on Cybercrime and the repository (mandate, organisation, pillars, areas, donors, contributions, results, offices, hubs, repository), by type and code. All real: the data pack holds no synthetic fact.',
  })
  async globalProgrammeFacts(
    @Ctx() ctx: FundingContext,
    @Arg('type', () => GpcFactType, { nullable: true, description: 'Only facts of this kind.' })
    type?: GpcFactType,
  ): Promise<GpcFact[]> {
    return findGpcFacts(ctx.db, type ?? undefined);
  }
}
