import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished, isEditor } from '../../schema/access.js';
import { ReviewStatus } from '../../schema/review.js';
import { PartnershipStatus, type Partnership } from './partnership.entity.js';

/** Published ones for everyone; others for editors and the proposing or member partner. */
export function canSeePartnership(viewer: Viewer, partnership: Partnership): boolean {
  if (partnership.reviewStatus === ReviewStatus.PUBLISHED || isEditor(viewer)) {
    return true;
  }
  if (partnership.reviewStatus === ReviewStatus.ARCHIVED) {
    return false;
  }
  return (
    canSeeUnpublished(viewer, { organizationId: partnership.proposedBy }) ||
    (viewer.role === 'partner' &&
      partnership.members.some((m) => m.organizationId === viewer.organizationId))
  );
}

/**
 * PLANNED before the start, ENDED after the end, ACTIVE between (both days included). A real
 * partnership whose source gives no start date is ENDED after its end and otherwise unknown (null):
 * it is never presented as active on a date its source does not support.
 */
export function statusOn(
  partnership: { startDate: string | null; endDate: string | null },
  asOf: string,
): PartnershipStatus | null {
  if (partnership.startDate === null) {
    return partnership.endDate !== null && partnership.endDate < asOf
      ? PartnershipStatus.ENDED
      : null;
  }
  if (partnership.startDate > asOf) {
    return PartnershipStatus.PLANNED;
  }
  if (partnership.endDate !== null && partnership.endDate < asOf) {
    return PartnershipStatus.ENDED;
  }
  return PartnershipStatus.ACTIVE;
}

export function isActiveOn(
  partnership: { startDate: string | null; endDate: string | null },
  asOf: string,
): boolean {
  return statusOn(partnership, asOf) === PartnershipStatus.ACTIVE;
}
