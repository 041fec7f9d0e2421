import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished, isEditor } from '../../schema/access.js';
import { forbiddenField } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import type { Partnership } from './partnership.entity.js';

// Who may see or change what in the partners subgraph: resolvers ask here, they never compare
// roles themselves.

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

/** Which unpublished partnerships a viewer may list. */
export interface PartnershipVisibility {
  /** Editors: every review status. */
  readonly all: boolean;
  /** A partner: also those its organization proposed or belongs to. */
  readonly organizationId?: string | undefined;
}

export function partnershipVisibility(viewer: Viewer): PartnershipVisibility {
  return {
    all: isEditor(viewer),
    organizationId: viewer.role === 'partner' ? viewer.organizationId : undefined,
  };
}

/** How a new partnership enters: an editor's published at once, a partner's as its proposal. */
export function proposalOf(viewer: Viewer): {
  reviewStatus: ReviewStatus;
  proposedBy: string | null;
  action: 'CREATE' | 'SUBMIT';
} {
  return isEditor(viewer)
    ? { reviewStatus: ReviewStatus.PUBLISHED, proposedBy: null, action: 'CREATE' }
    : {
        reviewStatus: ReviewStatus.PENDING_REVIEW,
        proposedBy: viewer.organizationId ?? null,
        action: 'SUBMIT',
      };
}

/** A partner proposes only partnerships that include its own organization; editors any. */
export function assertMayPropose(
  viewer: Viewer,
  members: readonly { organizationId: string }[],
): void {
  if (
    !isEditor(viewer) &&
    members.length > 0 &&
    !members.some((m) => m.organizationId === viewer.organizationId)
  ) {
    throw forbiddenField(
      'input.members',
      `a partner may propose only partnerships that include its own organization ("${viewer.organizationId ?? ''}")`,
    );
  }
}

/**
 * Editors withdraw any partnership; a partner only its own proposal while it waits in
 * PENDING_REVIEW. The caller has checked the viewer may see it (NOT_FOUND otherwise). Returns the
 * audit action.
 */
export function assertMayWithdraw(
  viewer: Viewer,
  partnership: Partnership,
): 'ARCHIVE' | 'WITHDRAW' {
  if (isEditor(viewer)) {
    return 'ARCHIVE';
  }
  if (!partnership.proposedBy || partnership.proposedBy !== viewer.organizationId) {
    throw forbiddenField('id', 'a partner may withdraw only a proposal of its own organization');
  }
  if (partnership.reviewStatus !== ReviewStatus.PENDING_REVIEW) {
    throw forbiddenField(
      'id',
      `the proposal is ${partnership.reviewStatus}; once reviewed, only an editor may withdraw it`,
    );
  }
  return 'WITHDRAW';
}

/** Fields of an organization only an editor may set or clear. */
const EDITOR_ONLY_FIELDS = [
  'name',
  'partnerCategory',
  'iatiOrgType',
  'crsChannelCode',
  'iatiOrgId',
  'verified',
] as const;

/** A partner edits its own organization only, and not its editor-only fields; editors any. */
export function assertMayEditOrganization(viewer: Viewer, id: string): void {
  if (!isEditor(viewer) && viewer.organizationId !== id) {
    throw forbiddenField(
      'id',
      `a partner may edit only its own organization ("${viewer.organizationId ?? ''}"), not "${id}"`,
    );
  }
}

/** Setting or clearing (null) an editor-only field are both changes: FORBIDDEN for a partner. */
export function assertMayEditFields(
  viewer: Viewer,
  input: Readonly<Partial<Record<(typeof EDITOR_ONLY_FIELDS)[number], unknown>>>,
): void {
  if (isEditor(viewer)) {
    return;
  }
  const field = EDITOR_ONLY_FIELDS.find((f) => input[f] !== undefined);
  if (field) {
    throw forbiddenField(`input.${field}`, 'only an editor may change this field');
  }
}
