import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { buildBasis, IncludeSyntheticArg } from '../../schema/basis.js';
import { toConfidence } from '../../schema/common-types.js';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import { FundingDimension, ReportingCurrency } from './codes.model.js';
import type { FundingContext } from './context.js';
import { findExchangeRates } from './exchange-rate.repository.js';
import { CONVERSION_RULE, ExchangeRate } from './money.entity.js';
import { periodStart } from './money.model.js';
import { FundingSummary } from './summary.entity.js';
import { PeriodInput } from './summary.input.js';
import { BASIS_RECORD, SUMMARY_SCOPE, toFundingGroup } from './summary.model.js';
import { summarizeFunding } from './summary.repository.js';
import { isKnownCurrency } from './transaction.validation.js';

@Resolver()
export class FundingSummaryResolver {
  @Query(() => FundingSummary, {
    description:
      'Pledged, committed, received and spent side by side, grouped by one or more dimensions, converted to USD with the rates used (see `conversionRule`). Computed in SQL numeric.',
  })
  async fundingSummary(
    @Ctx() ctx: FundingContext,
    @Arg('groupBy', () => [FundingDimension], {
      description: 'One or more dimensions, such as [DONOR, YEAR].',
    })
    groupBy: FundingDimension[],
    @Arg('period', () => PeriodInput, { nullable: true, description: 'Transaction dates.' })
    period?: PeriodInput,
    @Arg('currency', () => ReportingCurrency, {
      defaultValue: ReportingCurrency.USD,
      description: 'Reporting currency.',
    })
    currency?: ReportingCurrency,
    @Arg('projectId', () => ID, {
      nullable: true,
      description: 'Only this project and every project under it, such as "gpc".',
    })
    projectId?: string,
    @Arg('donorId', () => ID, { nullable: true, description: 'Only this provider organisation.' })
    donorId?: string,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<FundingSummary> {
    const problems: InvalidField[] = [];
    if (groupBy.length === 0) {
      problems.push({ field: 'groupBy', message: 'must name at least one dimension' });
    }
    if (new Set(groupBy).size !== groupBy.length) {
      problems.push({ field: 'groupBy', message: 'must not repeat a dimension' });
    }
    if (period?.from && period?.to && period.from > period.to) {
      problems.push({ field: 'period.to', message: 'must not be before period.from' });
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    if (projectId && !(await ctx.loaders.projectById.load(projectId))) {
      throw notFound('Project', projectId, 'projectId');
    }
    const { groups, basisCounts, basisMoney } = await summarizeFunding(ctx.db, {
      dimensions: groupBy,
      from: period?.from ?? undefined,
      to: period?.to ?? undefined,
      projectId: projectId ?? undefined,
      donorId: donorId ?? undefined,
      includeSynthetic: includeSynthetic ?? false,
    });
    return {
      groupBy,
      currency: currency ?? ReportingCurrency.USD,
      from: period?.from ?? null,
      to: period?.to ?? null,
      conversionRule: CONVERSION_RULE,
      scope: SUMMARY_SCOPE,
      groups: groups.map((g) => toFundingGroup(g, includeSynthetic ?? false)),
      includesSynthetic: includeSynthetic ?? false,
      basis: buildBasis(BASIS_RECORD, includeSynthetic ?? false, basisCounts, basisMoney),
    };
  }

  @Query(() => String, { description: 'The currency conversion rule every USD figure follows.' })
  conversionRule(): string {
    return CONVERSION_RULE;
  }

  @Query(() => [ExchangeRate], {
    description: 'Stored exchange rates of one currency, newest period first.',
  })
  async exchangeRates(
    @Ctx() ctx: FundingContext,
    @Arg('currency', () => String, { description: 'ISO 4217 code, such as "NOK".' })
    currency: string,
    @Arg('fromYear', () => Int, { nullable: true, description: 'First year included.' })
    fromYear?: number,
    @Arg('toYear', () => Int, { nullable: true, description: 'Last year included.' })
    toYear?: number,
  ): Promise<ExchangeRate[]> {
    if (!isKnownCurrency(currency)) {
      throw badUserInput([
        { field: 'currency', message: `"${currency}" is not an ISO 4217 currency code` },
      ]);
    }
    const rates = await findExchangeRates(
      ctx.db,
      currency,
      fromYear ?? undefined,
      toYear ?? undefined,
    );
    return rates.map((r) => ({
      ...r,
      periodStart: periodStart(r.period),
      confidence: toConfidence(r.confidence),
    }));
  }
}
