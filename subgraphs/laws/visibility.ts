import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished, isEditor, ReviewStatus } from '../../schema/review.js';
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
  if (record.reviewStatus === ReviewStatus.PUBLISHED) {
    return true;
  }
  if (record.reviewStatus === ReviewStatus.ARCHIVED) {
    return isEditor(viewer);
  }
  return canSeeUnpublished(viewer, { countryIso3: record.countryIso3 });
}
