import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { rateLimited } from '../schema/errors.js';
import type { QueryLimits, LimitTier } from './config.js';
import { limitTierOf } from './config.js';
import { checkMeasure, checkSource, measureOperation } from './limits.js';
import type { GatewayMetrics } from './metrics.js';
import type { CostBudget } from './rate-limit.js';
import type { GatewayContext } from './subgraph-data-source.js';

export interface LimitsOptions {
  readonly tiers: Readonly<Record<LimitTier, QueryLimits>>;
  readonly defaultListSize: number;
  readonly budget: CostBudget;
  readonly metrics: GatewayMetrics;
}

/** Who spends a budget: the token's subject, else the client address. */
export function budgetKey(ctx: GatewayContext): string {
  return ctx.viewer.subject
    ? `sub:${ctx.viewer.role}:${ctx.viewer.subject}`
    : `ip:${ctx.clientAddress ?? 'unknown'}`;
}

function limitOf(error: unknown): string {
  return error instanceof GraphQLError ? String(error.extensions['limit'] ?? 'other') : 'other';
}

/**
 * Checks every limit after the document is parsed and validated (fragment cycles are refused by
 * validation) and before the gateway plans or calls any subgraph. The size and token limits are
 * also checked on the raw text before parsing (in the context function).
 */
export function limitsPlugin(options: LimitsOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const tier = options.tiers[limitTierOf(rc.contextValue.viewer.role)];
          const operation = rc.operation;
          if (!operation) {
            return;
          }
          let cost: number;
          try {
            checkSource(rc.source, tier);
            const measure = measureOperation(
              rc.schema,
              rc.document,
              operation,
              rc.request.variables ?? {},
              options.defaultListSize,
            );
            checkMeasure(measure, tier);
            cost = measure.cost;
          } catch (error) {
            options.metrics.limitRejections.inc({ limit: limitOf(error) });
            throw error;
          }
          rc.contextValue.cost = cost;
          const { spent, retryAfterSeconds } = await options.budget.spend(
            budgetKey(rc.contextValue),
            cost,
          );
          if (spent > tier.budgetPerMinute) {
            options.metrics.limitRejections.inc({ limit: 'budgetPerMinute' });
            rc.response.http.headers.set('retry-after', String(retryAfterSeconds));
            throw rateLimited(
              `this viewer spent ${spent} cost units this minute, over the budget of ${tier.budgetPerMinute} by ${spent - tier.budgetPerMinute}`,
              retryAfterSeconds,
            );
          }
        },
      };
    },
  };
}
