import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateReport, ReportError } from '../clients/report/index.js';
import type { Logger } from '../loaders/logger.js';
import { requestTarget, type Route } from '../schema/server/http.js';
import { PAGE_CSP } from './static-files.js';

/** The path of the report to the Commission. */
export const COMMISSION_REPORT_PATH = '/reports/commission';

/** Reports made at once by one gateway; more wait for none and get 503 (each asks the graph ~15 times). */
const MAX_CONCURRENT_REPORTS = 2;

const CODE_OF: Readonly<Record<number, string>> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  422: 'BAD_USER_INPUT',
};

function sendError(res: ServerResponse, status: number, field: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(
    JSON.stringify({
      errors: [
        {
          message,
          extensions: {
            code: CODE_OF[status] ?? (status === 503 ? 'SERVICE_UNAVAILABLE' : 'BAD_GATEWAY'),
            field,
          },
        },
      ],
    }),
  );
}

/** The gateway's own GraphQL URL as this request reached it: the socket's local address, never a header. */
function ownEndpoint(req: IncomingMessage, graphqlPath: string): string {
  let address = req.socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) {
    address = address.slice('::ffff:'.length);
  }
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}${graphqlPath}`;
}

/**
 * `GET /reports/commission?from=YYYY-MM-DD&to=YYYY-MM-DD[&includeSynthetic=true]`: the
 * implementation report as HTML, made by asking this gateway's own GraphQL endpoint with the
 * viewer's `Authorization` forwarded, so it shows exactly what that viewer may read (restricted
 * findings only for those who may read them; a public report names none). Bad input gets a
 * GraphQL-style error naming the field (`from`, `to`, `period`, `includeSynthetic`).
 */
export function commissionReportRoute(options: { graphqlPath: string; logger: Logger }): Route {
  let running = 0;
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendError(res, 405, 'method', `${COMMISSION_REPORT_PATH} answers GET only.`);
      return;
    }
    const query = new URLSearchParams(requestTarget(req.url).search);
    const synthetic = query.get('includeSynthetic');
    if (synthetic !== null && synthetic !== 'true' && synthetic !== 'false') {
      sendError(res, 400, 'includeSynthetic', 'includeSynthetic must be "true" or "false".');
      return;
    }
    if (running >= MAX_CONCURRENT_REPORTS) {
      res.setHeader('retry-after', '10');
      sendError(
        res,
        503,
        'report',
        'Reports are being made for other viewers; try again in a few seconds.',
      );
      return;
    }
    running++;
    try {
      const authorization = req.headers.authorization;
      const { html } = await generateReport({
        from: query.get('from') ?? undefined,
        to: query.get('to') ?? undefined,
        includeSynthetic: synthetic === 'true',
        endpoint: ownEndpoint(req, options.graphqlPath),
        ...(authorization ? { authorization } : {}),
      });
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        // Made with this viewer's rights: never stored by a shared cache.
        'cache-control': 'private, no-store',
        'content-security-policy': PAGE_CSP,
        vary: 'authorization',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    } catch (error) {
      if (error instanceof ReportError) {
        sendError(res, error.status, error.field, error.message);
        return;
      }
      options.logger.error({ err: error }, 'commission report failed');
      sendError(res, 500, 'report', 'Unexpected error.');
    } finally {
      running--;
    }
  };
}
