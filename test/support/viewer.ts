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

/**
 * The viewers tests speak as, one per role (`ROLES` in loaders/identity.ts), as `asViewer` headers:
 * `subgraph.query(QUERY, variables, as.editor)`, `as.focalPoint('KEN')`, `as.partner('itu')`.
 * A focal point speaks for one country, a partner or donor for one organization; the subject
 * names the test viewer in audit logs. `as.public` sends no viewer at all.
 */
export const as = {
  public: {} as Record<string, string>,
  analyst: asViewer({ role: 'analyst', subject: 'test-analyst' }),
  editor: asViewer({ role: 'editor', subject: 'test-editor' }),
  admin: asViewer({ role: 'admin', subject: 'test-admin' }),
  focalPoint: (countryIso3: string) =>
    asViewer({
      role: 'state_focal_point',
      subject: `test-fp-${countryIso3.toLowerCase()}`,
      countryIso3,
    }),
  partner: (organizationId: string) =>
    asViewer({ role: 'partner', subject: `test-partner-${organizationId}`, organizationId }),
  donor: (organizationId: string) =>
    asViewer({ role: 'donor', subject: `test-donor-${organizationId}`, organizationId }),
} as const;

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
