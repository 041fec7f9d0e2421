import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { requestScope } from '../../loaders/process-guard.js';
import { sendApolloResponse, type HttpAnswer } from './http-response.js';

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
    request: RequestParts,
  ) => Promise<Ctx>;
  /**
   * Runs before Apollo Server and may answer the request itself (a response-cache hit, served
   * without parsing, validating or planning), or hand Apollo the context it built, which
   * `context` then does not build again. `undefined`: Apollo, with `context`, as usual. An error
   * it throws is answered as one `context` throws would be.
   */
  readonly shortcut?: (
    req: IncomingMessage,
    requestId: string,
    request: RequestParts,
  ) => Promise<{ readonly response: HttpAnswer } | { readonly context: Ctx } | undefined>;
  readonly maxBodyBytes: number;
  /** Extra routes by exact path: `/health`, `/ready`, `/metrics`. */
  readonly routes?: Readonly<Record<string, Route>>;
  /**
   * Routes by path prefix, such as `/dashboard` for `/dashboard` and everything under
   * `/dashboard/`: static pages the gateway serves. Exact routes and the GraphQL path win.
   */
  readonly prefixRoutes?: Readonly<Record<string, Route>>;
  /** Where GraphQL is served. */
  readonly graphqlPath?: string;
  /**
   * Serve a GET that names a persisted query by hash alone (no `query`) without Apollo's CSRF
   * header: it can only run a query already registered, and credentials travel in a header a
   * cross-site page cannot set, never in cookies (docs/security.md). Default false.
   */
  readonly safePersistedGets?: boolean;
  /** Hears errors thrown while building the context, which Apollo's plugins never see. */
  readonly onContextError?: (error: unknown, requestId: string) => void;
}

/** What the HTTP layer read of a GraphQL request, for checks before Apollo parses anything. */
export interface RequestParts {
  /** The parsed body (a POST with a JSON content type), its text (other POSTs), or undefined (GET). */
  readonly body: unknown;
  /** A POST's body exactly as sent (UTF-8 text); '' for GET. */
  readonly rawBody: string;
  /** The query string, with its `?`, or ''. */
  readonly search: string;
  /** The caller's own `x-request-id`, if well-formed: for correlation only, never trusted. */
  readonly clientRequestId: string | undefined;
}

export const REQUEST_ID_HEADER = 'x-request-id';

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
 * The path and query string of a request target, split by hand: `new URL(target, base)` throws on
 * targets Node's parser accepts (`//`, `//@`, `/\\`, `//a b`), and a request must never throw its
 * way out of the listener.
 */
export function requestTarget(target: string | undefined): { pathname: string; search: string } {
  const raw = target ?? '/';
  const q = raw.indexOf('?');
  return q < 0
    ? { pathname: raw, search: '' }
    : { pathname: raw.slice(0, q), search: raw.slice(q) };
}

/**
 * The caller's `x-request-id`, kept only when it is 1–128 visible ASCII characters. It is logged
 * and audited under its own key (`clientRequestId`); the server always makes its own request id,
 * so a client can neither choose nor collide with the id its writes are audited under.
 */
function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const value = req.headers[REQUEST_ID_HEADER];
  return typeof value === 'string' && /^[\x21-\x7e]{1,128}$/.test(value) ? value : undefined;
}

/** The prefix route serving `pathname`: the prefix itself or anything under `<prefix>/`. */
function prefixRouteOf(
  routes: Readonly<Record<string, Route>> | undefined,
  pathname: string,
): Route | undefined {
  for (const [prefix, route] of Object.entries(routes ?? {})) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
      return route;
    }
  }
  return undefined;
}

/**
 * A node:http request listener serving Apollo Server (our own small integration: Apollo Server 5
 * ships none for plain node:http beyond `startStandaloneServer`, which takes no extra routes).
 * Bad bodies (too large, not UTF-8, malformed JSON) get a 4xx GraphQL error, never a 5xx.
 */
export function graphqlHttpListener<Ctx extends BaseContext>(options: GraphQLHttpOptions<Ctx>) {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = requestTarget(req.url);
      const route = Object.hasOwn(options.routes ?? {}, url.pathname)
        ? options.routes?.[url.pathname]
        : url.pathname === graphqlPath
          ? undefined
          : prefixRouteOf(options.prefixRoutes, url.pathname);
      if (route) {
        await route(req, res);
        return;
      }
      if (refusedBeforeGraphQL(req, res, url.pathname, graphqlPath)) {
        return;
      }
      const requestId = randomUUID();
      res.setHeader(REQUEST_ID_HEADER, requestId);
      await requestScope.run({ requestId }, () =>
        serveGraphQL(options, req, res, requestId, url.search),
      );
    } catch (error) {
      sendFailure(res, error, options.maxBodyBytes);
    }
  };
}

/** Answers a request for another path (404) or with another method (405); true if it did. */
function refusedBeforeGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  graphqlPath: string,
): boolean {
  if (pathname !== graphqlPath) {
    sendGraphQLError(
      res,
      404,
      'NOT_FOUND',
      `No route ${JSON.stringify(pathname.slice(0, 200))}; GraphQL is served at ${graphqlPath}.`,
    );
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, POST');
    sendGraphQLError(
      res,
      405,
      'BAD_REQUEST',
      `GraphQL is served over GET and POST; ${JSON.stringify(req.method?.slice(0, 20))} is not supported.`,
    );
    return true;
  }
  return false;
}

/**
 * A POST's body: parsed JSON for a JSON content type, else the text. `undefined` when the body was
 * refused (not UTF-8, not JSON) and the answer is sent already.
 */
async function requestBodyOf(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<{ readonly value: unknown; readonly text: string } | undefined> {
  if (req.method !== 'POST') {
    return { value: undefined, text: '' };
  }
  const raw = await readBody(req, maxBytes);
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.includes('json')) {
    const text = raw.toString('utf8');
    return { value: text, text };
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid UTF-8.');
    return undefined;
  }
  try {
    return { value: text.length === 0 ? undefined : JSON.parse(text), text };
  } catch {
    sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    return undefined;
  }
}

function headerMapOf(req: IncomingMessage, safePersistedGet: boolean): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  if (safePersistedGet) {
    // Apollo's CSRF check wants this header on every GET; a hash-only GET is safe without it.
    headers.set('apollo-require-preflight', 'hash-only-persisted-query');
  }
  return headers;
}

async function serveGraphQL<Ctx extends BaseContext>(
  options: GraphQLHttpOptions<Ctx>,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  search: string,
): Promise<void> {
  const body = await requestBodyOf(req, res, options.maxBodyBytes);
  if (!body) {
    return;
  }
  const request: RequestParts = {
    body: body.value,
    rawBody: body.text,
    search,
    clientRequestId: clientRequestIdOf(req),
  };
  const early = await earlyAnswer(options, req, requestId, request);
  if (early && 'response' in early) {
    await sendApolloResponse(req, res, early.response);
    return;
  }
  const safePersistedGet =
    options.safePersistedGets === true && req.method === 'GET' && isHashOnlyPersistedGet(search);
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method ?? 'GET',
      headers: headerMapOf(req, safePersistedGet),
      search,
      body: body.value,
    },
    context: async () => {
      if (early && 'failed' in early) {
        throw early.failed;
      }
      if (early && 'context' in early) {
        return early.context;
      }
      try {
        return await options.context(req, requestId, request);
      } catch (error) {
        options.onContextError?.(error, requestId);
        throw error;
      }
    },
  });
  await sendApolloResponse(req, res, response);
}

/** The shortcut's answer, its context for Apollo, or the error it threw (Apollo answers that). */
async function earlyAnswer<Ctx extends BaseContext>(
  options: GraphQLHttpOptions<Ctx>,
  req: IncomingMessage,
  requestId: string,
  request: RequestParts,
): Promise<{ response: HttpAnswer } | { context: Ctx } | { failed: unknown } | undefined> {
  try {
    return await options.shortcut?.(req, requestId, request);
  } catch (error) {
    options.onContextError?.(error, requestId);
    return { failed: error };
  }
}

/**
 * Whether a GET's query string names a persisted query by its hash alone: `extensions` holds
 * `persistedQuery.sha256Hash` and no `query` is given.
 */
export function isHashOnlyPersistedGet(search: string): boolean {
  const params = new URLSearchParams(search);
  if (params.has('query')) {
    return false;
  }
  try {
    const extensions = JSON.parse(params.get('extensions') ?? 'null') as {
      persistedQuery?: { sha256Hash?: unknown };
    } | null;
    return typeof extensions?.persistedQuery?.sha256Hash === 'string';
  } catch {
    return false;
  }
}

/** The answer to a request whose handling threw: a coded error, never a stack trace. */
export function sendFailure(res: ServerResponse, error: unknown, maxBodyBytes: number): void {
  try {
    if (res.headersSent || res.destroyed) {
      res.end();
      return;
    }
    if (error instanceof BodyTooLarge) {
      sendGraphQLError(
        res,
        413,
        'BAD_REQUEST',
        `The request body is larger than ${maxBodyBytes} bytes.`,
      );
      return;
    }
    sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  } catch {
    res.destroy();
  }
}
