import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { basisOfRecords, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { withGroupScope } from '../../schema/grouping.js';
import { DateScalar, M49CodeScalar } from '../../schema/scalars.js';
import { throwIfInvalid, type Problems } from '../../schema/validation.js';
import type { LawsContext } from './context.js';
import type { Country, Organization } from './foreign.entity.js';
import { ParticipantType, ParticipationStatus, TreatyParticipant } from './instrument.entity.js';
import { getInstrument, statesOfFilter } from './laws.loaders.js';
import {
  TreatyAction,
  TreatyParticipationAt,
  TreatyParticipationReport,
} from './treaty-history.entity.js';
import { participationOnDate } from './treaty-history.model.js';
import { findTreatyMovements } from './treaty-history.repository.js';
import { checkMovementRange } from './treaty-history.validation.js';

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
    const instrument = await getInstrument(ctx, code, 'instrument');
    const states = await statesOfFilter(ctx, undefined, region, 'region');
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
    const problems: Problems = [];
    checkMovementRange(problems, from, to);
    throwIfInvalid(problems);
    const instrument = await getInstrument(ctx, code, 'instrument');
    const states = await statesOfFilter(ctx, undefined, region, 'region');
    // Every treaty action is real: includeSynthetic lets nothing more in.
    return findTreatyMovements(ctx.db, instrument.code, from, to, states);
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
