import { blankableText, dateRange, requiredText, type Problems } from '../../schema/validation.js';
import { ParticipantType, ParticipationStatus, type Instrument } from './instrument.entity.js';
import { TreatyActionType } from './treaty-history.entity.js';
import type { RecordTreatyActionInput } from './treaty-history.input.js';

// The checks of the treaty-history queries and mutation that need no database, every problem at
// once. Unknown instruments, regions and States are facts of the database, asked by the resolver.

const MAX_TEXT = 2000;
const MAX_MOVEMENT_DAYS = 366 * 30;

/** `treatyMovements`: `to` not before `from`, at most 30 years apart. */
export function checkMovementRange(problems: Problems, from: string, to: string): void {
  const before = problems.length;
  dateRange(problems, ['from', from], ['to', to]);
  if (
    problems.length === before &&
    (Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_MOVEMENT_DAYS
  ) {
    problems.push({ field: 'to', message: 'the range may span at most 30 years' });
  }
}

/** A recorded act's cleaned values. */
export interface CheckedTreatyAction {
  readonly participant: string;
  readonly participantType: ParticipantType;
  readonly source: string;
  readonly notes: string | null;
  readonly confirmedStatus: ParticipationStatus | null;
}

function checkParticipant(problems: Problems, type: ParticipantType, participant: string): void {
  if (type === ParticipantType.ORGANIZATION) {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(participant)) {
      problems.push({
        field: 'input.participant',
        message: 'must be an organization id (lower-case slug, such as "eu")',
      });
    }
  } else if (!/^[A-Z]{3}$/.test(participant)) {
    problems.push({
      field: 'input.participant',
      message: 'must be an ISO 3166-1 alpha-3 code such as "KEN"',
    });
  }
}

function checkConfirmedStatus(problems: Problems, input: RecordTreatyActionInput): void {
  const confirming = input.action === TreatyActionType.STATUS_CONFIRMED;
  if (
    confirming &&
    input.confirmedStatus !== ParticipationStatus.PARTY &&
    input.confirmedStatus !== ParticipationStatus.SIGNED
  ) {
    problems.push({
      field: 'input.confirmedStatus',
      message: 'is required with STATUS_CONFIRMED: PARTY or SIGNED',
    });
  }
  if (!confirming && input.confirmedStatus) {
    problems.push({
      field: 'input.confirmedStatus',
      message: 'is given only with STATUS_CONFIRMED',
    });
  }
}

/** `recordTreatyAction`'s input, checked against `today` (YYYY-MM-DD). */
export function checkTreatyAction(
  problems: Problems,
  input: RecordTreatyActionInput,
  today: string,
): CheckedTreatyAction {
  const participantType = input.participantType ?? ParticipantType.STATE;
  const participant = input.participant.trim();
  checkParticipant(problems, participantType, participant);
  const source = requiredText(problems, 'input.source', input.source, MAX_TEXT);
  const notes = blankableText(problems, 'input.notes', input.notes, MAX_TEXT) ?? null;
  if (input.date > today) {
    problems.push({ field: 'input.date', message: 'must not be in the future' });
  }
  checkConfirmedStatus(problems, input);
  const confirming = input.action === TreatyActionType.STATUS_CONFIRMED;
  return {
    participant,
    participantType,
    source,
    notes,
    confirmedStatus: confirming ? (input.confirmedStatus ?? null) : null,
  };
}

/** An act dated before the instrument opened for signature is a problem. */
export function checkAfterOpening(problems: Problems, instrument: Instrument, date: string): void {
  if (instrument.openedForSignatureOn && date < instrument.openedForSignatureOn) {
    problems.push({
      field: 'input.date',
      message: `is before ${instrument.shortTitle} opened for signature (${instrument.openedForSignatureOn})`,
    });
  }
}
