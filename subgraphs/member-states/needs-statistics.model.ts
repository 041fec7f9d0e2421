import type { Viewer } from '../../loaders/identity.js';
import type { GpcArea } from '../../schema/gpc.js';
import { canReadFindings } from './member-states.access.js';
import {
  AssessmentStatus,
  ConsentLevel,
  FindingStatus,
  type NeedsAssessment,
  type Severity,
} from './needs-assessment.entity.js';

interface FindingTally {
  readonly area: GpcArea;
  readonly severity: Severity;
  readonly openFindings: number;
}

interface CountryTally {
  readonly countryIso3: string;
  readonly openFindings: number;
  readonly highFindings: number;
}

interface NeedsStatistics {
  readonly openFindings: number;
  readonly byAreaAndSeverity: FindingTally[];
  readonly byCountry: CountryTally[];
  readonly unattributedFindings: number;
  readonly withheldFindings: number;
  readonly withheldAssessments: number;
  /** The assessments whose findings were counted, for the basis. */
  readonly counted: NeedsAssessment[];
}

/**
 * Open findings counted as the assessed States' consent allows (DOMAIN.md §6). A viewer who may
 * read an assessment's findings counts them, attributed to the State. Otherwise the State's
 * consent decides: FULL counts and attributes them; AGGREGATE counts them in the totals only (as
 * `unattributedFindings`), never by country; NONE leaves them out and counts them as withheld,
 * so the figure says how much it does not show. PUBLIC assessments are readable by everyone.
 * Only RECORDED and ACCEPTED assessments have findings to count.
 */
export function needsStatistics(
  viewer: Viewer,
  assessments: readonly NeedsAssessment[],
): NeedsStatistics {
  const byArea = new Map<string, FindingTally>();
  const byCountry = new Map<string, CountryTally>();
  const counted: NeedsAssessment[] = [];
  let openFindings = 0;
  let unattributed = 0;
  let withheldFindings = 0;
  let withheldAssessments = 0;
  for (const assessment of assessments) {
    if (assessment.status === AssessmentStatus.REQUESTED) {
      continue;
    }
    const open = assessment.findingsList.filter((f) => f.status === FindingStatus.OPEN);
    const readable = canReadFindings(viewer, assessment);
    const consent = readable ? ConsentLevel.FULL : assessment.consent;
    if (consent === ConsentLevel.NONE) {
      if (open.length > 0) {
        withheldAssessments += 1;
        withheldFindings += open.length;
      }
      continue;
    }
    counted.push(assessment);
    for (const finding of open) {
      openFindings += 1;
      const key = `${finding.area}|${finding.severity}`;
      const tally = byArea.get(key);
      byArea.set(key, {
        area: finding.area,
        severity: finding.severity,
        openFindings: (tally?.openFindings ?? 0) + 1,
      });
    }
    if (consent === ConsentLevel.AGGREGATE) {
      unattributed += open.length;
      continue;
    }
    if (open.length > 0) {
      const tally = byCountry.get(assessment.countryIso3);
      byCountry.set(assessment.countryIso3, {
        countryIso3: assessment.countryIso3,
        openFindings: (tally?.openFindings ?? 0) + open.length,
        highFindings: (tally?.highFindings ?? 0) + open.filter((f) => f.severity === 'HIGH').length,
      });
    }
  }
  const order = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;
  return {
    openFindings,
    byAreaAndSeverity: [...byArea.values()].sort((a, b) =>
      a.area === b.area ? order[a.severity] - order[b.severity] : a.area < b.area ? -1 : 1,
    ),
    byCountry: [...byCountry.values()].sort((a, b) => (a.countryIso3 < b.countryIso3 ? -1 : 1)),
    unattributedFindings: unattributed,
    withheldFindings,
    withheldAssessments,
    counted,
  };
}
