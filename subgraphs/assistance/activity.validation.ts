import { dateRange, requiredText, type Problems } from '../../schema/validation.js';
import { foreignIdProblems, optionalForeignId } from './assistance.validation.js';
import type { AssistanceRequest } from './request.entity.js';

// The checks of an activity's input that need nothing but the input (the references to other
// records are checked by `activityReferenceProblems` in the repository). Pure.

const MAX_TITLE = 500;

export interface ParticipantCounts {
  total: number;
  female: number;
  male: number;
  other: number;
  byRole: readonly { role: string; count: number }[];
}

/** What `recordActivity` and `updateActivity` take, as far as these checks read it. */
export interface ActivityFacts {
  title: string;
  startDate: string;
  endDate: string;
  beneficiaryCountries: readonly string[];
  implementerIds: readonly string[];
  gpcAreas: readonly string[];
  participants?: ParticipantCounts | null | undefined;
  legislationIds?: readonly string[] | null | undefined;
  provisionIds?: readonly string[] | null | undefined;
  needsAssessmentId?: string | null | undefined;
}

/** female + male + other = total; roles at most total, each once; nothing negative. */
export function participantProblems(field: string, p: ParticipantCounts): Problems {
  const problems: Problems = [];
  for (const key of ['total', 'female', 'male', 'other'] as const) {
    if (!Number.isInteger(p[key]) || p[key] < 0) {
      problems.push({ field: `${field}.${key}`, message: 'must be a whole number, 0 or more' });
    }
  }
  if (p.female + p.male + p.other !== p.total) {
    problems.push({
      field: `${field}.total`,
      message: `female + male + other (${p.female + p.male + p.other}) must equal total (${p.total})`,
    });
  }
  const roles = new Set<string>();
  let byRole = 0;
  p.byRole.forEach((r, i) => {
    if (roles.has(r.role)) {
      problems.push({ field: `${field}.byRole[${i}].role`, message: `${r.role} is listed twice` });
    }
    roles.add(r.role);
    if (!Number.isInteger(r.count) || r.count < 0) {
      problems.push({ field: `${field}.byRole[${i}].count`, message: 'must be 0 or more' });
    }
    byRole += r.count;
  });
  if (byRole > p.total) {
    problems.push({
      field: `${field}.byRole`,
      message: `the roles add up to ${byRole}, more than total (${p.total})`,
    });
  }
  return problems;
}

function atLeastOne(problems: Problems, field: string, values: readonly unknown[], what: string) {
  if (values.length === 0) {
    problems.push({ field, message: `name at least one ${what}` });
  }
}

/** Every problem of the input itself but its links. */
export function activityProblems(input: ActivityFacts): Problems {
  const problems: Problems = [];
  requiredText(problems, 'input.title', input.title, MAX_TITLE);
  dateRange(problems, ['input.startDate', input.startDate], ['input.endDate', input.endDate]);
  atLeastOne(problems, 'input.beneficiaryCountries', input.beneficiaryCountries, 'country');
  atLeastOne(problems, 'input.implementerIds', input.implementerIds, 'organisation');
  atLeastOne(problems, 'input.gpcAreas', input.gpcAreas, 'area');
  if (input.participants) {
    problems.push(...participantProblems('input.participants', input.participants));
  }
  return problems;
}

/** The ids of other subgraphs' records it links to, which this one can only check for form. */
export function activityLinkProblems(input: ActivityFacts): Problems {
  const problems: Problems = [];
  problems.push(
    ...foreignIdProblems('input.legislationIds', input.legislationIds ?? []),
    ...foreignIdProblems('input.provisionIds', input.provisionIds ?? []),
  );
  optionalForeignId(problems, 'input.needsAssessmentId', input.needsAssessmentId);
  return problems;
}

/**
 * The request an activity answers: `request` is the one the viewer may see (`undefined` when
 * unknown or not visible to it: then nothing about it is told); it must be a beneficiary's.
 */
export function answeredRequestProblems(
  requestId: string,
  request: Pick<AssistanceRequest, 'countryIso3'> | undefined,
  beneficiaryCountries: readonly string[],
): Problems {
  if (!request) {
    return [{ field: 'input.requestId', message: `"${requestId}" is not a known request` }];
  }
  if (!beneficiaryCountries.includes(request.countryIso3)) {
    return [
      {
        field: 'input.requestId',
        message: `the request is ${request.countryIso3}'s, which is not a beneficiary country`,
      },
    ];
  }
  return [];
}
