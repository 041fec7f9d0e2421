import type { Viewer } from '../loaders/identity.js';
import { forbiddenField, notFound } from './errors.js';
import { ReviewStatus } from './review.js';

/**
 * Who may see or change contributed records: the shared rules each subgraph's `<s>.access.ts`
 * builds on. A resolver asks these (or its subgraph's access module); it never compares roles.
 */

export function isEditor(viewer: Viewer): boolean {
  return viewer.role === 'editor' || viewer.role === 'admin';
}

/**
 * Whether the viewer may see a record that is not PUBLISHED: editors always; a focal point for
 * its own country; a partner or donor for its own organization.
 */
export function canSeeUnpublished(
  viewer: Viewer,
  scope: { countryIso3?: string | null; organizationId?: string | null },
): boolean {
  if (isEditor(viewer)) {
    return true;
  }
  if (viewer.role === 'state_focal_point' && scope.countryIso3) {
    return viewer.countryIso3 === scope.countryIso3;
  }
  if ((viewer.role === 'partner' || viewer.role === 'donor') && scope.organizationId) {
    return viewer.organizationId === scope.organizationId;
  }
  return false;
}

/** A contributed record as a non-editor's change meets it: its key, state and scope. */
export interface ChangeTarget {
  readonly entityType: string;
  readonly id: string;
  /** The argument that named the record, for the error: `id`, `input.legislationId`. */
  readonly field: string;
  readonly reviewStatus: string;
  /** The State a focal point's record belongs to, or the organization a partner's does. */
  readonly scope: { countryIso3?: string | null; organizationId?: string | null };
  /** Whether the viewer may see it anyway (a published record, or a wider rule of its own). */
  readonly visible?: boolean;
  /**
   * `workflow`: a step of the record's own workflow (a request's status move), which its owner
   * may take on a published record too; the default, a change of content, it may not.
   */
  readonly kind?: 'content' | 'workflow';
}

/**
 * The one rule for a change by a focal point, partner or donor to a record that exists (editors
 * pass). A record the viewer may not see (another's unpublished record; any ARCHIVED one, kept
 * for editors) is NOT_FOUND, exactly as if it did not exist (no State, no organization, no status
 * named); one it may see but that is not its own is FORBIDDEN; and a PUBLISHED record is
 * FORBIDDEN too: it changes only through an editor (and a contribution reaches the public only
 * through `runReview`), so nobody else can unpublish, rewrite or take over what the public reads. Its own PENDING_REVIEW or REJECTED record the
 * viewer may change; the change waits for review.
 */
export function assertMayChange(viewer: Viewer, target: ChangeTarget): void {
  if (isEditor(viewer)) {
    return;
  }
  const own = canSeeUnpublished(viewer, target.scope);
  const visible =
    target.reviewStatus !== ReviewStatus.ARCHIVED &&
    (own || target.visible === true || target.reviewStatus === ReviewStatus.PUBLISHED);
  if (!visible) {
    throw notFound(target.entityType, target.id, target.field);
  }
  if (!own) {
    throw forbiddenField(
      target.field,
      viewer.role === 'state_focal_point'
        ? 'a focal point changes records of its own State only'
        : 'a partner or donor changes records of its own organization only',
    );
  }
  if (target.kind === 'workflow') {
    return;
  }
  if (
    target.reviewStatus !== ReviewStatus.PENDING_REVIEW &&
    target.reviewStatus !== ReviewStatus.REJECTED
  ) {
    throw forbiddenField(
      target.field,
      'a published record changes only through an editor’s review',
    );
  }
}
