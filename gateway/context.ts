import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../loaders/identity.js';
import type { Logger } from '../loaders/logger.js';
import type { GraphQLHttpOptions } from '../schema/server/http.js';
import { createBearerVerifier, viewerFromRequest } from './auth.js';
import { clientAddressOf, trustedProxies } from './client-address.js';
import { limitTierOf, type GatewayConfig } from './config.js';
import { chargeFloor, limitOf, type LimitsOptions } from './limits-plugin.js';
import { checkSource } from './limits.js';
import { checkTrustedDocument, type TrustedDocuments } from './trusted-documents.js';

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
}

/** The query text of a request before parsing: a POST body's `query`, or a GET's `?query=`. */
function rawQuery(body: unknown, search: string): string | undefined {
  if (body && typeof body === 'object' && 'query' in body) {
    const query = (body as { query: unknown }).query;
    return typeof query === 'string' ? query : undefined;
  }
  return new URLSearchParams(search).get('query') ?? undefined;
}

/**
 * Builds each request's context before Apollo parses anything: the client address (through the
 * trusted proxies), the viewer (from the bearer token), the floor cost charged to its budget,
 * the trusted-documents check, and the size and token limits on the raw text, so a hostile
 * document costs only a lexer pass.
 */
export function requestContext(parts: {
  readonly config: Required<GatewayConfig>;
  readonly trusted: TrustedDocuments;
  readonly limits: LimitsOptions;
  readonly logger: Logger;
}): GraphQLHttpOptions<GatewayContext>['context'] {
  const { config, trusted, limits, logger } = parts;
  const proxies = trustedProxies(config.trustedProxies);
  const verifyBearer = createBearerVerifier({
    secret: config.jwtSecret,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    jwks: config.jwks,
    clockSkewSeconds: config.jwtClockSkewSeconds,
  });
  return async (req: IncomingMessage, requestId, request) => {
    const clientAddress = clientAddressOf(req, proxies);
    const viewer = await viewerFromRequest(req, verifyBearer);
    const ctx: GatewayContext = {
      requestId,
      ...(request.clientRequestId ? { clientRequestId: request.clientRequestId } : {}),
      viewer,
      ...(clientAddress ? { clientAddress } : {}),
    };
    // Every request pays the floor before anything is parsed, refused ones included.
    await chargeFloor(limits, ctx);
    checkTrustedDocument(
      config.trustedDocuments,
      trusted,
      { req, role: viewer.role, body: request.body, search: request.search, requestId },
      logger,
    );
    // Size and tokens before Apollo parses: a hostile document costs only a lexer pass.
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
  };
}
