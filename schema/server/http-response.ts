import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderMap, HTTPGraphQLResponse } from '@apollo/server';

/**
 * An answer whose body is bytes already encoded as UTF-8, in pieces sent one after another (a
 * response-cache hit, sent as stored): sent as a complete body would be, ETag and 304 included,
 * without a string in between and without joining the pieces.
 */
export interface BytesResponse {
  readonly status?: number;
  readonly headers: HeaderMap;
  readonly body: { readonly kind: 'bytes'; readonly chunks: readonly Buffer[] };
}

/** What the HTTP layer sends: Apollo's answer, or one given as bytes. */
export type HttpAnswer = HTTPGraphQLResponse | BytesResponse;

/** Apollo's answer onto the wire: its headers, then the body whole (ETag, 304) or streamed. */
export async function sendApolloResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: HttpAnswer,
): Promise<void> {
  for (const [key, value] of response.headers) {
    res.setHeader(key, key === 'vary' ? mergedVary(res.getHeader('vary'), value) : value);
  }
  res.statusCode = response.status ?? 200;
  if (response.body.kind !== 'chunked') {
    const chunks = response.body.kind === 'bytes' ? response.body.chunks : [response.body.string];
    if (revalidates(req, res)) {
      const etag = strongEtag(chunks);
      res.setHeader('etag', etag);
      if (ifNoneMatch(req.headers['if-none-match'], etag)) {
        res.statusCode = 304;
        res.removeHeader('content-type');
        res.removeHeader('content-length');
        res.end();
        return;
      }
    }
    if (chunks.length === 1) {
      res.end(chunks[0]);
      return;
    }
    // The length of them all, so the pieces go out as one body, not in chunked encoding.
    res.setHeader(
      'content-length',
      chunks.reduce((n, chunk) => n + Buffer.byteLength(chunk), 0),
    );
    res.cork();
    for (const chunk of chunks) {
      res.write(chunk);
    }
    res.end();
    return;
  }
  for await (const chunk of response.body.asyncIterator) {
    res.write(chunk);
  }
  res.end();
}

/** One `Vary` value holding both lists, each name once. */
function mergedVary(existing: ReturnType<ServerResponse['getHeader']>, added: string): string {
  const names = [String(existing ?? ''), added]
    .flatMap((list) => list.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(names)].join(', ');
}

/** A successful GET whose `Cache-Control` lets a cache keep it: it gets an ETag, and 304s. */
function revalidates(req: IncomingMessage, res: ServerResponse): boolean {
  const cacheControl = String(res.getHeader('cache-control') ?? '');
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    res.statusCode === 200 &&
    /max-age=\d*[1-9]/.test(cacheControl) &&
    !cacheControl.includes('no-store')
  );
}

/** A strong validator: the SHA-256 of the exact bytes sent (a string is sent as UTF-8). */
function strongEtag(chunks: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) {
    hash.update(chunk);
  }
  return `"${hash.digest('base64url')}"`;
}

/** RFC 9110 If-None-Match: `*`, or any listed tag equal to ours (weak comparison). */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) {
    return false;
  }
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
