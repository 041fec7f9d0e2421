import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../loaders/identity.js';
import type { Logger } from '../loaders/logger.js';
import type { GraphQLHttpOptions, RequestParts } from '../schema/server/http.js';
import { createBearerVerifier, viewerFromRequest } from './auth.js';
import { clientAddressOf, trustedProxies } from './client-address.js';
import { limitTierOf, type GatewayConfig } from './config.js';
import { chargeFloor, limitOf, type LimitsOptions } from './limits-plugin.js';
import { checkSource } from './limits.js';
import { checkTrustedDocument, type TrustedDocuments } from './trusted-documents.js';
import type { UsageRecord } from './usage.js';

/** What the gateway knows about each request. */
export interface GatewayContext {
  /** Made by the gateway; forwarded to subgraphs as their `x-request-id`. */
  readonly requestId: string;
  /** The client's own `x-request-id`, logged under its own key, never forwarded as ours. */
  readonly clientRequestId?: string | undefined;
  readonly viewer: Viewer;
  /** The client's address: the budget key of anonymous viewers. */
  readonly clientAddress?: string;
  /** The operation's estimated cost, once the limits plugin measured it. */
  cost?: number;
  /** Cost units charged to the viewer's budget so far (the floor, then the rest). */
  charged?: number;
  /**
   * The request's key in the index of response-cache hits (gateway/cache-hits.ts), when it may
   * be answered there next time; the response cache records it once the request got that far.
   */
  hitKey?: string;
  /** The field usage the usage plugin recorded for this request, replayed on a cache hit. */
  usage?: UsageRecord;
}

/** The query text of a request before parsing: a POST body's `query`, or a GET's `?query=`. */
function rawQuery(body: unknown, search: string): string | undefined {
  if (body && typeof body === 'object' && 'query' in body) {
    const query = (body as { query: unknown }).query;
    return typeof query === 'string' ? query : undefined;
  }
  return new URLSearchParams(search).get('query') ?? undefined;
}

interface ContextParts {
  readonly config: Required<GatewayConfig>;
  readonly trusted: TrustedDocuments;
  readonly limits: LimitsOptions;
  readonly logger: Logger;
}

export type ViewerContext = (
  req: IncomingMessage,
  requestId: string,
  request: RequestParts,
) => Promise<GatewayContext>;

/** Who is asking: the request id, the client address (through the trusted proxies), the viewer. */
export function viewerContext(config: Required<GatewayConfig>): ViewerContext {
  const proxies = trustedProxies(config.trustedProxies);
  const verifyBearer = createBearerVerifier({
    secret: config.jwtSecret,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    jwks: config.jwks,
    clockSkewSeconds: config.jwtClockSkewSeconds,
  });
  return async (req, requestId, request) => {
    const clientAddress = clientAddressOf(req, proxies);
    const viewer = await viewerFromRequest(req, verifyBearer);
    return {
      requestId,
      ...(request.clientRequestId ? { clientRequestId: request.clientRequestId } : {}),
      viewer,
      ...(clientAddress ? { clientAddress } : {}),
    };
  };
}

/** The trusted-documents check of one request (throws when it is refused). */
export function checkTrusted(
  parts: Pick<ContextParts, 'config' | 'trusted' | 'logger'>,
  req: IncomingMessage,
  ctx: GatewayContext,
  request: RequestParts,
): void {
  checkTrustedDocument(
    parts.config.trustedDocuments,
    parts.trusted,
    {
      req,
      role: ctx.viewer.role,
      body: request.body,
      search: request.search,
      requestId: ctx.requestId,
    },
    parts.logger,
  );
}

/**
 * The checks every request passes before Apollo parses it: the floor cost charged to its
 * viewer's budget (unless `ctx.charged` says it paid already), the trusted-documents check,
 * and the size and token limits on the raw text, so a hostile document costs only a lexer pass.
 */
export async function admitRequest(
  parts: ContextParts,
  req: IncomingMessage,
  ctx: GatewayContext,
  request: RequestParts,
): Promise<GatewayContext> {
  const { limits } = parts;
  const { viewer } = ctx;
  if (ctx.charged === undefined) {
    // Every request pays the floor before anything is parsed, refused ones included.
    await chargeFloor(limits, ctx);
  }
  checkTrusted(parts, req, ctx, request);
  const query = rawQuery(request.body, request.search);
  if (query !== undefined) {
    try {
      checkSource(query, limits.tiers[limitTierOf(viewer.role)]);
    } catch (error) {
      limits.metrics.limitRejections.inc({ limit: limitOf(error) });
      throw error;
    }
  }
  return ctx;
}

/** Each request's context before Apollo parses anything: `viewerContext`, then `admitRequest`. */
export function requestContext(
  parts: ContextParts,
  who: ViewerContext = viewerContext(parts.config),
): GraphQLHttpOptions<GatewayContext>['context'] {
  return async (req, requestId, request) =>
    admitRequest(parts, req, await who(req, requestId, request), request);
}
