import { todayUtc } from '../../schema/scalars.js';
import { requiredText, optionalText, type Problems } from '../../schema/validation.js';
import { foreignIdProblems } from './assistance.validation.js';
import { RequestStatus, STATUS_ORDER } from './codes.model.js';
import type { AssistanceRequestInput, AssistanceRequestUpdate } from './request.input.js';

// The checks of a request's input and of a status move. Pure: the country is checked against
// this subgraph's list by the repository (`unknownIdProblem`).

const MAX_DESCRIPTION = 5000;

function needsAssessment(problems: Problems, id: string | null | undefined): void {
  problems.push(...foreignIdProblems('input.needsAssessmentId', id ? [id] : []));
}

/** A new request: a description, at least one area, not received in the future. */
export function requestProblems(input: AssistanceRequestInput): Problems {
  const problems: Problems = [];
  needsAssessment(problems, input.needsAssessmentId);
  requiredText(problems, 'input.description', input.description, MAX_DESCRIPTION);
  if (input.gpcAreas.length === 0) {
    problems.push({ field: 'input.gpcAreas', message: 'name at least one area' });
  }
  if (input.receivedOn > todayUtc()) {
    problems.push({ field: 'input.receivedOn', message: 'must not be in the future' });
  }
  return problems;
}

/** Changes to a request: what is given must be valid. */
export function requestUpdateProblems(input: AssistanceRequestUpdate): Problems {
  const problems: Problems = [];
  needsAssessment(problems, input.needsAssessmentId);
  optionalText(problems, 'input.description', input.description, MAX_DESCRIPTION);
  if (input.gpcAreas && input.gpcAreas.length === 0) {
    problems.push({ field: 'input.gpcAreas', message: 'name at least one area' });
  }
  return problems;
}

/**
 * Whether `to` may follow `from`: the next state on RECEIVED → ASSESSED → IN_DELIVERY → MET, or
 * DECLINED from an open state; editors may also skip ahead. Returns the problem, if any.
 */
export function transitionProblem(
  from: RequestStatus,
  to: RequestStatus,
  editor: boolean,
): string | undefined {
  if (from === RequestStatus.MET || from === RequestStatus.DECLINED) {
    return `the request is ${from}; it cannot change any more`;
  }
  if (to === RequestStatus.DECLINED) {
    return undefined;
  }
  const step = STATUS_ORDER.indexOf(to) - STATUS_ORDER.indexOf(from);
  if (step <= 0) {
    return `cannot go from ${from} back to ${to}`;
  }
  if (step > 1 && !editor) {
    const skipped = STATUS_ORDER.slice(STATUS_ORDER.indexOf(from) + 1, STATUS_ORDER.indexOf(to));
    return `cannot go from ${from} straight to ${to}: ${skipped.join(', ')} comes first (only editors may skip a state)`;
  }
  return undefined;
}

/** A status move: a transition the viewer may make, dated today or earlier, after the last one. */
export function moveProblems(
  move: { from: RequestStatus; to: RequestStatus; on: string; editor: boolean },
  last: { status: string; changed_on: string } | undefined,
): Problems {
  const problems: Problems = [];
  const problem = transitionProblem(move.from, move.to, move.editor);
  if (problem) {
    problems.push({ field: 'status', message: problem });
  }
  if (move.on > todayUtc()) {
    problems.push({ field: 'on', message: 'must not be in the future' });
  } else if (last && move.on < last.changed_on) {
    problems.push({
      field: 'on',
      message: `must not be before the last change (${last.status} on ${last.changed_on})`,
    });
  }
  return problems;
}
