import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface GraphQLHttpOptions<Ctx extends BaseContext> {
  readonly apollo: ApolloServer<Ctx>;
  /**
   * Builds the per-request context; may throw a GraphQLError (401 for a forged identity). `request`
   * is the parsed body (POST) and the query string (GET), for checks before parsing.
   */
  readonly context: (
    req: IncomingMessage,
    requestId: string,
    request: {
      readonly body: unknown;
      readonly search: string;
      /** The caller's own `x-request-id`, if well-formed: for correlation only, never trusted. */
      readonly clientRequestId: string | undefined;
    },
  ) => Promise<Ctx>;
  readonly maxBodyBytes: number;
  /** Extra routes by exact path: `/health`, `/ready`, `/metrics`. */
  readonly routes?: Readonly<Record<string, Route>>;
  /** Where GraphQL is served. */
  readonly graphqlPath?: string;
  /** Hears errors thrown while building the context, which Apollo's plugins never see. */
  readonly onContextError?: (error: unknown, requestId: string) => void;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The caller's `x-request-id`, kept only when it is 1–128 visible ASCII characters. It is logged
 * and audited under its own key (`clientRequestId`); the server always makes its own request id,
 * so a client can neither choose nor collide with the id its writes are audited under.
 */
export function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const value = req.headers[REQUEST_ID_HEADER];
  return typeof value === 'string' && /^[\x21-\x7e]{1,128}$/.test(value) ? value : undefined;
}

/** A JSON GraphQL error body for failures before Apollo Server sees the request. */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(value));
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    throw new BodyTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new BodyTooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A node:http request listener serving Apollo Server (our own small integration: Apollo Server 5
 * ships none for plain node:http beyond `startStandaloneServer`, which takes no extra routes).
 * Bad bodies (too large, not UTF-8, malformed JSON) get a 4xx GraphQL error, never a 5xx.
 */
export function graphqlHttpListener<Ctx extends BaseContext>(options: GraphQLHttpOptions<Ctx>) {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = options.routes?.[url.pathname];
    try {
      if (route) {
        await route(req, res);
        return;
      }
      if (url.pathname !== graphqlPath) {
        sendGraphQLError(
          res,
          404,
          'NOT_FOUND',
          `No route ${url.pathname}; GraphQL is served at ${graphqlPath}.`,
        );
        return;
      }
      const requestId = randomUUID();
      const clientRequestId = clientRequestIdOf(req);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      let body: unknown = undefined;
      if (req.method === 'POST') {
        const raw = await readBody(req, options.maxBodyBytes);
        const contentType = req.headers['content-type'] ?? '';
        if (contentType.includes('json')) {
          let text: string;
          try {
            text = utf8.decode(raw);
          } catch {
            sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid UTF-8.');
            return;
          }
          try {
            body = text.length === 0 ? undefined : JSON.parse(text);
          } catch {
            sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
            return;
          }
        } else {
          body = raw.toString('utf8');
        }
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) {
          headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
      }
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => {
          try {
            return await options.context(req, requestId, {
              body,
              search: url.search,
              clientRequestId,
            });
          } catch (error) {
            options.onContextError?.(error, requestId);
            throw error;
          }
        },
      });
      for (const [key, value] of response.headers) {
        res.setHeader(key, value);
      }
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) {
        res.write(chunk);
      }
      res.end();
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendGraphQLError(
          res,
          413,
          'BAD_REQUEST',
          `The request body is larger than ${options.maxBodyBytes} bytes.`,
        );
        return;
      }
      if (!res.headersSent) {
        sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      } else {
        res.end();
      }
    }
  };
}

export interface Listening {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Listens (port 0 picks a free port) and resolves with the real URL. */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  options: { host: string; port: number; path?: string },
): Promise<Listening> {
  const server = createServer((req, res) => void listener(req, res));
  server.keepAliveTimeout = 65_000;
  // Requests Node refuses before any listener sees them (a 10 MB URL, broken HTTP) still get a
  // GraphQL error with a code, never a bare connection reset.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      errors: [
        {
          message: tooLarge
            ? 'The request line or headers are too large; send the query in a POST body.'
            : 'The request is not valid HTTP.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
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
