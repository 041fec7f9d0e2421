import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { overloaded, rateLimited } from '../schema/errors.js';
import type { QueryLimits, LimitTier } from './config.js';
import { limitTierOf } from './config.js';
import { checkMeasure, checkSource, measureOperation, type OperationMeasure } from './limits.js';
import type { HeavyGate } from './heavy-gate.js';
import type { GatewayMetrics } from './metrics.js';
import type { CostBudget } from './rate-limit.js';
import type { GatewayContext } from './subgraph-data-source.js';

export interface LimitsOptions {
  readonly tiers: Readonly<Record<LimitTier, QueryLimits>>;
  readonly defaultListSize: number;
  /** `@listSize` hints of the supergraph being served; follows hot reloads. */
  readonly listSizes?: () => ReadonlyMap<string, number> | undefined;
  readonly budget: CostBudget;
  /** Operations costing at least `cost` pass through `gate`, a few at a time. */
  readonly heavy?: { readonly cost: number; readonly gate: HeavyGate };
  readonly metrics: GatewayMetrics;
}

const measures = new WeakMap<object, Map<string, OperationMeasure>>();

/** Apollo keeps one parsed document per query: a repeated query is measured once per variables. */
function memoizedMeasure(...args: Parameters<typeof measureOperation>): OperationMeasure {
  const [, , operation, variables] = args;
  let byVariables = measures.get(operation);
  if (!byVariables) {
    byVariables = new Map();
    measures.set(operation, byVariables);
  }
  const key = JSON.stringify(variables);
  let measure = byVariables.get(key);
  if (!measure) {
    measure = measureOperation(...args);
    if (byVariables.size >= 100) {
      byVariables.clear();
    }
    byVariables.set(key, measure);
  }
  return measure;
}

/** Who spends a budget: the token's subject, else the client address. */
export function budgetKey(ctx: GatewayContext): string {
  return ctx.viewer.subject
    ? `sub:${ctx.viewer.role}:${ctx.viewer.subject}`
    : `ip:${ctx.clientAddress ?? 'unknown'}`;
}

/** The `limit` a QUERY_TOO_COMPLEX error names, for the rejections metric. */
export function limitOf(error: unknown): string {
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
      let holdsSlot = false;
      return {
        async willSendResponse() {
          if (holdsSlot) {
            holdsSlot = false;
            options.heavy?.gate.release();
          }
        },
        async didResolveOperation(rc) {
          const tier = options.tiers[limitTierOf(rc.contextValue.viewer.role)];
          const operation = rc.operation;
          if (!operation) {
            return;
          }
          let cost: number;
          try {
            if (rc.request.query === undefined) {
              // Sent by persisted-query hash: the text was not checked before parsing.
              checkSource(rc.source, tier);
            }
            const measure = memoizedMeasure(
              rc.schema,
              rc.document,
              operation,
              rc.request.variables ?? {},
              { default: options.defaultListSize, assumed: options.listSizes?.() },
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
          const heavy = options.heavy;
          if (heavy && cost >= heavy.cost) {
            if (!(await heavy.gate.acquire())) {
              options.metrics.limitRejections.inc({ limit: 'heavyOperations' });
              rc.response.http.headers.set('retry-after', '1');
              throw overloaded(
                `${heavy.gate.running} heavy operations (cost ${heavy.cost} or more) are running and none finished within ${heavy.gate.waitMs} ms`,
                1,
              );
            }
            holdsSlot = true;
          }
        },
      };
    },
  };
}
