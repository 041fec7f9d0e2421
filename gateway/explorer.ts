import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { requestTarget, type Route } from '../schema/server/http.js';
import { staticPage, WEB_BUILD_DIR } from './static-files.js';

/** The built explorer page (`clients/web/explorer/`, GraphiQL 5 bundled by Vite). */
const EXPLORER_DIR = join(WEB_BUILD_DIR, 'explorer');

/**
 * The explorer page as a route, whatever the path it is asked at (`/`, `/graphql`): the same
 * built `index.html`, with the pages' CSP and ETag. Its scripts and styles are under `/assets`.
 */
export function explorerPage(root: string = EXPLORER_DIR): Route {
  const page = staticPage({ root, mount: '/explorer' });
  return (req, res) => {
    // The page is one file; the query string (`?operation=…`) is read by the page itself.
    req.url = '/explorer';
    return page(req, res);
  };
}

/** The content-hashed chunks of every built page, cached for a year (`immutable`). */
export function assetsRoute(root: string = join(WEB_BUILD_DIR, 'assets')): Route {
  return staticPage({ root, mount: '/assets', immutable: true });
}

/**
 * A browser opening the GraphQL URL: a GET or HEAD that accepts HTML and carries no operation
 * (neither `query` nor a persisted query's `extensions`). It gets the explorer instead of a
 * GraphQL error; every other request, `curl` and clients included, goes to GraphQL as before.
 */
function isBrowserVisit(req: IncomingMessage, graphqlPath = '/graphql'): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return false;
  }
  const { pathname, search } = requestTarget(req.url);
  if (pathname !== graphqlPath || !(req.headers.accept ?? '').includes('text/html')) {
    return false;
  }
  const params = new URLSearchParams(search);
  return !params.has('query') && !params.has('extensions');
}

/** Wraps the gateway's listener so a browser visit to the GraphQL URL gets the explorer. */
export function withExplorer(
  listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  page: Route = explorerPage(),
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (isBrowserVisit(req)) {
      await page(req, res);
      return;
    }
    await listener(req, res);
  };
}
