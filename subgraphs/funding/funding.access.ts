import type { Viewer } from '../../loaders/identity.js';
import { canSeeUnpublished, ReviewStatus } from '../../schema/review.js';
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
