import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { operationFromDocument } from '@apollo/federation-internals';
import type { ApolloGateway } from '@apollo/gateway';
import { parse } from 'graphql';
import type { ClientOperation } from '../clients/operations/index.js';
import type { Logger } from '../loaders/logger.js';

type Planner = NonNullable<ReturnType<ApolloGateway['__testing']>['queryPlanner']>;
type QueryPlan = ReturnType<Planner['buildQueryPlan']>;

/** A document the gateway will be sent: its exact text and its one operation's name. */
export interface WarmDocument {
  readonly name: string;
  readonly body: string;
}

/** The part of the plan cache the warm-up writes to. */
interface PlanStore {
  set(key: string, plan: QueryPlan): Promise<void>;
}

/** How long a warm-up may take before it stops, planning the rest on demand. */
export const PLAN_WARMUP_BUDGET_MS = 10_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The gateway's own query planner for the supergraph it serves now (the one it plans requests
 * with), if loaded. @apollo/gateway 2.x exposes it only through `__testing()`, a public method
 * meant for its own tests: isolated here, and test/gateway/plan-warmup.test.ts fails if it goes.
 */
export function gatewayPlanner(gateway: ApolloGateway): Planner | undefined {
  return gateway.__testing().queryPlanner;
}

/**
 * The keys @apollo/gateway 2.x looks a plan up by (`ApolloGateway.executor`): the request's
 * `queryHash` (Apollo Server's SHA-256 of the query text, or the persisted-query hash, the same
 * thing), hashed again with the operation name when the request names it; both, as a client may
 * send the name or not.
 */
export function planCacheKeys(body: string, operationName: string): [string, string] {
  const queryHash = sha256(body);
  return [createHash('sha256').update(queryHash).update(operationName).digest('hex'), queryHash];
}

/**
 * Plans each document with the gateway's planner, as `ApolloGateway.executor` would on its first
 * request (same API schema, same planner options), and stores the plan under its keys. Yields
 * between documents; stops at `budgetMs` or once `current()` says the supergraph changed (so a
 * plan of an old supergraph never enters the new cache). A document that does not plan (not
 * valid against this supergraph) is logged and skipped. Never throws.
 */
export async function warmPlans(parts: {
  readonly planner: Planner;
  readonly store: PlanStore;
  readonly documents: readonly WarmDocument[];
  readonly current: () => boolean;
  readonly logger: Logger;
  readonly budgetMs?: number;
}): Promise<{ warmed: number; failed: number; left: number }> {
  const { planner, logger } = parts;
  const deadline = performance.now() + (parts.budgetMs ?? PLAN_WARMUP_BUDGET_MS);
  const apiSchema = planner.supergraph.apiSchema();
  // The options ApolloGateway reads from the same variables at construction.
  const options = {
    recursiveSelectionsLimitDisabled:
      process.env['APOLLO_DISABLE_SECURITY_RECURSIVE_SELECTIONS_CHECK'] === 'true',
    nonLocalSelectionsLimitDisabled:
      process.env['APOLLO_DISABLE_SECURITY_NON_LOCAL_SELECTIONS_CHECK'] === 'true',
  };
  let warmed = 0;
  let failed = 0;
  for (const [index, document] of parts.documents.entries()) {
    await nextTurn();
    if (!parts.current() || performance.now() > deadline) {
      return { warmed, failed, left: parts.documents.length - index };
    }
    try {
      const operation = operationFromDocument(apiSchema, parse(document.body), {
        operationName: document.name,
      });
      const plan = planner.buildQueryPlan(operation, options);
      // Stored in the turn it was planned, so no reload comes between.
      await Promise.all(
        planCacheKeys(document.body, document.name).map((key) => parts.store.set(key, plan)),
      );
      warmed += 1;
    } catch (error) {
      failed += 1;
      logger.warn({ operation: document.name, err: String(error) }, 'query plan not warmed');
    }
  }
  return { warmed, failed, left: 0 };
}

/**
 * The warm-up of the trusted documents (both forms of each client operation) into the plan
 * cache: `warm()` at every supergraph load or update, after Apollo cleared the cache and made its
 * new planner; `settled()` resolves once the last one ended (within its time budget). Logs
 * `query plans warmed` with the counts; failures are logged, never thrown.
 */
export function planWarmer(
  gateway: ApolloGateway,
  store: PlanStore,
  operations: readonly ClientOperation[],
  logger: Logger,
) {
  const documents = operations.flatMap((operation) => [
    { name: operation.name, body: operation.body },
    { name: operation.name, body: operation.apolloClientBody },
  ]);
  let loads = 0;
  let warming: Promise<void> = Promise.resolve();
  const run = async (load: number) => {
    const planner = gatewayPlanner(gateway);
    if (!planner || documents.length === 0) {
      return;
    }
    const started = performance.now();
    const current = () => load === loads;
    const result = await warmPlans({ planner, store, documents, current, logger });
    const ms = Math.round(performance.now() - started);
    logger.info({ ...result, documents: documents.length, ms }, 'query plans warmed');
  };
  return {
    warm(): void {
      warming = run(++loads).catch((error: unknown) =>
        logger.warn({ err: String(error) }, 'query plans not warmed'),
      );
    },
    settled: (): Promise<void> => warming,
  };
}
