import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Response headers the proxy sets: which upstream (by its name) answered the request. */
export const UPSTREAM_HEADER = 'x-upstream';

export interface RoundRobinProxy {
  /** The proxy's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The upstream the next request goes to. */
  next(): string;
  /** Requests each upstream served, by name. */
  readonly served: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** Hop-by-hop headers a proxy must not forward (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
  );
}

/**
 * A load balancer for tests: each request goes to the next upstream in turn (A, B, A, B …),
 * whatever its path, and the answer says which one served it in `x-upstream`. Send requests one
 * after another and the alternation is exact.
 */
export async function startRoundRobinProxy(
  upstreams: Readonly<Record<string, string>>,
): Promise<RoundRobinProxy> {
  const names = Object.keys(upstreams);
  const served: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  let turn = 0;
  const server: Server = createServer((req, res) => {
    const name = names[turn % names.length]!;
    turn += 1;
    served[name] = (served[name] ?? 0) + 1;
    const target = new URL(req.url ?? '/', upstreams[name]);
    const upstream = request(
      target,
      { method: req.method, headers: { ...forwardable(req.headers), host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          ...forwardable(answer.headers),
          [UPSTREAM_HEADER]: name,
        });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain', [UPSTREAM_HEADER]: name });
      }
      res.end(`upstream ${name} failed: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    next: () => names[turn % names.length]!,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
