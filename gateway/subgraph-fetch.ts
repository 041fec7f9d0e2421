import http from 'node:http';
import https from 'node:https';

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

/** The request's headers as node:http takes them (Apollo hands over a fetch `Headers`). */
function headersOf(init: RequestInit): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** The response's headers, repeated ones (`set-cookie`) kept apart. */
function responseHeadersOf(response: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers.append(raw[i]!, raw[i + 1]!);
  }
  return headers;
}

/**
 * A fetch for Apollo's RemoteGraphQLDataSource over node:http (keep-alive), aborted by `signal`,
 * with the response body read here, counting bytes as they stream in: past `maxBytes` the read
 * stops and the connection is dropped, so a huge (or endless) subgraph answer never sits whole in
 * the gateway's heap. Returns a Response over the bytes read. Not Node's global fetch: its web
 * streams send each request body as a chunked stream (three socket writes where node:http makes
 * one) and were the largest share of the gateway’s CPU under the mixed workload.
 */
export function fetchCapped(
  url: string,
  init: RequestInit,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Response> {
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
    return Promise.reject(new TypeError('subgraph request bodies are strings'));
  }
  if (signal?.aborted) {
    return Promise.reject(signal.reason);
  }
  const body = init.body ?? undefined;
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, response?: Response) => {
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
    const headers = headersOf(init);
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
            const answer = new Response(size === 0 ? null : Buffer.concat(chunks, size), {
              status: response.statusCode ?? 502,
              statusText: response.statusMessage ?? '',
              headers: responseHeadersOf(response),
            });
            settle(undefined, answer);
          } catch (error) {
            // A status a Response cannot carry (above 599): not an answer.
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
