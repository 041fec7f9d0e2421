import type { InvalidField } from '../../schema/errors.js';
import { FindingStatus } from './needs-assessment.entity.js';
import {
  FollowUpAction,
  type FindingFollowUpInput,
  type RecordNeedsAssessmentInput,
  type RequestNeedsAssessmentInput,
} from './needs-assessment.input.js';
import type { LockedFinding } from './needs-assessment.repository.js';

const MAX_ITEMS = 100;

function textProblem(field: string, value: string | null | undefined, max: number) {
  const trimmed = (value ?? '').trim();
  return trimmed.length === 0 || trimmed.length > max
    ? [{ field, message: `must be 1–${max.toLocaleString('en')} characters` }]
    : [];
}

/** Every problem of a request at once, each naming its field (pure: no SQL, no context). */
export function requestProblems(input: RequestNeedsAssessmentInput, today: string): InvalidField[] {
  return [
    ...textProblem('input.title', input.title, 300),
    ...(input.requestedBy !== undefined && input.requestedBy !== null
      ? textProblem('input.requestedBy', input.requestedBy, 300)
      : []),
    ...(input.areas.length === 0
      ? [{ field: 'input.areas', message: 'name at least one area' }]
      : []),
    ...(input.requestedOn > today
      ? [{ field: 'input.requestedOn', message: 'must not be in the future' }]
      : []),
  ];
}

/** The problems of a record that need no database. */
export function recordProblems(input: RecordNeedsAssessmentInput, today: string): InvalidField[] {
  const problems: InvalidField[] = [
    ...textProblem('input.methodology', input.methodology, 2000),
    ...textProblem('input.publicSummary', input.publicSummary, 2000),
  ];
  if (input.completedOn < input.startedOn) {
    problems.push({ field: 'input.completedOn', message: 'must not be before startedOn' });
  }
  if (input.completedOn > today) {
    problems.push({ field: 'input.completedOn', message: 'must not be in the future' });
  }
  if ((input.conductedBy ?? []).length > 20) {
    problems.push({ field: 'input.conductedBy', message: 'must list at most 20 organizations' });
  }
  if (input.findings.length > MAX_ITEMS) {
    problems.push({ field: 'input.findings', message: `must list at most ${MAX_ITEMS}` });
  }
  input.findings.forEach((f, i) =>
    problems.push(...textProblem(`input.findings.${i}.gap`, f.gap, 1000)),
  );
  if (input.recommendations.length > MAX_ITEMS) {
    problems.push({ field: 'input.recommendations', message: `must list at most ${MAX_ITEMS}` });
  }
  input.recommendations.forEach((r, i) =>
    problems.push(...textProblem(`input.recommendations.${i}`, r, 2000)),
  );
  const followUps = input.followUps ?? [];
  if (followUps.length > MAX_ITEMS) {
    problems.push({ field: 'input.followUps', message: `must list at most ${MAX_ITEMS}` });
  }
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
  return problems;
}

/**
 * The problems of follow-ups against the findings they name (read under lock): each must exist,
 * be open, be real when the follow-up is, and belong to an earlier assessment of the same State.
 */
export function followUpProblems(
  followUps: readonly FindingFollowUpInput[],
  found: readonly LockedFinding[],
  assessment: { id: string; country_iso3: string; synthetic: boolean },
): InvalidField[] {
  const state = assessment.country_iso3.trim();
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
