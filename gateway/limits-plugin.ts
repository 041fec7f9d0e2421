import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { RedisClient } from '../loaders/redis.js';
import { badUserInput, overloaded, rateLimited } from '../schema/errors.js';
import { limitTierOf, type GatewayConfig, type LimitTier, type QueryLimits } from './config.js';
import type { GatewayContext } from './context.js';
import { HeavyGate } from './heavy-gate.js';
import { checkMeasure, checkSource } from './limits.js';
import { measureOperation } from './measure-operation.js';
import type { GatewayMetrics } from './metrics.js';
import { CostBudget } from './rate-limit.js';

export interface LimitsOptions {
  readonly tiers: Readonly<Record<LimitTier, QueryLimits>>;
  readonly defaultListSize: number;
  /** `@listSize` hints of the supergraph being served; follows hot reloads. */
  readonly listSizes?: () => ReadonlyMap<string, number> | undefined;
  readonly budget: CostBudget;
  /** Operations costing at least `cost` pass through `gate`, a few at a time. */
  readonly heavy?: { readonly cost: number; readonly gate: HeavyGate };
  readonly metrics: GatewayMetrics;
  /** Cost units every GraphQL request is charged, refused ones included (`chargeFloor`). */
  readonly floorCost: number;
  /** The parsed-document cache: a document enters it only once every limit passed. */
  readonly documents?: { admit(document: DocumentNode): void };
}

/**
 * The limits as configured: per-tier limits, the floor cost, the heavy-operation gate, and the
 * per-minute budgets (shared through `redis` when given, else in process).
 */
export function limitsOptions(
  config: Required<GatewayConfig>,
  parts: {
    readonly redis: RedisClient | undefined;
    readonly metrics: GatewayMetrics;
    readonly documents: { admit(document: DocumentNode): void };
    readonly listSizes: () => ReadonlyMap<string, number> | undefined;
  },
): LimitsOptions {
  const { heavy } = config.limits;
  return {
    tiers: config.limits.tiers,
    defaultListSize: config.limits.defaultListSize,
    floorCost: config.limits.floorCost ?? 10,
    listSizes: parts.listSizes,
    ...(heavy
      ? { heavy: { cost: heavy.cost, gate: new HeavyGate(heavy.atOnce, heavy.waitMs) } }
      : {}),
    budget: new CostBudget(parts.redis),
    metrics: parts.metrics,
    documents: parts.documents,
  };
}

/** Who spends a budget: the token's subject, else the client address. */
function budgetKey(ctx: GatewayContext): string {
  return ctx.viewer.subject
    ? `sub:${ctx.viewer.role}:${ctx.viewer.subject}`
    : `ip:${ctx.clientAddress ?? 'unknown'}`;
}

/** The `limit` a QUERY_TOO_COMPLEX error names, for the rejections metric. */
export function limitOf(error: unknown): string {
  if (error instanceof GraphQLError && error.extensions['code'] === 'BAD_USER_INPUT') {
    return 'variables';
  }
  return error instanceof GraphQLError ? String(error.extensions['limit'] ?? 'other') : 'other';
}

/** BAD_USER_INPUT with HTTP 400, for input refused before execution. */
function refusedInput(invalid: Parameters<typeof badUserInput>[0]): GraphQLError {
  const error = badUserInput(invalid);
  Object.assign(error.extensions, { http: { status: 400 } });
  return error;
}

/** Names at most this many undeclared variables; the count says how many there were. */
const NAMED_AT_MOST = 10;

/**
 * The request's variables coerced as execution will coerce them (graphql-js `getVariableValues`:
 * defaults applied, types checked). A variable the operation does not declare is refused, with
 * its name: it would only be carried around, memoised and logged.
 */
function coerceVariables(
  schema: Parameters<typeof getVariableValues>[0],
  operation: OperationDefinitionNode,
  inputs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const definitions: readonly VariableDefinitionNode[] = operation.variableDefinitions ?? [];
  const declared = new Set(definitions.map((d) => d.variable.name.value));
  const undeclared = Object.keys(inputs).filter((name) => !declared.has(name));
  if (undeclared.length > 0) {
    throw refusedInput(
      undeclared.slice(0, NAMED_AT_MOST).map((name) => ({
        field: `$${name.slice(0, 64)}`,
        message: `is not declared by the operation${undeclared.length > NAMED_AT_MOST ? ` (${undeclared.length} undeclared variables in all)` : ''}`,
      })),
    );
  }
  const coerced = getVariableValues(schema, definitions, inputs, { maxErrors: NAMED_AT_MOST });
  if (coerced.errors) {
    throw refusedInput(
      coerced.errors.map((error) => {
        const node = error.nodes?.[0];
        const name =
          node && 'variable' in node
            ? `$${(node as VariableDefinitionNode).variable.name.value}`
            : '$';
        return { field: name, message: error.message };
      }),
    );
  }
  return coerced.coerced;
}

/**
 * Charges the floor cost of one GraphQL request to its viewer's budget, before anything is
 * parsed: a request refused later (a parse error, a limit, undeclared variables) has still cost
 * this much. Throws RATE_LIMITED (HTTP 429, `retry-after`) once the budget is spent.
 */
export async function chargeFloor(
  options: Pick<LimitsOptions, 'tiers' | 'budget' | 'floorCost' | 'metrics'>,
  ctx: GatewayContext,
): Promise<void> {
  await chargeBeforeParsing(options, ctx, options.floorCost);
}

/**
 * Charges `amount` to the viewer's budget before Apollo parses the request (the floor, or a
 * response-cache hit's whole cost, gateway/cache-hits.ts); throws as `chargeFloor` does.
 */
export async function chargeBeforeParsing(
  options: Pick<LimitsOptions, 'tiers' | 'budget' | 'metrics'>,
  ctx: GatewayContext,
  amount: number,
): Promise<void> {
  const tier = options.tiers[limitTierOf(ctx.viewer.role)];
  const { spent, retryAfterSeconds } = await options.budget.spend(budgetKey(ctx), amount);
  ctx.charged = amount;
  if (spent > tier.budgetPerMinute) {
    options.metrics.limitRejections.inc({ limit: 'budgetPerMinute' });
    const error = rateLimited(
      `this viewer spent ${spent} cost units this minute, over the budget of ${tier.budgetPerMinute} by ${spent - tier.budgetPerMinute}`,
      retryAfterSeconds,
    );
    Object.assign(error.extensions, {
      http: {
        status: 429,
        headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]),
      },
    });
    throw error;
  }
}

/**
 * Takes one of the heavy operations' slots when `cost` makes the operation heavy (true), or
 * throws OVERLOADED (503, `retry-after: 1`) when none frees in time; false for a light one.
 */
async function heavySlot(
  options: Pick<LimitsOptions, 'heavy' | 'metrics'>,
  cost: number,
  headers: HeaderMap,
): Promise<boolean> {
  const heavy = options.heavy;
  if (!heavy || cost < heavy.cost) {
    return false;
  }
  if (!(await heavy.gate.acquire())) {
    options.metrics.limitRejections.inc({ limit: 'heavyOperations' });
    headers.set('retry-after', '1');
    throw overloaded(
      `${heavy.gate.running} heavy operations (cost ${heavy.cost} or more) are running and none finished within ${heavy.gate.waitMs} ms`,
      1,
    );
  }
  return true;
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
      // Apollo runs every plugin's didResolveOperation at once and answers as soon as one throws
      // (a NUL in a variable, nulVariablesPlugin), while this one may still be waiting on the
      // budget or for a slot: a slot it takes after the answer went out is given back at once.
      let answered = false;
      return {
        async willSendResponse() {
          answered = true;
          if (holdsSlot) {
            holdsSlot = false;
            options.heavy?.gate.release();
          }
        },
        async didResolveOperation(rc) {
          const tier = options.tiers[limitTierOf(rc.contextValue.viewer.role)];
          const operation = rc.operation;
          if (!operation) {
            return; // Refused by `resolvedOperationPlugin` (gateway/plugins.ts).
          }
          let cost: number;
          try {
            if (rc.request.query === undefined) {
              // Sent by persisted-query hash: the text was not checked before parsing.
              checkSource(rc.source, tier);
            }
            const variables = coerceVariables(rc.schema, operation, rc.request.variables ?? {});
            const measure = measureOperation(
              rc.schema,
              rc.document,
              operation,
              variables,
              { default: options.defaultListSize, assumed: options.listSizes?.() },
              { maxCost: tier.maxCost, maxDepth: tier.maxDepth },
            );
            checkMeasure(measure, tier);
            cost = measure.cost;
          } catch (error) {
            options.metrics.limitRejections.inc({ limit: limitOf(error) });
            throw error;
          }
          rc.contextValue.cost = cost;
          // The floor was charged before parsing; the rest of the cost now.
          const owed = Math.max(cost - (rc.contextValue.charged ?? 0), 0);
          const { spent, retryAfterSeconds } = await options.budget.spend(
            budgetKey(rc.contextValue),
            owed,
          );
          rc.contextValue.charged = (rc.contextValue.charged ?? 0) + owed;
          if (spent > tier.budgetPerMinute) {
            options.metrics.limitRejections.inc({ limit: 'budgetPerMinute' });
            rc.response.http.headers.set('retry-after', String(retryAfterSeconds));
            throw rateLimited(
              `this viewer spent ${spent} cost units this minute, over the budget of ${tier.budgetPerMinute} by ${spent - tier.budgetPerMinute}`,
              retryAfterSeconds,
            );
          }
          if (answered) {
            return; // Refused meanwhile by another plugin: no slot to wait for.
          }
          if (await heavySlot(options, cost, rc.response.http.headers)) {
            if (answered) {
              options.heavy?.gate.release();
              return;
            }
            holdsSlot = true;
          }
          options.documents?.admit(rc.document);
        },
      };
    },
  };
}
