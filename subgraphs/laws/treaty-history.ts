import { sql, type Kysely, type Transaction } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import {
  type InstrumentParticipation,
  ParticipantType,
  ParticipationStatus,
} from './instrument.entity.js';
import type { LawsTables, NewTreatyActionRow, TreatyActionRow } from './laws.table.js';
import {
  CONSENT_TYPES,
  COUNTED_CONSENTS,
  type TreatyAction,
  type TreatyActionOrigin,
  TreatyActionType,
  type TreatyParticipationAt,
} from './treaty-history.entity.js';

export function toTreatyAction(row: TreatyActionRow): TreatyAction {
  return {
    id: row.id,
    instrumentCode: row.instrument_code,
    participantCode: row.participant,
    participantType: row.participant_type as ParticipantType,
    action: row.action as TreatyActionType,
    date: row.action_on,
    confirmedStatus: row.confirmed_status as ParticipationStatus | null,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    origin: row.origin as TreatyActionOrigin,
    synthetic: false,
  };
}

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

export interface ParticipationOnDate {
  readonly participants: TreatyParticipationAt[];
  /** Recorded participants whose status on the date cannot be told (undated, later record). */
  readonly unknownOnDate: number;
}

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
    const events = all
      .filter((a) => asOf === null || a.date <= asOf)
      .sort((a, b) =>
        a.date === b.date
          ? SAME_DAY_ORDER[a.action] - SAME_DAY_ORDER[b.action]
          : a.date < b.date
            ? -1
            : 1,
      );
    let status: ParticipationStatus | null = null;
    let since: string | null = null;
    let by: TreatyActionType | null = null;
    let counts = false;
    let confidence = row?.confidence;
    for (const e of events) {
      const set = (s: ParticipationStatus, c: boolean) => {
        status = s;
        since = e.date;
        by = e.action;
        counts = c;
        confidence = e.confidence;
      };
      if (e.action === TreatyActionType.SIGNATURE) {
        if (status === null) {
          set(ParticipationStatus.SIGNED, false);
        }
      } else if (CONSENT_TYPES.has(e.action)) {
        set(
          ParticipationStatus.PARTY,
          type !== ParticipantType.ORGANIZATION && COUNTED_CONSENTS.has(e.action),
        );
      } else if (e.action === TreatyActionType.WITHDRAWAL) {
        set(ParticipationStatus.WITHDRAWN, false);
      } else if (e.action === TreatyActionType.STATUS_CONFIRMED && e.confirmedStatus) {
        const current: ParticipationStatus | null = status;
        if (
          current === null ||
          (current !== ParticipationStatus.WITHDRAWN &&
            RANK[e.confirmedStatus] > RANK[current as ParticipationStatus])
        ) {
          set(e.confirmedStatus, false);
        }
      }
    }
    let knownAsOf: string | null = null;
    const recorded = row?.status;
    const current = status as ParticipationStatus | null;
    if (
      row &&
      recorded &&
      recorded !== ParticipationStatus.WITHDRAWN &&
      current !== ParticipationStatus.WITHDRAWN &&
      (asOf === null || (row.asOf !== null && row.asOf <= asOf)) &&
      (current === null || RANK[recorded] > RANK[current])
    ) {
      // The record is true as of its date and says more than the dated acts so far.
      status = recorded;
      since = null;
      by = null;
      counts = false;
      knownAsOf = row.asOf;
      confidence = row.confidence;
    }
    if (asOf === null && row && recorded === ParticipationStatus.WITHDRAWN) {
      status = recorded;
    }
    if (status === null) {
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
      status,
      since,
      by,
      knownAsOf,
      countsTowardsEntryIntoForce: counts,
      confidence: confidence ?? toConfidence(null),
      synthetic: false,
    });
  }
  return { participants, unknownOnDate };
}

type Db = Kysely<LawsTables>;

/** Every act of the instruments, by date then participant. */
export async function findTreatyActionsByInstruments(
  db: Db,
  codes: readonly string[],
): Promise<TreatyAction[]> {
  if (codes.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('treaty_action')
    .selectAll()
    .where('instrument_code', '=', sql<string>`any(${[...codes]})`)
    .orderBy('action_on')
    .orderBy('participant')
    .orderBy('id')
    .execute();
  return rows.map(toTreatyAction);
}

/** Acts of one instrument dated from `from` to `to` (both included), by date then participant. */
export async function findTreatyMovements(
  db: Db,
  instrument: string,
  from: string,
  to: string,
  participants: readonly string[] | undefined,
): Promise<TreatyAction[]> {
  let q = db
    .selectFrom('treaty_action')
    .selectAll()
    .where('instrument_code', '=', instrument)
    .where('action_on', '>=', from)
    .where('action_on', '<=', to);
  if (participants) {
    q = q.where('participant', '=', sql<string>`any(${[...participants]})`);
  }
  const rows = await q.orderBy('action_on').orderBy('participant').orderBy('id').execute();
  return rows.map(toTreatyAction);
}

export async function insertTreatyAction(
  trx: Transaction<LawsTables>,
  row: NewTreatyActionRow,
): Promise<TreatyAction> {
  const inserted = await trx
    .insertInto('treaty_action')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTreatyAction(inserted);
}

export async function findParticipantActions(
  trx: Transaction<LawsTables>,
  instrument: string,
  participant: string,
): Promise<TreatyAction[]> {
  const rows = await trx
    .selectFrom('treaty_action')
    .selectAll()
    .where('instrument_code', '=', instrument)
    .where('participant', '=', participant)
    .execute();
  return rows.map(toTreatyAction);
}
