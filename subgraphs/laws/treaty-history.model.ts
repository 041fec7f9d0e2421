import { toConfidence, type Confidence } from '../../schema/common-types.js';
import {
  type InstrumentParticipation,
  ParticipantType,
  ParticipationStatus,
} from './instrument.entity.js';
import type { ParticipationChange } from './instrument.repository.js';
import {
  CONSENT_TYPES,
  COUNTED_CONSENTS,
  type TreatyAction,
  TreatyActionType,
  type TreatyParticipationAt,
} from './treaty-history.entity.js';

// A participant's status under a treaty on a date, from its dated acts and its undated record.
// Pure, for unit tests; the resolvers gather the rows through the loaders.

/** On one date: signatures first, then consents, reservations, withdrawals. */
const SAME_DAY_ORDER: Record<TreatyActionType, number> = {
  [TreatyActionType.SIGNATURE]: 0,
  [TreatyActionType.STATUS_CONFIRMED]: 1,
  [TreatyActionType.RATIFICATION]: 2,
  [TreatyActionType.ACCEPTANCE]: 2,
  [TreatyActionType.APPROVAL]: 2,
  [TreatyActionType.ACCESSION]: 2,
  [TreatyActionType.SUCCESSION]: 2,
  [TreatyActionType.RESERVATION_OR_DECLARATION]: 3,
  [TreatyActionType.WITHDRAWAL]: 4,
};

const RANK: Record<ParticipationStatus, number> = {
  [ParticipationStatus.SIGNED]: 1,
  [ParticipationStatus.PARTY]: 2,
  [ParticipationStatus.WITHDRAWN]: 3,
};

interface ParticipationOnDate {
  readonly participants: TreatyParticipationAt[];
  /** Recorded participants whose status on the date cannot be told (undated, later record). */
  readonly unknownOnDate: number;
}

/** What is known of one participant on the date. */
interface Standing {
  readonly status: ParticipationStatus | null;
  readonly since: string | null;
  readonly by: TreatyActionType | null;
  readonly counts: boolean;
  readonly knownAsOf: string | null;
  readonly confidence: Confidence | undefined;
}

/** The standing after one act (dated acts in order); an older act never downgrades a newer one. */
function afterAct(s: Standing, e: TreatyAction, type: ParticipantType): Standing {
  const set = (status: ParticipationStatus, counts: boolean): Standing => ({
    ...s,
    status,
    since: e.date,
    by: e.action,
    counts,
    confidence: e.confidence,
  });
  if (e.action === TreatyActionType.SIGNATURE) {
    return s.status === null ? set(ParticipationStatus.SIGNED, false) : s;
  }
  if (CONSENT_TYPES.has(e.action)) {
    return set(
      ParticipationStatus.PARTY,
      type !== ParticipantType.ORGANIZATION && COUNTED_CONSENTS.has(e.action),
    );
  }
  if (e.action === TreatyActionType.WITHDRAWAL) {
    return set(ParticipationStatus.WITHDRAWN, false);
  }
  if (e.action === TreatyActionType.STATUS_CONFIRMED && e.confirmedStatus) {
    const current = s.status;
    if (
      current === null ||
      (current !== ParticipationStatus.WITHDRAWN && RANK[e.confirmedStatus] > RANK[current])
    ) {
      return set(e.confirmedStatus, false);
    }
  }
  return s;
}

/** The undated record, where it is true as of `asOf` and says more than the dated acts so far. */
function withRecord(
  s: Standing,
  row: InstrumentParticipation | undefined,
  asOf: string | null,
): Standing {
  const recorded = row?.status;
  const current = s.status;
  if (
    row &&
    recorded &&
    recorded !== ParticipationStatus.WITHDRAWN &&
    current !== ParticipationStatus.WITHDRAWN &&
    (asOf === null || (row.asOf !== null && row.asOf <= asOf)) &&
    (current === null || RANK[recorded] > RANK[current])
  ) {
    return {
      status: recorded,
      since: null,
      by: null,
      counts: false,
      knownAsOf: row.asOf,
      confidence: row.confidence,
    };
  }
  if (asOf === null && row && recorded === ParticipationStatus.WITHDRAWN) {
    return { ...s, status: recorded };
  }
  return s;
}

const byDateThenKind = (a: TreatyAction, b: TreatyAction) =>
  a.date === b.date
    ? SAME_DAY_ORDER[a.action] - SAME_DAY_ORDER[b.action]
    : a.date < b.date
      ? -1
      : 1;

/**
 * Each participant's status on `asOf` (null: today, as recorded), from its dated acts up to that
 * date and, where those say less, from its undated record when that record is true as of a date no
 * later than `asOf`. An older act never downgrades a newer status. Pure, for unit tests.
 */
export function participationOnDate(
  rows: readonly InstrumentParticipation[],
  actions: readonly TreatyAction[],
  asOf: string | null,
): ParticipationOnDate {
  const byParticipant = new Map<string, TreatyAction[]>();
  for (const a of actions) {
    const list = byParticipant.get(a.participantCode) ?? [];
    list.push(a);
    byParticipant.set(a.participantCode, list);
  }
  const rowOf = new Map(rows.map((r) => [r.participant, r]));
  const codes = [...new Set([...rowOf.keys(), ...byParticipant.keys()])].sort();
  const participants: TreatyParticipationAt[] = [];
  let unknownOnDate = 0;
  for (const code of codes) {
    const row = rowOf.get(code);
    const all = byParticipant.get(code) ?? [];
    const type = row?.participantType ?? all[0]?.participantType ?? ParticipantType.STATE;
    const start: Standing = {
      status: null,
      since: null,
      by: null,
      counts: false,
      knownAsOf: null,
      confidence: row?.confidence,
    };
    const s = withRecord(
      all
        .filter((a) => asOf === null || a.date <= asOf)
        .sort(byDateThenKind)
        .reduce((standing, e) => afterAct(standing, e, type), start),
      row,
      asOf,
    );
    if (s.status === null) {
      // Unknown unless a dated signature or consent shows it had not yet joined.
      const dated = all.some(
        (a) => a.action === TreatyActionType.SIGNATURE || CONSENT_TYPES.has(a.action),
      );
      if (row && !dated) {
        unknownOnDate += 1;
      }
      continue;
    }
    participants.push({
      participantCode: code,
      participantType: type,
      status: s.status,
      since: s.since,
      by: s.by,
      knownAsOf: s.knownAsOf,
      countsTowardsEntryIntoForce: s.counts,
      confidence: s.confidence ?? toConfidence(null),
      synthetic: false,
    });
  }
  return { participants, unknownOnDate };
}

/**
 * A participant's row after an act is recorded: the status all its acts give today (its row's
 * when they say less), its first signature, its latest consent, the latest date known true, and
 * the act's source added to the row's.
 */
export function nextParticipation(
  before: InstrumentParticipation | null,
  history: readonly TreatyAction[],
  date: string,
  source: string,
): ParticipationChange {
  const now = participationOnDate(before ? [before] : [], history, null).participants[0];
  const signature = history
    .filter((a) => a.action === TreatyActionType.SIGNATURE)
    .map((a) => a.date)
    .sort()[0];
  const consent = history
    .filter((a) => CONSENT_TYPES.has(a.action))
    .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  return {
    status: now?.status ?? before?.status ?? ParticipationStatus.SIGNED,
    signedOn: before?.signedOn ?? signature ?? null,
    consentType: consent?.action ?? before?.consentType ?? null,
    consentOn: consent?.date ?? before?.consentOn ?? null,
    asOf:
      [before?.asOf, date]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? null,
    source:
      before && before.source.includes(source)
        ? before.source
        : [before?.source, source].filter(Boolean).join(' ; '),
  };
}
