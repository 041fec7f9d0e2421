import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ReviewStatus } from '../../schema/review.js';
import { throwIfInvalid } from '../../schema/validation.js';
import { runWrite } from '../../schema/writes.js';
import type { AssistanceContext } from './context.js';
import { Outcome } from './outcome.entity.js';
import { RecordOutcomeInput } from './outcome.input.js';
import { insertOutcome, toOutcomeRow } from './outcome.repository.js';
import {
  answeredRequestProblems,
  followedActivityProblems,
  outcomeProblems,
} from './outcome.validation.js';

const published = <T extends { reviewStatus: ReviewStatus }>(record: T | null | undefined) =>
  record?.reviewStatus === ReviewStatus.PUBLISHED ? record : undefined;

/** Every problem at once: the input's, then the published activity and request it follows. */
async function checkOutcome(ctx: AssistanceContext, input: RecordOutcomeInput): Promise<void> {
  const problems = outcomeProblems(input);
  const [activity, request] = await Promise.all([
    input.activityId ? ctx.loaders.activityById.load(input.activityId) : undefined,
    input.requestId ? ctx.loaders.requestById.load(input.requestId) : undefined,
  ]);
  if (input.activityId) {
    problems.push(...followedActivityProblems(input, published(activity)));
  }
  if (input.requestId) {
    problems.push(...answeredRequestProblems(input, published(request)));
  }
  throwIfInvalid(problems);
}

@Resolver(() => Outcome)
export class OutcomeWriteResolver {
  @Authorized('editor')
  @Mutation(() => Outcome, {
    description:
      'Records what changed after assistance (editors), linked to a published activity and/or request; never dated before the activity started or the request was received. Audited.',
  })
  async recordOutcome(
    @Arg('input', () => RecordOutcomeInput, {
      description: 'The outcome, what it follows from and its evidence.',
    })
    input: RecordOutcomeInput,
    @Ctx() ctx: AssistanceContext,
  ): Promise<Outcome> {
    await checkOutcome(ctx, input);
    const row = toOutcomeRow(input);
    return runWrite(ctx, async (trx) => ({
      result: await insertOutcome(trx, row),
      audit: [
        { entityType: 'Outcome', entityId: row.id, action: 'CREATE', before: null, after: row },
      ],
      // Outcome lists are per-request loaders (no entity cache); the response cache is
      // purged by tag, `subgraph:assistance` included.
      invalidate: { keys: [], tags: ['Outcome'] },
    }));
  }
}
