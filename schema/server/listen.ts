import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendFailure } from './http.js';

export interface Listening {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Node's HTTP server limits, set deliberately for every server of the graph (docs/reliability.md):
 * a slow client cannot hold a socket open without sending, and a request's head stays small.
 */
const HTTP_SERVER_LIMITS = {
  /** The request line and headers must arrive within this (Node's default: 60 s). Slowloris. */
  headersTimeoutMs: 10_000,
  /** The whole request, body included, must arrive within this (Node's default: 300 s). */
  requestTimeoutMs: 30_000,
  /** Idle keep-alive sockets close after this: longer than a load balancer's usual 60 s. */
  keepAliveTimeoutMs: 65_000,
  /** A socket with no traffic at all for this long is closed (Node's default: never). */
  socketIdleTimeoutMs: 120_000,
  /** Request line plus headers; larger gets 431 (Node's default, written down). */
  maxHeaderBytes: 16 * 1024,
  /** Headers beyond this many are dropped (Node's default: 2,000). */
  maxHeadersCount: 100,
  /** Requests served on one keep-alive socket before it is closed (Node's default: unlimited). */
  maxRequestsPerSocket: 10_000,
} as const;

/** Listens (port 0 picks a free port) and resolves with the real URL. */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  options: { host: string; port: number; path?: string },
): Promise<Listening> {
  const server = createServer(
    {
      headersTimeout: HTTP_SERVER_LIMITS.headersTimeoutMs,
      requestTimeout: HTTP_SERVER_LIMITS.requestTimeoutMs,
      keepAliveTimeout: HTTP_SERVER_LIMITS.keepAliveTimeoutMs,
      maxHeaderSize: HTTP_SERVER_LIMITS.maxHeaderBytes,
      requireHostHeader: true,
      insecureHTTPParser: false,
    },
    (req, res) => {
      // A client that resets mid-body or mid-answer makes these streams emit 'error'; with no
      // listener that would be an uncaught exception.
      req.on('error', () => undefined);
      res.on('error', () => undefined);
      Promise.resolve()
        .then(() => listener(req, res))
        .catch((error: unknown) => sendFailure(res, error, 0));
    },
  );
  server.maxHeadersCount = HTTP_SERVER_LIMITS.maxHeadersCount;
  server.maxRequestsPerSocket = HTTP_SERVER_LIMITS.maxRequestsPerSocket;
  server.timeout = HTTP_SERVER_LIMITS.socketIdleTimeoutMs;
  // Requests Node refuses before any listener sees them (a 10 MB URL, broken HTTP, headers too
  // slow) still get a GraphQL error with a code, never a bare connection reset.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'The request line or headers are too large; send the query in a POST body.',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request did not arrive in time.']
          : [400, 'Bad Request', 'The request is not valid HTTP.'];
    const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${host}:${port}${options.path ?? '/graphql'}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
