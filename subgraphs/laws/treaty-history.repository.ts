import { sql, type Kysely, type Transaction } from 'kysely';
import { toConfidence, type Confidence } from '../../schema/common-types.js';
import type { ParticipantType, ParticipationStatus } from './instrument.entity.js';
import { confidenceColumn } from './instrument.repository.js';
import type { LawsTables, TreatyActionRow } from './laws.table.js';
import type {
  TreatyAction,
  TreatyActionOrigin,
  TreatyActionType,
} from './treaty-history.entity.js';

// Treaty actions: the dated history of signatures, consents, reservations and withdrawals.

function toTreatyAction(row: TreatyActionRow): TreatyAction {
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

/** A treaty action as an editor records it. */
interface NewTreatyAction {
  readonly id: string;
  readonly instrumentCode: string;
  readonly participant: string;
  readonly participantType: ParticipantType;
  readonly action: TreatyActionType;
  readonly date: string;
  readonly confirmedStatus: ParticipationStatus | null;
  readonly source: string;
  readonly confidence: Confidence;
  readonly notes: string | null;
}

export async function insertTreatyAction(
  trx: Transaction<LawsTables>,
  action: NewTreatyAction,
): Promise<TreatyAction> {
  const inserted = await trx
    .insertInto('treaty_action')
    .values({
      id: action.id,
      instrument_code: action.instrumentCode,
      participant: action.participant,
      participant_type: action.participantType,
      action: action.action,
      action_on: action.date,
      confirmed_status: action.confirmedStatus,
      source: action.source,
      confidence: confidenceColumn(action.confidence),
      notes: action.notes,
      origin: 'EDITOR',
    })
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
