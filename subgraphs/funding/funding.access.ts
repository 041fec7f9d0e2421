// Who may see or change what in the funding subgraph: the one place for its access rules.

import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished, isEditor } from '../../schema/access.js';
import { forbidden } from '../../schema/errors.js';
import { ReviewStatus } from '../../schema/review.js';
import type { Transaction } from './transaction.entity.js';

/** Published transactions for everyone; others for editors and the submitting donor only. */
export function canSeeTransaction(viewer: Viewer, transaction: Transaction): boolean {
  if (transaction.reviewStatus === ReviewStatus.PUBLISHED) {
    return true;
  }
  return canSeeUnpublished(viewer, {
    organizationId: transaction.submittedByOrgId ?? transaction.providerOrgId,
  });
}

/** A donor records transactions of its own organisation only. */
export function assertRecordsOwn(viewer: Viewer, providerOrgId: string | null | undefined): void {
  if (!isEditor(viewer) && (!providerOrgId || providerOrgId !== viewer.organizationId)) {
    throw forbidden(
      'a donor records transactions of its own organisation only: set input.providerOrgId to it.',
    );
  }
}

/** Who records a transaction: an editor publishes it; a donor's waits for review. */
export function recordedBy(viewer: Viewer): {
  readonly source: string;
  readonly reviewStatus: ReviewStatus;
  readonly submittedByOrgId: string | null;
} {
  const editor = isEditor(viewer);
  return {
    source: `Recorded through the API by ${viewer.role}${viewer.organizationId ? ` (${viewer.organizationId})` : ''}`,
    reviewStatus: editor ? ReviewStatus.PUBLISHED : ReviewStatus.PENDING_REVIEW,
    submittedByOrgId: editor ? null : (viewer.organizationId ?? null),
  };
}
