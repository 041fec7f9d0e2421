import type { Kysely } from 'kysely';
import type { InvalidField } from '../../schema/errors.js';
import type { AssistanceTables } from './assistance.table.js';
import { RequestStatus, STATUS_ORDER } from './codes.js';

type Db = Kysely<AssistanceTables>;

/** Ids of other subgraphs' records that this one cannot look up: lower/upper letters, digits, `-._()`. */
const FOREIGN_ID = /^[A-Za-z0-9][A-Za-z0-9._()-]{0,127}$/;

export interface ParticipantCounts {
  total: number;
  female: number;
  male: number;
  other: number;
  byRole: readonly { role: string; count: number }[];
}

/** female + male + other = total; roles at most total, each once; nothing negative. */
export function participantProblems(field: string, p: ParticipantCounts): InvalidField[] {
  const problems: InvalidField[] = [];
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

export function foreignIdProblems(field: string, ids: readonly string[]): InvalidField[] {
  return ids.flatMap((id, i) =>
    FOREIGN_ID.test(id)
      ? []
      : [{ field: `${field}[${i}]`, message: `"${id}" is not a well-formed id` }],
  );
}

export type KnownList = 'country' | 'organization' | 'project' | 'offenceCategory';

async function known(db: Db, list: KnownList, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const keys = [...ids];
  const rows =
    list === 'country'
      ? await db
          .selectFrom('known_country')
          .select('iso3 as key')
          .where('iso3', 'in', keys)
          .execute()
      : list === 'organization'
        ? await db
            .selectFrom('known_organization')
            .select('id as key')
            .where('id', 'in', keys)
            .execute()
        : list === 'project'
          ? await db
              .selectFrom('known_project')
              .select('id as key')
              .where('id', 'in', keys)
              .execute()
          : await db
              .selectFrom('known_offence_category')
              .select('code as key')
              .where('code', 'in', keys)
              .execute();
  return new Set(rows.map((r) => r.key));
}

/** Each id not in this subgraph's copy of the other subgraph's list becomes a problem. */
export async function unknownIdProblems(
  db: Db,
  list: KnownList,
  field: string,
  ids: readonly string[],
  what: string,
  indexed = true,
): Promise<InvalidField[]> {
  const found = await known(db, list, ids);
  return ids.flatMap((id, i) =>
    found.has(id)
      ? []
      : [{ field: indexed ? `${field}[${i}]` : field, message: `"${id}" is not a known ${what}` }],
  );
}
