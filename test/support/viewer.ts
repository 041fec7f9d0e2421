import { DEV_IDENTITY_SIGNING_KEY } from '../../loaders/config.js';
import {
  createViewerSigner,
  requestBinding,
  VIEWER_HEADER,
  type IdentityJwk,
  type Viewer,
} from '../../loaders/identity.js';

/**
 * The one way tests speak to a subgraph as a viewer. A viewer header is good for one subgraph,
 * one operation and one use, so tests never build it themselves: `asViewer(viewer)` marks the
 * headers, and `TestSubgraph.query` signs a fresh header for its subgraph and that request.
 */
export const TEST_VIEWER_MARK = 'x-test-viewer';

export function asViewer(viewer: Viewer): Record<string, string> {
  return { [TEST_VIEWER_MARK]: JSON.stringify(viewer) };
}

export interface SignOptions {
  /** The subgraph the header is for. */
  readonly audience: string;
  readonly query: string;
  readonly variables?: Record<string, unknown> | undefined;
  /** Default: the development key, which test subgraphs accept. */
  readonly key?: IdentityJwk;
  readonly ttlSeconds?: number;
  readonly nowSeconds?: number;
}

/** A viewer header exactly as the gateway signs it: for explicit tests of forgery and replay. */
export function signedViewerHeader(viewer: Viewer, options: SignOptions): Promise<string> {
  return createViewerSigner(options.key ?? DEV_IDENTITY_SIGNING_KEY, options.ttlSeconds ?? 30).sign(
    viewer,
    options.audience,
    requestBinding(options.query, options.variables),
    options.nowSeconds,
  );
}

/** `headers` with an `asViewer` mark replaced by a header signed for this request. */
export async function withSignedViewer(
  headers: Record<string, string>,
  audience: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  key?: IdentityJwk,
): Promise<Record<string, string>> {
  const { [TEST_VIEWER_MARK]: marked, ...rest } = headers;
  if (marked === undefined) {
    return headers;
  }
  const viewer = JSON.parse(marked) as Viewer;
  return {
    ...rest,
    [VIEWER_HEADER]: await signedViewerHeader(viewer, {
      audience,
      query,
      variables,
      ...(key ? { key } : {}),
    }),
  };
}
