import type { IncomingMessage, ServerResponse } from 'node:http';

interface HttpSecurityOptions {
  /** Allowed origins (`https://dash.example.org`), or `*` for any; empty: same-origin only. */
  readonly corsOrigins: readonly string[];
  readonly securityHeaders: boolean;
}

/**
 * The headers Apollo Server's CSRF prevention accepts as proof of a preflighted request (its
 * default `csrfPrevention.requestHeaders`, which the gateway keeps).
 */
export const CSRF_PREFLIGHT_HEADERS = [
  'apollo-require-preflight',
  'x-apollo-operation-name',
] as const;

/**
 * The request headers a cross-origin page may send: what GraphQL clients really send. Apollo
 * Client's client awareness (`apollographql-client-name`/`-version`), W3C trace context
 * (`traceparent`, `tracestate`, `baggage`, set by OpenTelemetry's fetch instrumentation), Apollo's
 * CSRF-prevention header, a conditional GET's `if-none-match`, and the export's `accept`.
 */
export const CORS_ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'x-request-id',
  ...CSRF_PREFLIGHT_HEADERS,
  'apollographql-client-name',
  'apollographql-client-version',
  'traceparent',
  'tracestate',
  'baggage',
  'if-none-match',
] as const;

/** Response headers a cross-origin page may read (the safelisted ones need no listing). */
const CORS_EXPOSED_HEADERS = [
  'x-request-id',
  'x-response-cache',
  'retry-after',
  'etag',
  'content-disposition',
] as const;

/** Checks one `CORS_ORIGINS` entry: `*`, or an origin (`https://host[:port]`, no path). */
export function corsOriginProblem(entry: string): string | undefined {
  if (entry === '*') {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `${JSON.stringify(entry)} is not an origin: write it as https://host[:port]`;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry) {
    return `${JSON.stringify(entry)} is not an origin: write it as ${url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : 'https://host[:port]'} (scheme, host and port only, no path or trailing slash)`;
  }
  return undefined;
}

/** The startup line saying what CORS allows, so an operator sees it without reading code. */
export function corsSummary(origins: readonly string[]): string {
  if (origins.length === 0) {
    return 'CORS: same-origin only (CORS_ORIGINS is unset): browsers refuse pages of other origins; set CORS_ORIGINS to a comma-separated list of origins, or * for any';
  }
  const who = origins.includes('*') ? 'any origin (*)' : origins.join(', ');
  return `CORS: allowed origins ${who}; methods GET, POST; request headers ${CORS_ALLOWED_HEADERS.join(', ')}; no credentials (bearer tokens only)`;
}

/**
 * Wraps a listener with CORS for dashboard origins (preflight answered here) and conservative
 * security headers. Credentials are bearer tokens, never cookies, so no `allow-credentials`.
 */
export function withHttpSecurity(
  listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: HttpSecurityOptions,
) {
  const any = options.corsOrigins.includes('*');
  const allowed = new Set(options.corsOrigins);
  const allowHeaders = CORS_ALLOWED_HEADERS.join(', ');
  const exposeHeaders = CORS_EXPOSED_HEADERS.join(', ');
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (options.securityHeaders) {
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('x-frame-options', 'DENY');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cross-origin-resource-policy', any ? 'cross-origin' : 'same-site');
    }
    const origin = req.headers.origin;
    const corsOk = origin !== undefined && (any || allowed.has(origin));
    if (corsOk) {
      res.setHeader('access-control-allow-origin', any ? '*' : origin);
      res.setHeader('access-control-expose-headers', exposeHeaders);
    }
    if (!any && allowed.size > 0) {
      // The answer depends on the origin asked from: a shared cache must keep them apart.
      res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS') {
      if (corsOk) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', allowHeaders);
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(204);
      res.end();
      return;
    }
    await listener(req, res);
  };
}
