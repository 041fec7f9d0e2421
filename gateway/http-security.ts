import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpSecurityOptions {
  /** Allowed origins (`https://dash.example.org`), or `*` for any; empty: no CORS headers. */
  readonly corsOrigins: readonly string[];
  readonly securityHeaders: boolean;
}

const ALLOWED_HEADERS =
  'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name';

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
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, x-response-cache, retry-after');
    }
    if (req.method === 'OPTIONS') {
      if (corsOk) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(204);
      res.end();
      return;
    }
    await listener(req, res);
  };
}
