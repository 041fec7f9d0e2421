import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CircuitBreaker } from '../loaders/circuit-breaker.js';
import {
  requestBinding,
  VIEWER_HEADER,
  type Viewer,
  type ViewerSigner,
} from '../loaders/identity.js';
import { injectTraceContext } from '../loaders/tracing.js';
import { subgraphUnavailable } from '../schema/errors.js';
import { REQUEST_ID_HEADER } from '../schema/server/http.js';
import type { GatewayContext } from './context.js';
import type { GatewayMetrics } from './metrics.js';
import {
  fetchCapped,
  ResponseTooLarge,
  SubgraphHeaders,
  SubgraphResponse,
} from './subgraph-fetch.js';

interface ResilienceOptions {
  readonly name: string;
  /** One deadline for a fetch, retries included: a timed-out fetch is aborted, not retried. */
  readonly timeoutMs: number;
  /** Retries of a failed query fetch; mutations are never retried. */
  readonly retries: number;
  /** The first retry waits up to this long (full jitter), each later one twice as long; ≤ 1 s. */
  readonly retryBaseMs?: number;
  /** A response body larger than this is cut off (SUBGRAPH_UNAVAILABLE); default 16 MiB. */
  readonly maxResponseBytes?: number;
  readonly breaker: { readonly failureThreshold: number; readonly resetMs: number };
  /** Share one fetch among identical queries in flight for the same viewer (default on). */
  readonly deduplicate?: boolean;
  readonly metrics: GatewayMetrics;
}

type FailureReason = 'timeout' | 'network' | 'http_5xx' | 'too_large';

const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * How long to wait before retry `attempt` (1, 2, …): "full jitter" exponential backoff, a random
 * delay up to `baseMs · 2^(attempt−1)`, at most 1 s, so retries of many requests spread out.
 */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random) {
  return Math.floor(random() * Math.min(1_000, baseMs * 2 ** (attempt - 1)));
}

/** Why a fetch failed, or `undefined` when the subgraph answered (a 4xx is an answer). */
function failureReason(error: unknown): FailureReason | undefined {
  if (error instanceof ResponseTooLarge) {
    return 'too_large';
  }
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

/**
 * A subgraph's 4xx that carries a GraphQL response (`errors` with codes: BAD_USER_INPUT for a
 * malformed scalar, UNAUTHENTICATED for a forged identity header, …) is an answer, not a failure.
 * Apollo's RemoteGraphQLDataSource throws on every non-2xx status and replaces the body with
 * "400: Bad Request", which then reached clients as INTERNAL_SERVER_ERROR with `data: null`; here
 * such a response is handed on as a 200, so the gateway merges its errors, each keeping its code
 * and gaining `serviceName`, and the other fetches' data is still returned. 5xx and non-GraphQL
 * bodies stay failures.
 */
async function graphQLAnswerOf(response: SubgraphResponse): Promise<SubgraphResponse> {
  const type = response.headers.get('content-type') ?? '';
  if (
    response.status < 400 ||
    response.status >= 500 ||
    !(type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))
  ) {
    return response;
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const isGraphQLAnswer =
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e: unknown) =>
        typeof (e as { message?: unknown })?.message === 'string' &&
        typeof (e as { extensions?: { code?: unknown } })?.extensions?.code === 'string',
    );
  const headers = new SubgraphHeaders(response.headers);
  headers.delete('content-length');
  return new SubgraphResponse(
    text,
    isGraphQLAnswer ? 200 : response.status,
    isGraphQLAnswer ? 'OK' : response.statusText,
    headers,
    response.url,
  );
}

/** Waits `ms`, or less when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

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

/** Who signs the viewer header toward one subgraph, and the name the header is addressed to. */
interface ViewerSigning {
  /** The subgraph's name: the header's audience. */
  readonly audience: string;
  /** `undefined`: the viewer is not forwarded (the subgraph sees `public`). */
  readonly signer: ViewerSigner | undefined;
}

/**
 * One subgraph, as the gateway sees it. Forwards the request id and the viewer in a header
 * signed (Ed25519) for this subgraph and this operation, used once, so a subgraph trusts the
 * viewer only when it came from the gateway to it. Each fetch has one deadline, retries included;
 * at the deadline the fetch is aborted, its connection closed, and the subgraph cancels the SQL it
 * was running for it. A query that could not reach the subgraph or got a 5xx is retried after a
 * jittered exponential backoff (a mutation never: it may have been applied; a timeout never: the
 * deadline is spent, and a second try would double the subgraph's work). Response bodies are
 * capped in bytes. A circuit breaker fails fast while the subgraph is down and probes it again
 * after a while. Failures become SUBGRAPH_UNAVAILABLE naming the subgraph, so the other
 * subgraphs' data is still returned (partial results).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker: CircuitBreaker;
  /** Query fetches on the wire, by `inFlightKey`. */
  private readonly inFlight = new Map<string, Promise<ProcessResult>>();
  /** The deadline of the fetch being made, for the fetcher (Apollo passes it no signal). */
  private readonly deadline = new AsyncLocalStorage<AbortSignal>();

  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly signing: ViewerSigning,
    private readonly resilience?: ResilienceOptions,
  ) {
    super({
      ...config,
      fetcher: async (url, init) =>
        graphQLAnswerOf(
          await fetchCapped(
            url,
            init ?? {},
            resilience?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
            this.deadline.getStore() ??
              (resilience ? AbortSignal.timeout(resilience.timeoutMs) : undefined),
          ),
        ),
    });
    this.breaker = new CircuitBreaker(
      resilience?.breaker ?? { failureThreshold: Number.MAX_SAFE_INTEGER, resetMs: 1 },
      (open) => resilience?.metrics.circuitOpen.set({ subgraph: resilience.name }, open ? 1 : 0),
    );
  }

  /** Set for a PARTNER-tier subgraph: cuts `_entities` representations down to keys. */
  restrictRequest?: (request: GraphQLDataSourceProcessOptions['request']) => void;

  override async willSendRequest(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<void> {
    this.restrictRequest?.(options.request);
    const headers = options.request.http?.headers;
    if (!headers || !('context' in options) || !options.context?.viewer) {
      return;
    }
    headers.set(REQUEST_ID_HEADER, options.context.requestId);
    injectTraceContext(headers);
    const { signer, audience } = this.signing;
    if (options.context.viewer.role !== 'public' && signer) {
      const binding = requestBinding(options.request.query, options.request.variables);
      headers.set(VIEWER_HEADER, await signer.sign(options.context.viewer, audience, binding));
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
    const deadline = AbortSignal.timeout(r.timeoutMs);
    let reason: FailureReason | 'circuit_open' = 'circuit_open';
    try {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        if (!this.breaker.tryAcquire()) {
          reason = 'circuit_open';
          break;
        }
        try {
          // `process` may mutate the request's headers; each attempt gets a fresh copy.
          const response = await this.deadline.run(deadline, () =>
            super.process(
              attempt === 1 ? options : { ...options, request: { ...options.request } },
            ),
          );
          this.breaker.success();
          return response;
        } catch (error) {
          const failure = deadline.aborted ? 'timeout' : failureReason(error);
          if (!failure) {
            this.breaker.success();
            throw error;
          }
          reason = failure;
          r.metrics.subgraphFetchErrors.inc({ subgraph: r.name, reason: failure });
          if (failure === 'too_large') {
            // The subgraph answered; the query asked for too much. Not a fault of the subgraph.
            this.breaker.success();
            break;
          }
          this.breaker.failure();
          if (failure === 'timeout' || attempt === attempts) {
            break;
          }
          r.metrics.subgraphRetries.inc({ subgraph: r.name });
          await sleep(backoffMs(attempt, r.retryBaseMs ?? 50), deadline);
          if (deadline.aborted) {
            reason = 'timeout';
            break;
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
        too_large: `its response is larger than the gateway's cap of ${r.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES} bytes`,
      }[reason],
    );
  }
}
