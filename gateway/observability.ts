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
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_TRUSTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
]);
/** Operation names are chosen by clients: keep the label set bounded. */
const MAX_OPERATION_LABELS = 500;

/** What one GraphQL request came to, for its log line and the request-duration histogram. */
export interface RequestOutcome {
  readonly context: GatewayContext;
  readonly operation: string | null | undefined;
  readonly status: 'ok' | 'partial' | 'rejected' | 'error';
  readonly httpStatus: number;
  readonly seconds: number;
  /** `hit` or `miss` when the response cache was asked. */
  readonly cache: string | undefined;
  readonly codes: readonly string[];
}

export type RequestRecorder = (outcome: RequestOutcome) => void;

/**
 * One structured log line per GraphQL request (request id, operation, status, duration, cost,
 * response-cache result) and the request-duration histogram, whether Apollo answered it or the
 * response cache did before Apollo (gateway/cache-hits.ts). Operation names label the histogram
 * up to a bound, as clients choose them.
 */
export function requestRecorder(logger: Logger, metrics: GatewayMetrics): RequestRecorder {
  const seen = new Set<string>();
  const label = (name: string | null | undefined): string => {
    const n = name && /^[A-Za-z_]\w{0,63}$/.test(name) ? name : name ? 'other' : 'anonymous';
    if (seen.has(n) || seen.size < MAX_OPERATION_LABELS) {
      seen.add(n);
      return n;
    }
    return 'other';
  };
  return ({ context, operation, status, httpStatus, seconds, cache, codes }) => {
    metrics.requestDuration.observe({ operation: label(operation), status }, seconds);
    logger.info(
      {
        requestId: context.requestId,
        ...(context.clientRequestId ? { clientRequestId: context.clientRequestId } : {}),
        operation: operation ?? null,
        role: context.viewer.role,
        status,
        httpStatus,
        durationMs: Math.round(seconds * 10_000) / 10,
        cost: context.cost,
        cache,
        ...(codes.length > 0 ? { errorCodes: codes } : {}),
      },
      'graphql request',
    );
  };
}

/**
 * Records every request Apollo answers (`requestRecorder`). Outcomes: `ok`, `partial` (data and
 * errors, such as a subgraph down), `rejected` (a client error before execution) and `error`.
 * Also turns PERSISTED_QUERY_NOT_FOUND into a 400 (Apollo answers 200): clients still retry
 * with the full query, and no cache keeps the miss.
 */
export function observabilityPlugin(
  record: RequestRecorder,
  metrics: GatewayMetrics,
): ApolloServerPlugin<GatewayContext> {
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
          record({
            context: contextValue,
            operation: rc.operationName,
            status:
              errors.length === 0
                ? 'ok'
                : result.data
                  ? 'partial'
                  : codes.every((c) => REJECTED.has(c))
                    ? 'rejected'
                    : 'error',
            httpStatus: rc.response.http.status ?? 200,
            seconds: (performance.now() - started) / 1000,
            cache: rc.response.http.headers.get('x-response-cache') ?? undefined,
            codes,
          });
        },
      };
    },
  };
}
