import { sql, type Kysely, type Transaction } from 'kysely';
import { Confidence, toConfidence } from '../../schema/common-types.js';
import {
  type Instrument,
  type InstrumentParticipation,
  type ParticipantType,
  type ParticipationStatus,
} from './instrument.entity.js';
import type { InstrumentParticipationRow, InstrumentRow, LawsTables } from './laws.table.js';

type Db = Kysely<LawsTables>;

function toInstrument(row: InstrumentRow): Instrument {
  return {
    code: row.code,
    title: row.title,
    shortTitle: row.short_title,
    seriesNumber: row.series_number,
    depositary: row.depositary,
    adoptedOn: row.adopted_on,
    openedForSignatureOn: row.opened_for_signature_on,
    openedForSignatureAt: row.opened_for_signature_at,
    signatureClosesOn: row.signature_closes_on,
    entryIntoForceOn: row.entry_into_force_on,
    entryIntoForceRule: row.entry_into_force_rule,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    parentCode: row.parent_code,
    organizationId: row.organization_id,
    consentsNeeded: row.consents_needed,
  };
}

function toParticipation(row: InstrumentParticipationRow): InstrumentParticipation {
  return {
    id: row.id,
    instrumentCode: row.instrument_code,
    participant: row.participant,
    participantType: row.participant_type as ParticipantType,
    status: row.status as ParticipationStatus,
    signedOn: row.signed_on,
    consentType: row.consent_type,
    consentOn: row.consent_on,
    entryIntoForceOn: row.entry_into_force_on,
    asOf: row.as_of,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
  };
}

export async function findInstruments(db: Db): Promise<Instrument[]> {
  const rows = await db.selectFrom('instrument').selectAll().orderBy('code').execute();
  return rows.map(toInstrument);
}

export async function findInstrumentsByCodes(
  db: Db,
  codes: readonly string[],
): Promise<Instrument[]> {
  if (codes.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('instrument')
    .selectAll()
    .where('code', '=', sql<string>`any(${[...codes]})`)
    .execute();
  return rows.map(toInstrument);
}

export async function findParticipationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<InstrumentParticipation[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('instrument_participation')
    .selectAll()
    .where('id', '=', sql<string>`any(${[...ids]})`)
    .execute();
  return rows.map(toParticipation);
}

/** Rows of any of the instruments, in instrument then participant order. */
export async function findParticipationsByInstruments(
  db: Db,
  codes: readonly string[],
): Promise<InstrumentParticipation[]> {
  if (codes.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('instrument_participation')
    .selectAll()
    .where('instrument_code', '=', sql<string>`any(${[...codes]})`)
    .orderBy('instrument_code')
    .orderBy('participant')
    .execute();
  return rows.map(toParticipation);
}

/** Rows of any of the participants (ISO alpha-3 or organization id), in instrument order. */
export async function findParticipationsByParticipants(
  db: Db,
  participants: readonly string[],
): Promise<InstrumentParticipation[]> {
  if (participants.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('instrument_participation')
    .selectAll()
    .where('participant', '=', sql<string>`any(${[...participants]})`)
    .orderBy('instrument_code')
    .execute();
  return rows.map(toParticipation);
}

// ---------------------------------------------------------------------------------------------
// Writes (inside runWrite's transaction): a treaty action recorded by an editor moves its
// participant's row.

type Trx = Transaction<LawsTables>;

export async function findParticipationForUpdate(
  trx: Trx,
  id: string,
): Promise<InstrumentParticipation | null> {
  const row = await trx
    .selectFrom('instrument_participation')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toParticipation(row) : null;
}

/** What a recorded treaty action changes in its participant's row. */
export interface ParticipationChange {
  readonly status: ParticipationStatus;
  readonly signedOn: string | null;
  readonly consentType: string | null;
  readonly consentOn: string | null;
  readonly asOf: string | null;
  readonly source: string;
}

function toParticipationChangeRow(change: ParticipationChange) {
  return {
    status: change.status,
    signed_on: change.signedOn,
    consent_type: change.consentType,
    consent_on: change.consentOn,
    as_of: change.asOf,
    source: change.source,
  };
}

/** A participant's first row under an instrument, from its first recorded act. */
export async function insertParticipation(
  trx: Trx,
  first: {
    readonly id: string;
    readonly instrumentCode: string;
    readonly participant: string;
    readonly participantType: ParticipantType;
    readonly confidence: Confidence;
  },
  change: ParticipationChange,
): Promise<InstrumentParticipation> {
  const inserted = await trx
    .insertInto('instrument_participation')
    .values({
      id: first.id,
      instrument_code: first.instrumentCode,
      participant: first.participant,
      participant_type: first.participantType,
      entry_into_force_on: null,
      confidence: confidenceColumn(first.confidence),
      notes: null,
      ...toParticipationChangeRow(change),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toParticipation(inserted);
}

export async function updateParticipation(
  trx: Trx,
  id: string,
  change: ParticipationChange,
): Promise<InstrumentParticipation> {
  const updated = await trx
    .updateTable('instrument_participation')
    .set(toParticipationChangeRow(change))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toParticipation(updated);
}

/** The column's spelling of a confidence. */
export function confidenceColumn(confidence: Confidence): string {
  return confidence === Confidence.VERIFIED ? 'verified' : 'to verify';
}
