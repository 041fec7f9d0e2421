import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished, isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import type { Visibility } from './legislation.repository.js';

/** What a viewer may see, as the search repository takes it. */
export function visibilityOf(viewer: Viewer): Visibility {
  if (isEditor(viewer)) {
    return { kind: 'editor' };
  }
  if (viewer.role === 'state_focal_point' && viewer.countryIso3) {
    return { kind: 'country', iso3: viewer.countryIso3 };
  }
  return { kind: 'public' };
}

/**
 * PUBLISHED records are visible to everyone; PENDING_REVIEW and REJECTED to editors and the
 * focal point of the record's country; ARCHIVED records are kept for history but shown to
 * editors only.
 */
export function isVisible(
  viewer: Viewer,
  record: { reviewStatus: ReviewStatus; countryIso3: string },
): boolean {
  return isVisibleIn(viewer, record.reviewStatus, [record.countryIso3]);
}

/**
 * The same rule for a record of several States (a regional court's case) or of none (a regional
 * lesson, which only editors see unpublished): the focal point of any of its States sees it.
 */
export function isVisibleIn(
  viewer: Viewer,
  reviewStatus: ReviewStatus,
  countryIso3s: readonly (string | null)[],
): boolean {
  if (reviewStatus === ReviewStatus.PUBLISHED) {
    return true;
  }
  if (reviewStatus === ReviewStatus.ARCHIVED) {
    return isEditor(viewer);
  }
  return (
    isEditor(viewer) ||
    countryIso3s.some((countryIso3) => canSeeUnpublished(viewer, { countryIso3 }))
  );
}

/** A case (several States) the viewer may see. */
export const isCaseVisible = (
  viewer: Viewer,
  c: { reviewStatus: ReviewStatus; countryIso3s: readonly string[] },
) => isVisibleIn(viewer, c.reviewStatus, c.countryIso3s);

/** A lesson (one State or none) the viewer may see. */
export const isLessonVisible = (
  viewer: Viewer,
  l: { reviewStatus: ReviewStatus; countryIso3: string | null },
) => isVisibleIn(viewer, l.reviewStatus, [l.countryIso3]);
