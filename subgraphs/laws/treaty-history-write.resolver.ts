import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuditRecord } from '../../loaders/audit.js';
import { badUserInput, notFound } from '../../schema/errors.js';
import { throwIfInvalid, type Problems } from '../../schema/validation.js';
import { runWrite } from '../../schema/writes.js';
import type { LawsContext } from './context.js';
import {
  type Instrument,
  type InstrumentParticipation,
  ParticipantType,
} from './instrument.entity.js';
import {
  findParticipationForUpdate,
  insertParticipation,
  updateParticipation,
} from './instrument.repository.js';
import { getInstrument, LAWS_CACHE } from './laws.loaders.js';
import type { LawsTables } from './laws.table.js';
import { TreatyAction, TreatyActionType } from './treaty-history.entity.js';
import { RecordTreatyActionInput } from './treaty-history.input.js';
import { nextParticipation } from './treaty-history.model.js';
import { findParticipantActions, insertTreatyAction } from './treaty-history.repository.js';
import {
  checkAfterOpening,
  checkTreatyAction,
  type CheckedTreatyAction,
} from './treaty-history.validation.js';

const today = () => new Date().toISOString().slice(0, 10);

/** An act that needs a recorded participation (withdrawal, reservation) or the same type. */
function checkAgainstRecord(
  before: InstrumentParticipation | null,
  action: TreatyActionType,
  checked: CheckedTreatyAction,
  instrument: Instrument,
): void {
  const { participant, participantType } = checked;
  if (
    !before &&
    (action === TreatyActionType.WITHDRAWAL ||
      action === TreatyActionType.RESERVATION_OR_DECLARATION)
  ) {
    throw badUserInput([
      {
        field: 'input.action',
        message: `${participant} has no participation in ${instrument.code} recorded to ${action === TreatyActionType.WITHDRAWAL ? 'withdraw from' : 'qualify'}`,
      },
    ]);
  }
  if (before && before.participantType !== participantType) {
    throw badUserInput([
      {
        field: 'input.participantType',
        message: `${participant} takes part in ${instrument.code} as ${before.participantType}`,
      },
    ]);
  }
}

/** Adds the act and moves its participant's row, both audited, inside runWrite's transaction. */
async function recordAction(
  trx: Transaction<LawsTables>,
  instrument: Instrument,
  input: RecordTreatyActionInput,
  checked: CheckedTreatyAction,
) {
  const { participant, participantType } = checked;
  const id = `${instrument.code}:${participant}`;
  const before = await findParticipationForUpdate(trx, id);
  checkAgainstRecord(before, input.action, checked, instrument);
  const action = await insertTreatyAction(trx, {
    id: `ta-${randomUUID()}`,
    instrumentCode: instrument.code,
    participant,
    participantType,
    action: input.action,
    date: input.date,
    confirmedStatus: checked.confirmedStatus,
    source: checked.source,
    confidence: input.confidence,
    notes: checked.notes,
  });
  const history = await findParticipantActions(trx, instrument.code, participant);
  const next = nextParticipation(before, history, input.date, checked.source);
  const after = before
    ? await updateParticipation(trx, id, next)
    : await insertParticipation(
        trx,
        {
          id,
          instrumentCode: instrument.code,
          participant,
          participantType,
          confidence: action.confidence,
        },
        next,
      );
  const audit: AuditRecord[] = [
    {
      entityType: 'TreatyAction',
      entityId: action.id,
      action: 'CREATE',
      before: null,
      after: action,
    },
    {
      entityType: 'InstrumentParticipation',
      entityId: id,
      action: before ? 'UPDATE' : 'CREATE',
      before,
      after,
    },
  ];
  return {
    result: action,
    audit,
    invalidate: {
      keys: [
        LAWS_CACHE.treatyActionsByInstrument.key(instrument.code),
        LAWS_CACHE.participationsByInstrument.key(instrument.code),
        LAWS_CACHE.participationsByParticipant.key(participant),
        LAWS_CACHE.participationById.key(id),
      ],
      tags: ['TreatyAction', 'InstrumentParticipation'],
    },
  };
}

@Resolver()
export class TreatyHistoryWriteResolver {
  @Authorized('editor')
  @Mutation(() => TreatyAction, {
    description:
      "Records a treaty action (editors): signature, ratification, acceptance, approval, accession, succession, reservation or declaration, withdrawal, or a confirmed status, with its date, source and confidence. History is kept: the act is added, and the participant's current status follows from all its acts (an older act never downgrades a newer status). Audited.",
  })
  async recordTreatyAction(
    @Arg('input', () => RecordTreatyActionInput, {
      description: 'The treaty action to record, with its source.',
    })
    input: RecordTreatyActionInput,
    @Ctx() ctx: LawsContext,
  ): Promise<TreatyAction> {
    const problems: Problems = [];
    const checked = checkTreatyAction(problems, input, today());
    throwIfInvalid(problems);
    const instrument = await getInstrument(ctx, input.instrument, 'input.instrument');
    checkAfterOpening(problems, instrument, input.date);
    throwIfInvalid(problems);
    const { participant, participantType } = checked;
    // state_area holds the 195 States (a copy of the State files).
    if (
      participantType !== ParticipantType.ORGANIZATION &&
      !(await ctx.loaders.unctadStatus.load(participant))
    ) {
      throw notFound('Country', participant, 'input.participant');
    }
    return runWrite(ctx, (trx) => recordAction(trx, instrument, input, checked));
  }
}
