import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { admits, basisOfRecords, IncludeSyntheticArg } from '../../schema/basis.js';
import { badUserInput } from '../../schema/errors.js';
import type { GpcPillar } from '../../schema/gpc.js';
import { DateScalar } from '../../schema/scalars.js';
import { findActivitiesStartingIn } from './activity.repository.js';
import { DeliveryGrouping } from './codes.model.js';
import type { AssistanceContext } from './context.js';
import type { OutcomeKind } from './outcome.entity.js';
import { countOutcomes } from './outcome.repository.js';
import { findCountryRegions, findRequestFlows } from './request.repository.js';
import { DeliverySummary, type OutcomeCount } from './summary.entity.js';
import { DELIVERY_RULES, summarizeDelivery } from './summary.model.js';
import { findReportedResults } from './summary.repository.js';

@Resolver(() => DeliverySummary)
export class DeliverySummaryResolver {
  @Query(() => DeliverySummary, {
    description:
      'Delivery figures for the report: activities, practitioners trained by role and sex, countries reached, requests received versus met, grouped; with the cited figures the programme reported.',
  })
  async deliverySummary(
    @Ctx() ctx: AssistanceContext,
    @Arg('groupBy', () => DeliveryGrouping, { description: 'How to group.' })
    groupBy: DeliveryGrouping,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Period start.' })
    from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Period end.' })
    to?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<DeliverySummary> {
    if (from && to && from > to) {
      throw badUserInput([{ field: 'to', message: 'must not be before from' }]);
    }
    const period = { from, to };
    const [allActivities, allRequests, reportedResults, outcomeCounts] = await Promise.all([
      findActivitiesStartingIn(ctx.db, period),
      findRequestFlows(ctx.db, period),
      findReportedResults(ctx.db, period),
      countOutcomes(ctx.db, period, includeSynthetic ?? false),
    ]);
    const activities = allActivities.filter((a) => admits(a, includeSynthetic));
    const requests = allRequests.filter((r) => admits(r, includeSynthetic));
    const regionOf =
      groupBy === DeliveryGrouping.REGION
        ? await findCountryRegions(ctx.db, [
            ...new Set(activities.flatMap((a) => a.beneficiaryIso3s)),
          ])
        : new Map<string, string>();
    return {
      groupBy,
      from: from ?? null,
      to: to ?? null,
      rules: DELIVERY_RULES,
      rows: summarizeDelivery(groupBy, activities, requests, regionOf, period),
      reportedResults,
      outcomes: outcomeCounts.reduce<OutcomeCount[]>((counts, c) => {
        // Real and synthetic rows of one group (with includeSynthetic) are one count.
        const same = counts.find(
          (x) =>
            x.kind === c.kind && (x.region?.m49 ?? '') === c.regionM49 && x.pillar === c.gpcPillar,
        );
        if (same) {
          same.outcomes += c.outcomes;
        } else {
          counts.push({
            kind: c.kind as OutcomeKind,
            region: c.regionM49 ? { m49: c.regionM49 } : null,
            pillar: c.gpcPillar as GpcPillar | null,
            outcomes: c.outcomes,
          });
        }
        return counts;
      }, []),
      basis: basisOfRecords('activity or assistance request', includeSynthetic ?? false, [
        ...activities,
        ...requests,
      ]),
    };
  }
}
