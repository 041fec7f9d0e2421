import { todayUtc } from '../../schema/scalars.js';
import { requiredText, type Problems } from '../../schema/validation.js';
import type { TechnicalAssistanceActivity } from './activity.entity.js';
import { foreignIdProblems } from './assistance.validation.js';
import { COUNTED_KINDS } from './outcome.entity.js';
import type { RecordOutcomeInput } from './outcome.input.js';
import type { AssistanceRequest } from './request.entity.js';

// The checks of an outcome: its own fields, then the activity and request it follows (read by
// the caller; `undefined` when not published). Pure.

const MAX_SUMMARY = 2000;
const MAX_EVIDENCE = 500;

function optionalId(field: string, id: string | null | undefined): Problems {
  return foreignIdProblems(field, id ? [id] : []);
}

/** Every problem of the input itself. */
export function outcomeProblems(input: RecordOutcomeInput): Problems {
  const problems: Problems = [];
  requiredText(problems, 'input.summary', input.summary, MAX_SUMMARY);
  requiredText(problems, 'input.evidenceSource', input.evidenceSource, MAX_EVIDENCE);
  problems.push(
    ...optionalId('input.needsAssessmentId', input.needsAssessmentId),
    ...optionalId('input.findingId', input.findingId),
    ...optionalId('input.legislationId', input.legislationId),
  );
  if (input.occurredOn > todayUtc()) {
    problems.push({ field: 'input.occurredOn', message: 'must not be in the future' });
  }
  if (!input.activityId && !input.requestId) {
    problems.push({
      field: 'input.activityId',
      message: 'give the activity or the request it followed',
    });
  }
  const counted = COUNTED_KINDS.includes(input.kind);
  if (input.count !== undefined && input.count !== null && (!counted || input.count < 0)) {
    problems.push({
      field: 'input.count',
      message: counted ? 'must be 0 or more' : `is for ${COUNTED_KINDS.join(' and ')} only`,
    });
  }
  return problems;
}

/** The published activity it followed: not before it started, in a beneficiary country. */
export function followedActivityProblems(
  input: RecordOutcomeInput,
  activity: TechnicalAssistanceActivity | undefined,
): Problems {
  if (!activity) {
    return [{ field: 'input.activityId', message: `no published activity ${input.activityId}` }];
  }
  const problems: Problems = [];
  if (activity.startDate && input.occurredOn < activity.startDate) {
    problems.push({
      field: 'input.occurredOn',
      message: `must not be before its activity started (${activity.startDate})`,
    });
  }
  if (!activity.beneficiaryIso3s.includes(input.country)) {
    problems.push({
      field: 'input.country',
      message: `is not a beneficiary of activity ${activity.id} (${activity.beneficiaryIso3s.join(', ')})`,
    });
  }
  return problems;
}

/** The published request it answers: not before it was received, in the request's State. */
export function answeredRequestProblems(
  input: RecordOutcomeInput,
  request: AssistanceRequest | undefined,
): Problems {
  if (!request) {
    return [{ field: 'input.requestId', message: `no published request ${input.requestId}` }];
  }
  const problems: Problems = [];
  if (input.occurredOn < request.receivedOn) {
    problems.push({
      field: 'input.occurredOn',
      message: `must not be before its request was received (${request.receivedOn})`,
    });
  }
  if (request.countryIso3 !== input.country) {
    problems.push({
      field: 'input.country',
      message: `is not the request’s State (${request.countryIso3})`,
    });
  }
  return problems;
}
