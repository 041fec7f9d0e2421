import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { signViewer, VIEWER_HEADER, type Viewer } from '../loaders/identity.js';
import { subgraphUnavailable } from '../schema/errors.js';
import { REQUEST_ID_HEADER } from '../schema/http.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { GatewayMetrics } from './metrics.js';

/** What the gateway knows about each request. */
export interface GatewayContext {
  readonly requestId: string;
  readonly viewer: Viewer;
  /** The client's address: the budget key of anonymous viewers. */
  readonly clientAddress?: string;
  /** The operation's estimated cost, once the limits plugin measured it. */
  cost?: number;
}

export interface ResilienceOptions {
  readonly name: string;
  readonly timeoutMs: number;
  /** Retries of a failed query fetch; mutations are never retried. */
  readonly retries: number;
  readonly breaker: { readonly failureThreshold: number; readonly resetMs: number };
  /** Share one fetch among identical queries in flight for the same viewer (default on). */
  readonly deduplicate?: boolean;
  readonly metrics: GatewayMetrics;
}

type FailureReason = 'timeout' | 'network' | 'http_5xx';

/** Why a fetch failed, or `undefined` when the subgraph answered (a 4xx is an answer). */
function failureReason(error: unknown): FailureReason | undefined {
  if (error instanceof GraphQLError) {
    const status = (error.extensions['response'] as { status?: number } | undefined)?.status;
    if (status === undefined) {
      return error.originalError ? failureReason(error.originalError) : undefined;
    }
    return status >= 500 ? 'http_5xx' : undefined;
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'timeout';
  }
  return 'network';
}

const MUTATION = /^\s*mutation\b/;

type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** A deep copy of a subgraph's answer; the HTTP response (read only: its headers) is shared. */
function copyOf(response: ProcessResult): ProcessResult {
  const { http, ...body } = response as ProcessResult & { http?: unknown };
  return { ...structuredClone(body), ...(http ? { http } : {}) } as ProcessResult;
}

/**
 * What makes two subgraph fetches the same: the viewer (answers depend on who asks), the
 * document and the variables. The request id is left out: it only labels logs.
 */
export function inFlightKey(
  viewer: Viewer | undefined,
  query: string,
  variables: Record<string, unknown> | undefined,
): string {
  return JSON.stringify([viewer ?? null, query, variables ?? null]);
}

/**
 * One subgraph, as the gateway sees it. Forwards the request id and the viewer, signed with the
 * secret shared by gateway and subgraphs, so a subgraph trusts the viewer only when it came
 * through the gateway. Each fetch has a timeout; a failed query is retried once (a mutation
 * never: it may have been applied); a circuit breaker fails fast while the subgraph is down and
 * probes it again after a while. Failures become SUBGRAPH_UNAVAILABLE naming the subgraph, so the
 * other subgraphs' data is still returned (partial results).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker: CircuitBreaker;
  /** Query fetches on the wire, by `inFlightKey`. */
  private readonly inFlight = new Map<string, Promise<ProcessResult>>();

  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly identitySecret: string,
    private readonly resilience?: ResilienceOptions,
  ) {
    super({
      ...config,
      // Node's global fetch (undici) keeps connections to each subgraph alive and reuses them.
      fetcher: ((url: string, init: RequestInit) =>
        fetch(url, {
          ...init,
          ...(resilience ? { signal: AbortSignal.timeout(resilience.timeoutMs) } : {}),
        })) as never,
    });
    this.breaker = new CircuitBreaker(
      resilience?.breaker ?? { failureThreshold: Number.MAX_SAFE_INTEGER, resetMs: 1 },
      (open) => resilience?.metrics.circuitOpen.set({ subgraph: resilience.name }, open ? 1 : 0),
    );
  }

  /** Set for a PARTNER-tier subgraph: cuts `_entities` representations down to keys. */
  restrictRequest?: (request: GraphQLDataSourceProcessOptions['request']) => void;

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    this.restrictRequest?.(options.request);
    const headers = options.request.http?.headers;
    if (!headers || !('context' in options) || !options.context?.viewer) {
      return;
    }
    headers.set(REQUEST_ID_HEADER, options.context.requestId);
    if (options.context.viewer.role !== 'public') {
      headers.set(VIEWER_HEADER, signViewer(options.context.viewer, this.identitySecret));
    }
  }

  /**
   * Identical queries of concurrent requests (a dashboard's refresh, a popular page) become one
   * subgraph fetch: the first caller's answer is shared, each later caller getting its own copy,
   * since the gateway merges other subgraphs' data into the objects it receives. Mutations are
   * never shared.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<ProcessResult> {
    const r = this.resilience;
    const query = options.request.query ?? '';
    if (
      !r?.deduplicate ||
      String(options.kind) !== 'incoming operation' ||
      !('context' in options) ||
      MUTATION.test(query)
    ) {
      return this.fetchResiliently(options);
    }
    const key = inFlightKey(options.context?.viewer, query, options.request.variables);
    const shared = this.inFlight.get(key);
    if (shared) {
      r.metrics.subgraphFetchesShared.inc({ subgraph: r.name });
      return copyOf(await shared);
    }
    const fetching = this.fetchResiliently(options);
    this.inFlight.set(key, fetching);
    try {
      return await fetching;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async fetchResiliently(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<ProcessResult> {
    const r = this.resilience;
    if (!r || String(options.kind) !== 'incoming operation') {
      return super.process(options);
    }
    const attempts = MUTATION.test(options.request.query ?? '') ? 1 : 1 + r.retries;
    const started = performance.now();
    let reason: FailureReason | 'circuit_open' = 'circuit_open';
    try {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        if (!this.breaker.tryAcquire()) {
          reason = 'circuit_open';
          break;
        }
        try {
          // `process` may mutate the request's headers; each attempt gets a fresh copy.
          const response = await super.process(
            attempt === 1 ? options : { ...options, request: { ...options.request } },
          );
          this.breaker.success();
          return response;
        } catch (error) {
          const failure = failureReason(error);
          if (!failure) {
            this.breaker.success();
            throw error;
          }
          this.breaker.failure();
          reason = failure;
          r.metrics.subgraphFetchErrors.inc({ subgraph: r.name, reason: failure });
          if (attempt < attempts) {
            r.metrics.subgraphRetries.inc({ subgraph: r.name });
          }
        }
      }
    } finally {
      r.metrics.subgraphFetchDuration.observe(
        { subgraph: r.name },
        (performance.now() - started) / 1000,
      );
    }
    if (reason === 'circuit_open') {
      r.metrics.subgraphFetchErrors.inc({ subgraph: r.name, reason });
    }
    throw subgraphUnavailable(
      r.name,
      {
        circuit_open:
          'its circuit breaker is open after repeated failures; it is probed again shortly',
        timeout: `no answer within ${r.timeoutMs} ms`,
        network: 'it cannot be reached',
        http_5xx: 'it answered with a server error',
      }[reason],
    );
  }
}
