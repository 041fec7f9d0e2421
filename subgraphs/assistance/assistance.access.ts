// Who may see or change what in the assistance subgraph: the one place for its access rules.

import type { Viewer } from '../../loaders/identity.js';
import { assertMayChange, canSeeUnpublished, isEditor } from '../../schema/access.js';
import { admits } from '../../schema/basis.js';
import { forbiddenField, notFound } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import type { TechnicalAssistanceActivity } from './activity.entity.js';
import type { ListScope, Submission } from './activity.repository.js';
import type { ActivityRow, AssistanceRequestRow, NewActivityRow } from './assistance.table.js';
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

/** Which unpublished activities a list shows the viewer besides the published ones. */
export function activityListScope(viewer: Viewer): ListScope {
  if (isEditor(viewer)) {
    return { kind: 'all' };
  }
  return (viewer.role === 'partner' || viewer.role === 'donor') && viewer.organizationId
    ? { kind: 'own', organizationId: viewer.organizationId }
    : { kind: 'none' };
}

/** A record an editor writes is PUBLISHED; anyone else's waits for review, in its own name. */
export function submissionOf(viewer: Viewer): Submission {
  return isEditor(viewer)
    ? { reviewStatus: ReviewStatus.PUBLISHED, submittedByOrgId: null }
    : {
        reviewStatus: ReviewStatus.PENDING_REVIEW,
        submittedByOrgId: viewer.organizationId ?? null,
      };
}

/** A partner writes only activities its own organisation implements. */
export function assertImplements(viewer: Viewer, implementerIds: readonly string[]): void {
  if (isEditor(viewer)) {
    return;
  }
  const own = viewer.organizationId ?? '';
  if (!implementerIds.includes(own)) {
    throw forbiddenField(
      'input.implementerIds',
      `a partner records and updates activities its organisation ("${own}") implements only`,
    );
  }
}

/**
 * The activity as an update stores it. A partner changes only its own organisation's
 * submissions, and only before they are published: a co-implementer can neither unpublish nor
 * take over a published activity (NOT_FOUND or FORBIDDEN, `assertMayChange`). An illustrative
 * record stays flagged as such, whoever edits it; the review state and the submitter stay as
 * they were (an editor publishes through reviewActivity), except that a partner's change to its
 * rejected submission waits for review again.
 */
export function changedActivity(
  viewer: Viewer,
  before: ActivityRow | undefined,
  id: string,
  row: NewActivityRow,
): NewActivityRow {
  if (!before) {
    throw notFound('TechnicalAssistanceActivity', id, 'id');
  }
  assertMayChange(viewer, {
    entityType: 'TechnicalAssistanceActivity',
    id,
    field: 'id',
    reviewStatus: before.review_status,
    scope: { organizationId: before.submitted_by_org_id },
  });
  return {
    ...row,
    synthetic: before.synthetic,
    review_status: reviewStatusAfterChange(viewer) ?? before.review_status,
    submitted_by_org_id: before.submitted_by_org_id,
  };
}

/** A focal point files requests for its own State only. */
export function assertFilesFor(viewer: Viewer, country: string): void {
  if (!isEditor(viewer) && country !== viewer.countryIso3) {
    throw forbiddenField(
      'input.country',
      `a focal point of ${viewer.countryIso3} files requests for ${viewer.countryIso3} only`,
    );
  }
}

/**
 * The kernel's rule (`assertMayChange`) for a change to a request: NOT_FOUND when missing or not
 * visible to the viewer; FORBIDDEN for another State's focal point, and for a change of content
 * to a published request (a status move is the owner's workflow and stays allowed).
 */
export function assertMayChangeRequest(
  viewer: Viewer,
  id: string,
  before: AssistanceRequestRow | undefined,
  kind: 'content' | 'workflow',
): asserts before is AssistanceRequestRow {
  if (!before) {
    throw notFound('AssistanceRequest', id, 'id');
  }
  assertMayChange(viewer, {
    entityType: 'AssistanceRequest',
    id,
    field: 'id',
    reviewStatus: before.review_status,
    scope: { countryIso3: before.country_iso3 },
    kind,
  });
}

/** An editor's change keeps the review state; anyone else's waits for review again. */
export function reviewStatusAfterChange(viewer: Viewer): ReviewStatus | undefined {
  return isEditor(viewer) ? undefined : ReviewStatus.PENDING_REVIEW;
}

/** Who filed a request through the API, for its `source`. */
export function filedBy(viewer: Viewer): string {
  return `Filed through the API by ${viewer.role}${viewer.countryIso3 ? ` (${viewer.countryIso3})` : ''}`;
}

/** The activities of a list a loader read that the viewer may see, synthetic ones on request. */
export function listedActivities(
  viewer: Viewer,
  list: readonly TechnicalAssistanceActivity[] | null,
  includeSynthetic: boolean | undefined,
): TechnicalAssistanceActivity[] {
  return (list ?? []).filter((a) => listsActivity(viewer, a) && admits(a, includeSynthetic));
}
