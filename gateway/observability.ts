import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../loaders/logger.js';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';

const REJECTED = new Set([
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'UNAUTHENTICATED',
]);
/** Operation names are chosen by clients: keep the label set bounded. */
const MAX_OPERATION_LABELS = 500;

/**
 * One structured log line per GraphQL request (request id, operation, status, duration, cost,
 * response-cache result) and the request-duration histogram. Outcomes: `ok`, `partial` (data and
 * errors, such as a subgraph down), `rejected` (a client error before execution) and `error`.
 * Also turns PERSISTED_QUERY_NOT_FOUND into a 400 (Apollo answers 200): clients still retry
 * with the full query, and no cache keeps the miss.
 */
export function observabilityPlugin(
  logger: Logger,
  metrics: GatewayMetrics,
): ApolloServerPlugin<GatewayContext> {
  const seen = new Set<string>();
  const label = (name: string | null | undefined): string => {
    const n = name && /^[A-Za-z_]\w{0,63}$/.test(name) ? name : name ? 'other' : 'anonymous';
    if (seen.has(n) || seen.size < MAX_OPERATION_LABELS) {
      seen.add(n);
      return n;
    }
    return 'other';
  };
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          const errors = result.errors ?? [];
          const codes = errors.map((e) => String(e.extensions?.['code'] ?? 'UNKNOWN'));
          for (const code of codes) {
            metrics.graphqlErrors.inc({ code: /^[A-Z_]{1,40}$/.test(code) ? code : 'OTHER' });
          }
          if (codes.includes('PERSISTED_QUERY_NOT_FOUND')) {
            rc.response.http.status = 400;
          }
          const status =
            errors.length === 0
              ? 'ok'
              : result.data
                ? 'partial'
                : codes.every((c) => REJECTED.has(c))
                  ? 'rejected'
                  : 'error';
          const seconds = (performance.now() - started) / 1000;
          metrics.requestDuration.observe({ operation: label(rc.operationName), status }, seconds);
          logger.info(
            {
              requestId: contextValue.requestId,
              ...(contextValue.clientRequestId
                ? { clientRequestId: contextValue.clientRequestId }
                : {}),
              operation: rc.operationName ?? null,
              role: contextValue.viewer.role,
              status,
              httpStatus: rc.response.http.status ?? 200,
              durationMs: Math.round(seconds * 10_000) / 10,
              cost: contextValue.cost,
              cache: rc.response.http.headers.get('x-response-cache') ?? undefined,
              ...(codes.length > 0 ? { errorCodes: codes } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
