import { sql, type Kysely } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import {
  type Instrument,
  type InstrumentParticipation,
  type ParticipantType,
  type ParticipationStatus,
} from './instrument.entity.js';
import type { InstrumentParticipationRow, InstrumentRow, LawsTables } from './laws.table.js';

type Db = Kysely<LawsTables>;

export function toInstrument(row: InstrumentRow): Instrument {
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

export function toParticipation(row: InstrumentParticipationRow): InstrumentParticipation {
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
