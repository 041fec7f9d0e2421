import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** Apollo's fetcher contract (`@apollo/utils.fetcher`), as RemoteGraphQLDataSource declares it. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

/** A subgraph's response body passed the byte cap; the rest of it was never read. */
export class ResponseTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`subgraph response larger than ${maxBytes} bytes`);
    this.name = 'ResponseTooLarge';
  }
}

/** Connections to each subgraph stay open and are reused, as Node's fetch does. */
const agents = {
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
};

/**
 * A subgraph response's headers: what Apollo's fetcher contract asks of them, over a plain map of
 * lower-cased names (node:http hands them over parsed; a fetch `Headers` would parse them again).
 * Repeated headers are joined with ", " as a fetch `Headers` would (`set-cookie` aside, which a
 * subgraph answer never needs).
 */
export class SubgraphHeaders implements FetcherHeaders {
  readonly #map = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of entries) {
      this.append(name, value);
    }
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const before = this.#map.get(key);
    this.#map.set(key, before === undefined ? value : `${before}, ${value}`);
  }
  delete(name: string): void {
    this.#map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.#map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
  keys(): IterableIterator<string> {
    return this.#map.keys();
  }
  values(): IterableIterator<string> {
    return this.#map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
}

/** The response's headers, in the order received. */
function responseHeadersOf(response: http.IncomingMessage): SubgraphHeaders {
  const headers = new SubgraphHeaders();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.append(raw[i]!, raw[i + 1]!);
  }
  return headers;
}

/**
 * A subgraph's answer, read whole: Apollo's fetcher contract (`FetcherResponse`) over the bytes
 * received, without a fetch `Response`'s web streams (which cost the gateway more CPU than
 * parsing the JSON inside them). The body can be read once, as a fetch body can.
 */
export class SubgraphResponse implements FetcherResponse {
  #body: Buffer | undefined;
  readonly redirected = false;
  readonly ok: boolean;

  constructor(
    body: Buffer | string | undefined,
    readonly status: number,
    readonly statusText: string,
    readonly headers: SubgraphHeaders,
    readonly url: string,
  ) {
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`subgraph answered with HTTP status ${status}`);
    }
    this.#body = typeof body === 'string' ? Buffer.from(body) : (body ?? Buffer.alloc(0));
    this.ok = status < 300;
  }

  get bodyUsed(): boolean {
    return this.#body === undefined;
  }

  #take(): Buffer {
    const body = this.#body;
    if (body === undefined) {
      throw new TypeError('subgraph response body already read');
    }
    this.#body = undefined;
    return body;
  }

  async text(): Promise<string> {
    return this.#take().toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.#take().toString('utf8'));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.#take();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  clone(): SubgraphResponse {
    const body = this.#body;
    if (body === undefined) {
      throw new TypeError('subgraph response body already read');
    }
    return new SubgraphResponse(
      Buffer.from(body),
      this.status,
      this.statusText,
      new SubgraphHeaders(this.headers),
      this.url,
    );
  }
}

/**
 * A fetch for Apollo's RemoteGraphQLDataSource over node:http (keep-alive), aborted by `signal`,
 * with the response body read here, counting bytes as they stream in: past `maxBytes` the read
 * stops and the connection is dropped, so a huge (or endless) subgraph answer never sits whole in
 * the gateway's heap. Returns a `SubgraphResponse` over the bytes read. Not Node's global fetch:
 * its web streams send each request body as a chunked stream (three socket writes where
 * node:http makes one) and were the largest share of the gateway’s CPU under the mixed workload.
 */
export function fetchCapped(
  url: string,
  init: FetcherRequestInit,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<SubgraphResponse> {
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
    return Promise.reject(new TypeError('subgraph request bodies are strings'));
  }
  if (signal?.aborted) {
    return Promise.reject(signal.reason);
  }
  const body = init.body ?? undefined;
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise<SubgraphResponse>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, response?: SubgraphResponse) => {
      if (settled) {
        return;
      }
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (response) {
        resolve(response);
      } else {
        request.destroy();
        reject(error);
      }
    };
    const onAbort = () => settle(signal?.reason);
    const headers: Record<string, string> = { ...init.headers };
    if (body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const request = (secure ? https : http).request(
      target,
      { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http },
      (response) => {
        const declared = Number(response.headers['content-length'] ?? Number.NaN);
        if (declared > maxBytes) {
          settle(new ResponseTooLarge(maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBytes) {
            settle(new ResponseTooLarge(maxBytes));
          } else {
            chunks.push(chunk);
          }
        });
        response.on('error', (error) => settle(error));
        response.on('aborted', () => settle(new Error('subgraph response aborted')));
        response.on('end', () => {
          try {
            const answer = new SubgraphResponse(
              Buffer.concat(chunks, size),
              response.statusCode ?? 502,
              response.statusMessage ?? '',
              responseHeadersOf(response),
              url,
            );
            settle(undefined, answer);
          } catch (error) {
            // A status no HTTP answer carries (above 599): not an answer.
            settle(error);
          }
        });
      },
    );
    request.on('error', (error) => settle(error));
    signal?.addEventListener('abort', onAbort, { once: true });
    request.end(body);
  });
}
