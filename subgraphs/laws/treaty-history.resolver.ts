import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { basisOfRecords, IncludeSyntheticArg } from '../../schema/basis.js';
import { Confidence } from '../../schema/common-types.js';
import { listSize } from '../../schema/cost.js';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import { runWrite } from '../../schema/writes.js';
import { withGroupScope } from '../../schema/grouping.js';
import { DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import type { LawsContext } from './context.js';
import { type Country, type Organization } from './foreign.entity.js';
import {
  type Instrument,
  type InstrumentParticipation,
  ParticipantType,
  ParticipationStatus,
  TreatyParticipant,
} from './instrument.entity.js';
import { toParticipation } from './instrument.repository.js';
import { LAWS_CACHE } from './laws.loaders.js';
import {
  CONSENT_TYPES,
  RecordTreatyActionInput,
  TreatyAction,
  TreatyActionType,
  TreatyParticipationAt,
  TreatyParticipationReport,
} from './treaty-history.entity.js';
import {
  findParticipantActions,
  findTreatyMovements,
  insertTreatyAction,
  participationOnDate,
} from './treaty-history.js';

const MAX_TEXT = 2000;
const MAX_MOVEMENT_DAYS = 366 * 30;

async function instrumentOf(ctx: LawsContext, code: string, field: string): Promise<Instrument> {
  const instrument = await ctx.loaders.instrumentByCode.load(code);
  if (!instrument) {
    throw notFound('Instrument', code, field);
  }
  return instrument;
}

async function regionStates(ctx: LawsContext, m49: string | undefined | null) {
  if (!m49) {
    return undefined;
  }
  const states = (await ctx.loaders.statesInArea.load(m49)) ?? [];
  if (states.length === 0) {
    throw notFound('M49Region', m49, 'region');
  }
  return states;
}

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => TreatyParticipationReport)
export class TreatyHistoryResolver {
  @Query(() => TreatyParticipationReport, {
    description:
      'Who was a Party or signatory of an instrument on a date (omit `asOf` for the status as recorded today), with the consents counted towards entry into force (UN Convention: ratification, acceptance, approval or accession by a State, towards 40). Computed from the dated treaty actions; undated records count from the date they are known true.',
  })
  async treatyParticipation(
    @Ctx() ctx: LawsContext,
    @Arg('instrument', () => String, { description: 'Code, such as "CETS-185".' })
    code: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date; omit for today.' })
    asOf?: string | null,
    @Arg('region', () => M49CodeScalar, {
      nullable: true,
      description: 'Only States in this M49 region, sub-region or intermediate region.',
    })
    region?: string | null,
    @Arg('status', () => ParticipationStatus, { nullable: true, description: 'Only this status.' })
    status?: ParticipationStatus | null,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<TreatyParticipationReport> {
    const instrument = await instrumentOf(ctx, code, 'instrument');
    const states = await regionStates(ctx, region);
    const [rows, actions] = await Promise.all([
      ctx.loaders.participationsByInstrument.load(instrument.code),
      ctx.loaders.treatyActionsByInstrument.load(instrument.code),
    ]);
    const inRegion = (p: string) => !states || states.includes(p);
    const { participants: all, unknownOnDate } = participationOnDate(
      (rows ?? []).filter((r) => inRegion(r.participant)),
      (actions ?? []).filter((a) => inRegion(a.participantCode)),
      asOf ?? null,
    );
    const listed = status ? all.filter((p) => p.status === status) : all;
    const count = (s: ParticipationStatus) => all.filter((p) => p.status === s).length;
    // `groupBy` (treaty-groups.resolver.ts) counts exactly the participants listed.
    return withGroupScope<TreatyParticipationReport, readonly TreatyParticipationAt[]>(
      {
        instrument,
        asOf: asOf ?? null,
        participants: listed,
        parties: count(ParticipationStatus.PARTY),
        signatories: count(ParticipationStatus.SIGNED),
        withdrawn: count(ParticipationStatus.WITHDRAWN),
        consentsCounted: all.filter(
          (p) => p.status === ParticipationStatus.PARTY && p.countsTowardsEntryIntoForce,
        ).length,
        consentsNeeded: instrument.consentsNeeded,
        unknownOnDate,
        basis: basisOfRecords('treaty participant', includeSynthetic ?? false, listed),
      },
      listed,
    );
  }

  @listSize(50)
  @Query(() => [TreatyAction], {
    description:
      'Treaty actions of an instrument dated between `from` and `to` (both included), by date: signatures, consents, reservations, withdrawals and confirmed statuses, for reports.',
  })
  async treatyMovements(
    @Ctx() ctx: LawsContext,
    @Arg('instrument', () => String, { description: 'Code, such as "CETS-185".' })
    code: string,
    @Arg('from', () => DateScalar, { description: 'First day.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last day.' }) to: string,
    @Arg('region', () => M49CodeScalar, {
      nullable: true,
      description: 'Only States in this M49 region, sub-region or intermediate region.',
    })
    region?: string | null,
    @IncludeSyntheticArg() _includeSynthetic?: boolean,
  ): Promise<TreatyAction[]> {
    const problems: InvalidField[] = [];
    if (to < from) {
      problems.push({ field: 'to', message: `ends (${to}) before the range starts (${from})` });
    } else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_MOVEMENT_DAYS) {
      problems.push({ field: 'to', message: 'the range may span at most 30 years' });
    }
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const instrument = await instrumentOf(ctx, code, 'instrument');
    const states = await regionStates(ctx, region);
    // Every treaty action is real: includeSynthetic lets nothing more in.
    return findTreatyMovements(ctx.db, instrument.code, from, to, states);
  }

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
    const problems: InvalidField[] = [];
    const type = input.participantType ?? ParticipantType.STATE;
    const participant = input.participant.trim();
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
    const source = input.source.trim();
    if (!source || source.length > MAX_TEXT) {
      problems.push({ field: 'input.source', message: `must be 1–${MAX_TEXT} characters` });
    }
    const notes = input.notes?.trim() || null;
    if (notes && notes.length > MAX_TEXT) {
      problems.push({ field: 'input.notes', message: `must be at most ${MAX_TEXT} characters` });
    }
    if (input.date > today()) {
      problems.push({ field: 'input.date', message: 'must not be in the future' });
    }
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
    if (problems.length > 0) {
      throw badUserInput(problems);
    }
    const instrument = await instrumentOf(ctx, input.instrument, 'input.instrument');
    if (instrument.openedForSignatureOn && input.date < instrument.openedForSignatureOn) {
      throw badUserInput([
        {
          field: 'input.date',
          message: `is before ${instrument.shortTitle} opened for signature (${instrument.openedForSignatureOn})`,
        },
      ]);
    }
    if (
      type !== ParticipantType.ORGANIZATION &&
      !(await ctx.loaders.unctadStatus.load(participant))
    ) {
      // state_area holds the 195 States (a copy of the State files).
      throw notFound('Country', participant, 'input.participant');
    }
    const id = `${instrument.code}:${participant}`;
    return runWrite(ctx, async (trx) => {
      const beforeRow = await trx
        .selectFrom('instrument_participation')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      const before = beforeRow ? toParticipation(beforeRow) : null;
      if (
        !before &&
        (input.action === TreatyActionType.WITHDRAWAL ||
          input.action === TreatyActionType.RESERVATION_OR_DECLARATION)
      ) {
        throw badUserInput([
          {
            field: 'input.action',
            message: `${participant} has no participation in ${instrument.code} recorded to ${input.action === TreatyActionType.WITHDRAWAL ? 'withdraw from' : 'qualify'}`,
          },
        ]);
      }
      if (before && before.participantType !== type) {
        throw badUserInput([
          {
            field: 'input.participantType',
            message: `${participant} takes part in ${instrument.code} as ${before.participantType}`,
          },
        ]);
      }
      const action = await insertTreatyAction(trx, {
        id: `ta-${randomUUID()}`,
        instrument_code: instrument.code,
        participant,
        participant_type: type,
        action: input.action,
        action_on: input.date,
        confirmed_status: confirming ? (input.confirmedStatus ?? null) : null,
        source,
        confidence: input.confidence === Confidence.VERIFIED ? 'verified' : 'to verify',
        notes,
        origin: 'EDITOR',
      });
      const history = await findParticipantActions(trx, instrument.code, participant);
      const now = participationOnDate(before ? [before] : [], history, null).participants[0];
      const dated = (kind: (a: TreatyAction) => boolean) =>
        history
          .filter(kind)
          .map((a) => a.date)
          .sort()[0] ?? null;
      const consent = history
        .filter((a) => CONSENT_TYPES.has(a.action))
        .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
      const next = {
        status: now?.status ?? before?.status ?? ParticipationStatus.SIGNED,
        signed_on: before?.signedOn ?? dated((a) => a.action === TreatyActionType.SIGNATURE),
        consent_type: consent?.action ?? before?.consentType ?? null,
        consent_on: consent?.date ?? before?.consentOn ?? null,
        as_of:
          [before?.asOf, input.date]
            .filter((d): d is string => !!d)
            .sort()
            .at(-1) ?? null,
        source:
          before && before.source.includes(source)
            ? before.source
            : [before?.source, source].filter(Boolean).join(' ; '),
      };
      const afterRow = before
        ? await trx
            .updateTable('instrument_participation')
            .set(next)
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('instrument_participation')
            .values({
              id,
              instrument_code: instrument.code,
              participant,
              participant_type: type,
              entry_into_force_on: null,
              confidence: action.confidence === Confidence.VERIFIED ? 'verified' : 'to verify',
              notes: null,
              ...next,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
      const after: InstrumentParticipation = toParticipation(afterRow);
      return {
        result: action,
        audit: [
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
        ],
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
    });
  }
}

@Resolver(() => TreatyAction)
export class TreatyActionResolver {
  @FieldResolver(() => TreatyParticipant, { description: 'The State or organization.' })
  participant(@Root() action: TreatyAction): Country | Organization {
    return action.participantType === ParticipantType.ORGANIZATION
      ? { id: action.participantCode }
      : { iso3: action.participantCode };
  }
}

@Resolver(() => TreatyParticipationAt)
export class TreatyParticipationAtResolver {
  @FieldResolver(() => TreatyParticipant, { description: 'The State or organization.' })
  participant(@Root() row: TreatyParticipationAt): Country | Organization {
    return row.participantType === ParticipantType.ORGANIZATION
      ? { id: row.participantCode }
      : { iso3: row.participantCode };
  }
}
