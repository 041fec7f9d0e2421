import { Ctx, Int, Query, Resolver } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import type { HotlineReportsContext } from './context.js';
import { Figure } from './figure.entity.js';
import { findYears } from './figure.repository.js';

@Resolver(() => Figure)
export class FigureResolver {
  @Query(() => [Int], {
    description: 'The years the hotline network has (synthetic) report counts for, oldest first.',
  })
  async hotlineReportsYears(
    @Ctx() ctx: HotlineReportsContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<number[]> {
    return findYears(ctx.db, includeSynthetic ?? false);
  }
}
