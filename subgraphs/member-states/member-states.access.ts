import type { Viewer } from '../../loaders/identity.js';
import { isEditor } from '../../schema/access.js';
import { forbiddenField } from '../../schema/errors.js';
import { Confidentiality, ConsentLevel, type NeedsAssessment } from './needs-assessment.entity.js';

// Who may see or change what in the member-states subgraph: resolvers ask here, they never
// compare roles themselves. Enforced here, in the owning subgraph, not only at the gateway.

/**
 * Whether the viewer may read an assessment's findings and recommendations: everyone for PUBLIC;
 * editors and the assessed country's focal point for RESTRICTED; editors for CONFIDENTIAL.
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

/** A focal point acts for its own State only; editors for any. FORBIDDEN naming `field`. */
export function assertOwnState(viewer: Viewer, countryIso3: string, field: string): void {
  if (!isEditor(viewer) && viewer.countryIso3 !== countryIso3.trim()) {
    throw forbiddenField(
      field,
      `a focal point of ${viewer.countryIso3 ?? '?'} acts on assessments of ${viewer.countryIso3 ?? '?'} only`,
    );
  }
}

/** Consent is the assessed State's to give: an editor may only record its withdrawal (NONE). */
export function assertMaySetConsent(viewer: Viewer, consent: ConsentLevel): void {
  if (isEditor(viewer) && consent !== ConsentLevel.NONE) {
    throw forbiddenField(
      'consent',
      'consent is given by the assessed State’s focal point; an editor may only withdraw it (NONE)',
    );
  }
}
