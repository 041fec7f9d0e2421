import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { Confidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import { todayUtc } from '../../schema/scalars.js';
import { runWrite } from '../../schema/writes.js';
import { TechnicalAssistanceActivity } from './activity.entity.js';
import type { AssistanceContext } from './context.js';
import { Country } from './country.entity.js';
import { Legislation } from './legislation.entity.js';
import { NeedsAssessment } from './needs-assessment.entity.js';
import { COUNTED_KINDS, Outcome, RecordOutcomeInput } from './outcome.entity.js';
import { insertOutcome } from './outcome.repository.js';
import { AssistanceRequest } from './request.entity.js';
import { foreignIdProblems } from './validation.js';
import { listsActivity, listsRequest } from './visibility.js';

function textProblem(field: string, value: string, max: number): InvalidField[] {
  const trimmed = value.trim();
  return trimmed.length === 0 || trimmed.length > max
    ? [{ field, message: `must be 1–${max.toLocaleString('en')} characters` }]
    : [];
}

@Resolver(() => Outcome)
export class OutcomeResolver {
  @FieldResolver(() => Country, { description: 'The State where it happened.' })
  country(@Root() outcome: Outcome): Country {
    return { iso3: outcome.countryIso3 };
  }

  @FieldResolver(() => TechnicalAssistanceActivity, {
    nullable: true,
    description: 'The activity it followed, if any.',
  })
  async activity(
    @Root() outcome: Outcome,
    @Ctx() ctx: AssistanceContext,
  ): Promise<TechnicalAssistanceActivity | null> {
    const activity = outcome.activityId
      ? await ctx.loaders.activityById.load(outcome.activityId)
      : null;
    return activity && listsActivity(ctx.viewer, activity) ? activity : null;
  }

  @FieldResolver(() => AssistanceRequest, {
    nullable: true,
    description: 'The request it answers, if any.',
  })
  async request(
    @Root() outcome: Outcome,
    @Ctx() ctx: AssistanceContext,
  ): Promise<AssistanceRequest | null> {
    const request = outcome.requestId
      ? await ctx.loaders.requestById.load(outcome.requestId)
      : null;
    return request && listsRequest(ctx.viewer, request) ? request : null;
  }

  @FieldResolver(() => NeedsAssessment, {
    nullable: true,
    description: 'The needs assessment it answers (member-states), if any.',
  })
  needsAssessment(@Root() outcome: Outcome): NeedsAssessment | null {
    return outcome.needsAssessmentId ? { id: outcome.needsAssessmentId } : null;
  }

  @FieldResolver(() => Legislation, {
    nullable: true,
    description: 'The law adopted or amended (laws subgraph), if any.',
  })
  legislation(@Root() outcome: Outcome): Legislation | null {
    return outcome.legislationId ? { id: outcome.legislationId } : null;
  }

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
    const problems: InvalidField[] = [
      ...textProblem('input.summary', input.summary, 2000),
      ...textProblem('input.evidenceSource', input.evidenceSource, 500),
      ...foreignIdProblems(
        'input.needsAssessmentId',
        input.needsAssessmentId ? [input.needsAssessmentId] : [],
      ),
      ...foreignIdProblems('input.findingId', input.findingId ? [input.findingId] : []),
      ...foreignIdProblems('input.legislationId', input.legislationId ? [input.legislationId] : []),
    ];
    if (input.occurredOn > todayUtc()) {
      problems.push({ field: 'input.occurredOn', message: 'must not be in the future' });
    }
    if (!input.activityId && !input.requestId) {
      problems.push({
        field: 'input.activityId',
        message: 'give the activity or the request it followed',
      });
    }
    const counted = COUNTED_KINDS.includes(input.kind);
    if (input.count !== undefined && input.count !== null && (!counted || input.count < 0)) {
      problems.push({
        field: 'input.count',
        message: counted ? 'must be 0 or more' : `is for ${COUNTED_KINDS.join(' and ')} only`,
      });
    }
    const [activity, request] = await Promise.all([
      input.activityId ? ctx.loaders.activityById.load(input.activityId) : undefined,
      input.requestId ? ctx.loaders.requestById.load(input.requestId) : undefined,
    ]);
    if (input.activityId) {
      if (!activity || activity.reviewStatus !== ReviewStatus.PUBLISHED) {
        problems.push({
          field: 'input.activityId',
          message: `no published activity ${input.activityId}`,
        });
      } else {
        if (activity.startDate && input.occurredOn < activity.startDate) {
          problems.push({
            field: 'input.occurredOn',
            message: `must not be before its activity started (${activity.startDate})`,
          });
        }
        if (!activity.beneficiaryIso3s.includes(input.country)) {
          problems.push({
            field: 'input.country',
            message: `is not a beneficiary of activity ${activity.id} (${activity.beneficiaryIso3s.join(', ')})`,
          });
        }
      }
    }
    if (input.requestId) {
      if (!request || request.reviewStatus !== ReviewStatus.PUBLISHED) {
        problems.push({
          field: 'input.requestId',
          message: `no published request ${input.requestId}`,
        });
      } else {
        if (input.occurredOn < request.receivedOn) {
          problems.push({
            field: 'input.occurredOn',
            message: `must not be before its request was received (${request.receivedOn})`,
          });
        }
        if (request.countryIso3 !== input.country) {
          problems.push({
            field: 'input.country',
            message: `is not the request’s State (${request.countryIso3})`,
          });
        }
      }
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const row = {
      id: `out-${input.country.toLowerCase()}-${randomUUID().slice(0, 8)}`,
      kind: input.kind,
      occurred_on: input.occurredOn,
      summary: input.summary.trim(),
      country_iso3: input.country,
      count: input.count ?? null,
      activity_id: input.activityId ?? null,
      request_id: input.requestId ?? null,
      needs_assessment_id: input.needsAssessmentId ?? null,
      finding_id: input.findingId ?? null,
      legislation_id: input.legislationId ?? null,
      evidence_source: input.evidenceSource.trim(),
      confidence:
        (input.confidence ?? Confidence.TO_VERIFY) === Confidence.VERIFIED
          ? 'verified'
          : 'to verify',
      synthetic: false,
    };
    return runWrite(ctx, async (trx) => {
      const created = await insertOutcome(trx, row);
      return {
        result: created,
        audit: [
          { entityType: 'Outcome', entityId: row.id, action: 'CREATE', before: null, after: row },
        ],
        // Outcome lists are per-request loaders (no entity cache); the response cache is
        // purged by tag, `subgraph:assistance` included.
        invalidate: { keys: [], tags: ['Outcome'] },
      };
    });
  }
}

@Resolver(() => AssistanceRequest)
export class RequestOutcomesResolver {
  @listSize(5)
  @FieldResolver(() => [Outcome], { description: 'What changed after it, by date.' })
  async outcomes(
    @Root() request: AssistanceRequest,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Outcome[]> {
    const outcomes = (await ctx.loaders.outcomesByRequest.load(request.id)) ?? [];
    return outcomes.filter((o) => admits(o, includeSynthetic));
  }
}

@Resolver(() => TechnicalAssistanceActivity)
export class ActivityOutcomesResolver {
  @listSize(5)
  @FieldResolver(() => [Outcome], { description: 'What changed after it, by date.' })
  async outcomes(
    @Root() activity: TechnicalAssistanceActivity,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Outcome[]> {
    const outcomes = (await ctx.loaders.outcomesByActivity.load(activity.id)) ?? [];
    return outcomes.filter((o) => admits(o, includeSynthetic));
  }
}

@Resolver(() => NeedsAssessment)
export class NeedsAssessmentOutcomesResolver {
  @listSize(5)
  @FieldResolver(() => [Outcome], {
    description:
      'What changed after this assessment, by date; `findingId` says which finding an outcome answers (its follow-up).',
  })
  async outcomes(
    @Root() assessment: NeedsAssessment,
    @Ctx() ctx: AssistanceContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Outcome[]> {
    const outcomes = (await ctx.loaders.outcomesByAssessment.load(assessment.id)) ?? [];
    return outcomes.filter((o) => admits(o, includeSynthetic));
  }
}

/** An outcome by key, for other subgraphs and the gateway (one statement per batch). */
export async function resolveOutcomeReference(
  ref: { id: string },
  ctx: AssistanceContext,
): Promise<Outcome> {
  const outcome = await ctx.loaders.outcomeById.load(ref.id);
  if (!outcome) {
    throw notFound('Outcome', ref.id, 'id');
  }
  return outcome;
}
