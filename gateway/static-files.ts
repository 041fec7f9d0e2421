import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { projectPath } from '../loaders/project-path.js';
import { requestTarget, sendGraphQLError, type Route } from '../schema/server/http.js';

/**
 * Where `npm run build` puts the browser pages (`vite build --config clients/web/vite.config.ts`):
 * one folder per page, `dist/web/<page>/`, beside the compiled server.
 */
export const WEB_BUILD_DIR = projectPath('dist', 'web');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The content security policy of the pages the gateway serves: everything from the gateway itself,
 * nothing from elsewhere (no CDN, no telemetry). Inline styles are allowed (the chart and editor
 * libraries set them); scripts only from files, and workers from blobs (Monaco's editor workers).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

interface StaticPageOptions {
  /** The built page's folder (`dist/web/<page>`). */
  readonly root: string;
  /** Where it is mounted (`/dashboard`); paths below map to files below `root`. */
  readonly mount: string;
  /**
   * Paths that are not files answer with `index.html` (a single-page app's own routes), instead
   * of 404.
   */
  readonly fallbackToIndex?: boolean;
  /** Every file here is content-hashed (Vite's `assets/`): cache it for a year, `immutable`. */
  readonly immutable?: boolean;
}

/**
 * Serves a built static page: GET and HEAD only, no path outside `root` (`..`, encoded slashes,
 * NUL and bad escapes get 404 or 400, never a file elsewhere), a content type by extension, a
 * strong `ETag` with `304 Not Modified`, brotli or gzip for text the client accepts compressed
 * (compressed once per file and kept), and caching by kind: Vite's content-hashed chunks
 * (`immutable`) for a year, everything else revalidated on each use (`no-cache`).
 */
export function staticPage(options: StaticPageOptions): Route {
  const root = resolve(options.root);
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendGraphQLError(res, 405, 'BAD_REQUEST', `${options.mount} is served over GET and HEAD.`);
      return;
    }
    const relative = relativePath(requestTarget(req.url).pathname, options.mount);
    if (relative === undefined) {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request path is not a valid file path.');
      return;
    }
    let file = await fileAt(root, relative === '' ? 'index.html' : relative);
    if (!file && options.fallbackToIndex && !extname(relative)) {
      file = await fileAt(root, 'index.html');
    }
    if (!file) {
      const built = await fileAt(root, 'index.html');
      sendGraphQLError(
        res,
        404,
        'NOT_FOUND',
        built
          ? `No file ${JSON.stringify(relative.slice(0, 200))} in ${options.mount}.`
          : `${options.mount} is not built: run npm run build.`,
      );
      return;
    }
    const type = CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream';
    const encoding = compressible(type, file.body) ? encodingFor(req) : undefined;
    // One ETag per representation: a cache must not answer a gzip request with brotli bytes.
    const etag = `"${file.hash}${encoding ? `-${encoding}` : ''}"`;
    res.setHeader('content-type', type);
    if (compressible(type, file.body)) {
      // Added to what CORS may have set (`origin`), never in its place.
      const vary = res.getHeader('vary');
      res.setHeader('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
    }
    res.setHeader('etag', etag);
    res.setHeader(
      'cache-control',
      options.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    if (type.startsWith('text/html')) {
      res.setHeader('content-security-policy', PAGE_CSP);
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const body = encoding ? await encoded(file, encoding) : file.body;
    if (encoding) {
      res.setHeader('content-encoding', encoding);
    }
    res.setHeader('content-length', body.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /** The path below the mount, decoded and checked; undefined when it may not name a file. */
  function relativePath(pathname: string, mount: string): string | undefined {
    const below = pathname === mount ? '' : pathname.slice(mount.length + 1);
    let decoded: string;
    try {
      decoded = decodeURIComponent(below);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) {
      return undefined;
    }
    const segments = decoded.split('/').filter((segment) => segment !== '');
    if (segments.some((segment) => segment === '..' || segment === '.')) {
      return undefined;
    }
    return segments.join('/');
  }
}

interface StaticFile {
  readonly path: string;
  readonly body: Buffer;
  readonly hash: string;
  /** Compressed once, on first ask, off the event loop (zlib runs in libuv's thread pool). */
  readonly encodings: Map<Encoding, Promise<Buffer>>;
}

type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text worth compressing: scripts, styles, HTML, JSON, SVG, over 1 KiB. */
function compressible(type: string, body: Buffer): boolean {
  return body.length > 1024 && /^(text\/|application\/json|image\/svg)/.test(type);
}

/** The best encoding the client accepts: brotli, then gzip (a `q=0` refuses one). */
function encodingFor(req: IncomingMessage): Encoding | undefined {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') {
    return undefined;
  }
  const accepted = new Set(
    header
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => name?.trim()),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
}

function encoded(file: StaticFile, encoding: Encoding): Promise<Buffer> {
  let body = file.encodings.get(encoding);
  if (!body) {
    body =
      encoding === 'br'
        ? brotli(file.body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 9,
              [zlib.BROTLI_PARAM_SIZE_HINT]: file.body.length,
            },
          })
        : gzipped(file.body, { level: 9 });
    file.encodings.set(encoding, body);
  }
  return body;
}

/** Files read once and kept: a built page does not change while the gateway runs. */
const files = new Map<string, StaticFile | null>();

async function fileAt(root: string, relative: string): Promise<StaticFile | undefined> {
  const path = join(root, relative);
  if (path !== root && !path.startsWith(root + sep)) {
    return undefined;
  }
  const known = files.get(path);
  if (known !== undefined) {
    return known ?? undefined;
  }
  let found: StaticFile | null = null;
  try {
    if ((await stat(path)).isFile()) {
      const body = await readFile(path);
      found = {
        path,
        body,
        hash: createHash('sha256').update(body).digest('base64url'),
        encodings: new Map(),
      };
    }
  } catch {
    found = null;
  }
  // Only files found are kept: a page built after the gateway started is still picked up, and a
  // flood of missing paths cannot grow the map.
  if (found) {
    files.set(path, found);
  }
  return found ?? undefined;
}
