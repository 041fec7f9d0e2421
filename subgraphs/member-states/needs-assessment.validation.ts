import type { GpcArea } from '../../schema/gpc.js';
import {
  dateRange,
  listSize,
  optionalText,
  requiredText,
  throwIfInvalid,
  type Problems,
} from '../../schema/validation.js';
import { AssessmentStatus, FindingStatus } from './needs-assessment.entity.js';
import {
  FollowUpAction,
  type FindingFollowUpInput,
  type NeedsAssessmentFilter,
  type RecordNeedsAssessmentInput,
  type RequestNeedsAssessmentInput,
} from './needs-assessment.input.js';
import type {
  FollowUpChange,
  LockedAssessment,
  LockedFinding,
  NeedsAssessmentFilterValues,
  RecordedAssessment,
} from './needs-assessment.repository.js';

// Pure checks of the needs-assessment workflow's inputs (no SQL, no context): facts read under
// lock (the assessment, the findings a record follows up) are passed in.

const MAX_ITEMS = 100;

/** A request's checked values; throws one BAD_USER_INPUT naming every problem. */
export function checkRequest(
  input: RequestNeedsAssessmentInput,
  today: string,
): { title: string; requestedBy: string | undefined; areas: GpcArea[] } {
  const problems: Problems = [];
  const title = requiredText(problems, 'input.title', input.title, 300);
  const requestedBy = optionalText(problems, 'input.requestedBy', input.requestedBy, 300);
  if (input.areas.length === 0) {
    problems.push({ field: 'input.areas', message: 'name at least one area' });
  }
  if (input.requestedOn > today) {
    problems.push({ field: 'input.requestedOn', message: 'must not be in the future' });
  }
  throwIfInvalid(problems);
  return { title, requestedBy, areas: [...new Set(input.areas)] };
}

function checkFollowUps(problems: Problems, followUps: readonly FindingFollowUpInput[]): void {
  listSize(problems, 'input.followUps', followUps, { max: MAX_ITEMS });
  const seen = new Set<string>();
  followUps.forEach((f, i) => {
    if (seen.has(f.findingId)) {
      problems.push({ field: `input.followUps.${i}.findingId`, message: 'is named twice' });
    }
    seen.add(f.findingId);
    if (f.action === FollowUpAction.RERATE && !f.severity) {
      problems.push({ field: `input.followUps.${i}.severity`, message: 'is required to RERATE' });
    }
    if ((f.note ?? '').length > 1000) {
      problems.push({
        field: `input.followUps.${i}.note`,
        message: 'must be at most 1,000 characters',
      });
    }
  });
}

/** A record's values, trimmed, checked as far as no database is needed. */
export function checkRecord(input: RecordNeedsAssessmentInput, today: string): RecordedAssessment {
  const problems: Problems = [];
  const recorded: RecordedAssessment = {
    methodology: requiredText(problems, 'input.methodology', input.methodology, 2000),
    publicSummary: requiredText(problems, 'input.publicSummary', input.publicSummary, 2000),
    startedOn: input.startedOn,
    completedOn: input.completedOn,
    conductedBy: [...new Set(input.conductedBy ?? [])],
    confidentiality: input.confidentiality,
    findings: input.findings.map((f, i) => ({
      ...f,
      gap: requiredText(problems, `input.findings.${i}.gap`, f.gap, 1000),
    })),
    recommendations: input.recommendations.map((r, i) =>
      requiredText(problems, `input.recommendations.${i}`, r, 2000),
    ),
  };
  dateRange(
    problems,
    ['input.startedOn', input.startedOn],
    ['input.completedOn', input.completedOn],
  );
  if (input.completedOn > today) {
    problems.push({ field: 'input.completedOn', message: 'must not be in the future' });
  }
  listSize(problems, 'input.conductedBy', input.conductedBy, { max: 20 });
  listSize(problems, 'input.findings', input.findings, { max: MAX_ITEMS });
  listSize(problems, 'input.recommendations', input.recommendations, { max: MAX_ITEMS });
  checkFollowUps(problems, input.followUps ?? []);
  throwIfInvalid(problems);
  return recorded;
}

/** Only an assessment in `expected` status can take the step. */
function statusProblems(
  assessment: LockedAssessment,
  expected: AssessmentStatus,
  step: string,
): Problems {
  return assessment.status === expected
    ? []
    : [
        {
          field: 'id',
          message: `is ${assessment.status}; only a ${expected} assessment can be ${step}`,
        },
      ];
}

/**
 * The problems of follow-ups against the findings they name (read under lock): each must exist,
 * be open, be real when the follow-up is, and belong to an earlier assessment of the same State.
 */
function followUpProblems(
  followUps: readonly FindingFollowUpInput[],
  found: readonly LockedFinding[],
  assessment: LockedAssessment,
): Problems {
  const state = assessment.countryIso3;
  return followUps.flatMap((f, i) => {
    const field = `input.followUps.${i}.findingId`;
    const finding = found.find((x) => x.id === f.findingId);
    if (!finding) {
      return [{ field, message: `no finding ${f.findingId}` }];
    }
    if (finding.countryIso3 !== state) {
      return [
        {
          field,
          message: `belongs to an assessment of ${finding.countryIso3}; an assessment of ${state} follows up findings of ${state} only`,
        },
      ];
    }
    if (finding.assessmentId === assessment.id) {
      return [{ field, message: 'is a finding of this assessment itself' }];
    }
    if (finding.synthetic && !assessment.synthetic) {
      return [
        {
          field,
          message: 'is a synthetic (illustrative) finding; a real assessment does not close it',
        },
      ];
    }
    if (finding.status === FindingStatus.CLOSED) {
      return [{ field, message: 'is already CLOSED' }];
    }
    return [];
  });
}

/**
 * A record against the assessment and the earlier findings it follows up, both read under lock;
 * returns the change each follow-up makes to its finding.
 */
export function checkRecordable(
  assessment: LockedAssessment,
  input: RecordNeedsAssessmentInput,
  earlier: readonly LockedFinding[],
): { finding: LockedFinding; change: FollowUpChange }[] {
  const followUps = input.followUps ?? [];
  const problems = statusProblems(assessment, AssessmentStatus.REQUESTED, 'recorded');
  if (assessment.requestedOn && input.startedOn < assessment.requestedOn) {
    problems.push({
      field: 'input.startedOn',
      message: `must not be before the request (${assessment.requestedOn})`,
    });
  }
  problems.push(...followUpProblems(followUps, earlier, assessment));
  throwIfInvalid(problems);
  return followUps.map((followUp) => {
    const finding = earlier.find((f) => f.id === followUp.findingId)!;
    const change: FollowUpChange = {
      findingId: finding.id,
      assessmentId: assessment.id,
      kind: followUp.action === FollowUpAction.CLOSE ? 'CLOSED' : 'RERATED',
      severityBefore: finding.severity,
      severityAfter: followUp.severity ?? finding.severity,
      note: followUp.note?.trim() || null,
    };
    return { finding, change };
  });
}

/** Only a RECORDED assessment can be accepted. */
export function checkAcceptable(assessment: LockedAssessment): void {
  throwIfInvalid(statusProblems(assessment, AssessmentStatus.RECORDED, 'accepted'));
}

/** A needs-assessments filter as the repository reads it (without the synthetic condition). */
export function checkNeedsAssessmentFilter(
  filter: NeedsAssessmentFilter | undefined,
): Omit<NeedsAssessmentFilterValues, 'synthetic'> {
  const problems: Problems = [];
  listSize(problems, 'filter.countries', filter?.countries, { max: 300 });
  throwIfInvalid(problems);
  return {
    countryIso3s: filter?.countries ?? undefined,
    confidentiality: filter?.confidentiality ?? undefined,
    area: filter?.area ?? undefined,
  };
}
