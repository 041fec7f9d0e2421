import type { Viewer } from '../../loaders/identity.js';
import { isEditor } from '../../schema/review.js';
import { Confidentiality, type NeedsAssessment } from './needs-assessment.entity.js';

/**
 * Whether the viewer may read an assessment's findings and recommendations: everyone for PUBLIC;
 * editors and the assessed country's focal point for RESTRICTED; editors for CONFIDENTIAL.
 * Enforced here, in the owning subgraph, not only at the gateway.
 */
export function canReadFindings(
  viewer: Viewer,
  assessment: Pick<NeedsAssessment, 'confidentiality' | 'countryIso3'>,
): boolean {
  switch (assessment.confidentiality) {
    case Confidentiality.PUBLIC:
      return true;
    case Confidentiality.RESTRICTED:
      return (
        isEditor(viewer) ||
        (viewer.role === 'state_focal_point' && viewer.countryIso3 === assessment.countryIso3)
      );
    default:
      return isEditor(viewer);
  }
}
