import { DEV_IDENTITY_SECRET } from '../../loaders/config.js';
import { signViewer, VIEWER_HEADER, type Viewer } from '../../loaders/identity.js';

/**
 * The signed viewer header a subgraph trusts, as the gateway would send it: for tests that call a
 * subgraph (or its `_entities`) directly as some viewer. The one place tests sign a viewer; when
 * the signing changes, only this changes.
 */
export function viewerHeaders(viewer: Viewer): Record<string, string> {
  return { [VIEWER_HEADER]: signViewer(viewer, DEV_IDENTITY_SECRET) };
}
