import { registerEnumType } from 'type-graphql';
import type { Viewer } from '../loaders/identity.js';

/**
 * Where a contributed record stands. Records that States' focal points or partners submit land as
 * PENDING_REVIEW; an editor publishes or rejects them. Only PUBLISHED records are visible to
 * `public`. Nothing is hard-deleted: a record is ARCHIVED instead.
 */
export enum ReviewStatus {
  PENDING_REVIEW = 'PENDING_REVIEW',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'Editorial state of a contributed record.',
  valuesConfig: {
    PENDING_REVIEW: {
      description:
        'Submitted by a focal point or partner; visible to editors and its submitter scope only.',
    },
    PUBLISHED: { description: 'Reviewed and visible to everyone.' },
    REJECTED: { description: 'Reviewed and not published; kept for the audit trail.' },
    ARCHIVED: { description: 'Withdrawn; kept for history, hidden from default lists.' },
  },
});

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
