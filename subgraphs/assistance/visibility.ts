import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import type { TechnicalAssistanceActivity } from './activity.entity.js';
import type { AssistanceRequest } from './request.entity.js';

/** Published activities are public; others only to editors and the organisation that submitted. */
export function canSeeActivity(
  viewer: Viewer,
  activity: Pick<TechnicalAssistanceActivity, 'reviewStatus' | 'submittedByOrgId'>,
): boolean {
  return (
    activity.reviewStatus === ReviewStatus.PUBLISHED ||
    canSeeUnpublished(viewer, { organizationId: activity.submittedByOrgId })
  );
}

/** Published requests are public; others only to editors and the requesting State's focal point. */
export function canSeeRequest(
  viewer: Viewer,
  request: Pick<AssistanceRequest, 'reviewStatus' | 'countryIso3'>,
): boolean {
  return (
    request.reviewStatus === ReviewStatus.PUBLISHED ||
    canSeeUnpublished(viewer, { countryIso3: request.countryIso3 })
  );
}

/** Lists leave archived records out for everyone; `activity(id)` still shows them to editors. */
export function listsActivity(
  viewer: Viewer,
  activity: Pick<TechnicalAssistanceActivity, 'reviewStatus' | 'submittedByOrgId'>,
): boolean {
  return activity.reviewStatus !== ReviewStatus.ARCHIVED && canSeeActivity(viewer, activity);
}

/** As `listsActivity`, for requests. */
export function listsRequest(
  viewer: Viewer,
  request: Pick<AssistanceRequest, 'reviewStatus' | 'countryIso3'>,
): boolean {
  return request.reviewStatus !== ReviewStatus.ARCHIVED && canSeeRequest(viewer, request);
}
