import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { notFound, found } from '../../schema/errors.js';
import { M49CodeScalar } from '../../schema/scalars.js';
import { CodeList, OffenceCategory, schemeOfCode } from './code-list.entity.js';
import { toOffenceCategory } from './code-list.repository.js';
import type { LawsContext } from './context.js';
import { type Country, Organization } from './foreign.entity.js';
import {
  Instrument,
  InstrumentParticipation,
  InstrumentStatus,
  ParticipantType,
  ParticipationStatus,
  TreatyParticipant,
} from './instrument.entity.js';
import { ParticipationFilter } from './instrument.input.js';
import { findInstruments } from './instrument.repository.js';
import { codeListEntries, statesOfFilter } from './laws.loaders.js';

/** Counts the seeded participation rows of one instrument. */
function instrumentStatus(
  instrument: Instrument,
  rows: readonly InstrumentParticipation[],
): InstrumentStatus {
  const parties = rows.filter((r) => r.status === ParticipationStatus.PARTY);
  return {
    parties: parties.length,
    signatories: rows.filter((r) => r.status === ParticipationStatus.SIGNED).length,
    consentsCounted: parties.filter((r) => r.participantType !== ParticipantType.ORGANIZATION)
      .length,
    consentsNeeded: instrument.consentsNeeded,
    inForce: instrument.entryIntoForceOn !== null,
  };
}

@Resolver(() => Instrument)
export class InstrumentResolver {
  @Query(() => [Instrument], { description: 'The seeded international instruments, by code.' })
  async instruments(@Ctx() ctx: LawsContext): Promise<Instrument[]> {
    return findInstruments(ctx.db);
  }

  @Query(() => Instrument, { description: 'One instrument by code; NOT_FOUND when unknown.' })
  async instrument(
    @Arg('code', () => String, { description: 'Code, such as "CETS-185" or "UNCC-2024".' })
    code: string,
    @Ctx() ctx: LawsContext,
  ): Promise<Instrument> {
    return found(await ctx.loaders.instrumentByCode.load(code), 'Instrument', code, 'code');
  }

  @FieldResolver(() => Instrument, { nullable: true, description: 'The parent convention.' })
  async parent(
    @Root() instrument: Instrument,
    @Ctx() ctx: LawsContext,
  ): Promise<Instrument | null> {
    return instrument.parentCode ? ctx.loaders.instrumentByCode.load(instrument.parentCode) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization under whose auspices it was adopted.',
  })
  organization(@Root() instrument: Instrument): Organization | null {
    return instrument.organizationId ? { id: instrument.organizationId } : null;
  }

  @FieldResolver(() => [InstrumentParticipation], {
    description: 'Signatures and consents, by participant code; narrowed by status.',
  })
  async participations(
    @Root() instrument: Instrument,
    @Ctx() ctx: LawsContext,
    @Arg('status', () => ParticipationStatus, { nullable: true, description: 'Only this status.' })
    status?: ParticipationStatus,
    @Arg('region', () => M49CodeScalar, {
      nullable: true,
      description:
        'Only States in this M49 region, sub-region or intermediate region, such as "002" (Africa); organizations are in no region.',
    })
    region?: string,
  ): Promise<InstrumentParticipation[]> {
    const [rows, states] = await Promise.all([
      ctx.loaders.participationsByInstrument.load(instrument.code),
      statesOfFilter(ctx, undefined, region, 'region'),
    ]);
    const inRegion = states ? new Set(states) : undefined;
    return (rows ?? []).filter(
      (r) => (!status || r.status === status) && (!inRegion || inRegion.has(r.participant)),
    );
  }

  @FieldResolver(() => InstrumentStatus, {
    description:
      'Parties, signatories and, where entry into force needs a count of consents (UN Convention: 40), how many count so far (an organization’s consent does not). Counted from the seeded rows.',
  })
  async status(@Root() instrument: Instrument, @Ctx() ctx: LawsContext): Promise<InstrumentStatus> {
    return instrumentStatus(
      instrument,
      (await ctx.loaders.participationsByInstrument.load(instrument.code)) ?? [],
    );
  }

  @FieldResolver(() => [OffenceCategory], {
    description: 'The offence articles of this instrument, where it defines a scheme.',
  })
  async offenceCategories(
    @Root() instrument: Instrument,
    @Ctx() ctx: LawsContext,
  ): Promise<OffenceCategory[]> {
    const scheme = schemeOfCode(instrument.code);
    if (!scheme) {
      return [];
    }
    return (await codeListEntries(ctx, CodeList.OFFENCE_CATEGORY))
      .map(toOffenceCategory)
      .filter((c) => c.scheme === scheme);
  }
}

@Resolver(() => InstrumentParticipation)
export class InstrumentParticipationResolver {
  @Query(() => [InstrumentParticipation], {
    description:
      'Participation rows of one instrument, by participant; for questions such as "Budapest Parties in Africa that have not signed the UN Convention". Unknown instruments are NOT_FOUND.',
  })
  async participations(
    @Arg('filter', () => ParticipationFilter, {
      description:
        'Which participations: by instrument, status and participant; every condition given must hold.',
    })
    filter: ParticipationFilter,
    @Ctx() ctx: LawsContext,
  ): Promise<InstrumentParticipation[]> {
    const [instrument, other] = await Promise.all([
      ctx.loaders.instrumentByCode.load(filter.instrument),
      filter.withoutInstrument ? ctx.loaders.instrumentByCode.load(filter.withoutInstrument) : null,
    ]);
    if (!instrument) {
      throw notFound('Instrument', filter.instrument, 'filter.instrument');
    }
    if (filter.withoutInstrument && !other) {
      throw notFound('Instrument', filter.withoutInstrument, 'filter.withoutInstrument');
    }
    const [rows, otherRows] = await Promise.all([
      ctx.loaders.participationsByInstrument.load(instrument.code),
      other ? ctx.loaders.participationsByInstrument.load(other.code) : null,
    ]);
    const excluded = new Set((otherRows ?? []).map((r) => r.participant));
    const states = await statesOfFilter(ctx, filter.countryIso3s, filter.region);
    const countries = states ? new Set(states) : undefined;
    return (rows ?? []).filter(
      (r) =>
        (!filter.status || r.status === filter.status) &&
        (!countries || countries.has(r.participant)) &&
        !excluded.has(r.participant),
    );
  }

  @FieldResolver(() => TreatyParticipant, { description: 'The State or organization.' })
  participant(@Root() row: InstrumentParticipation): Country | Organization {
    return row.participantType === ParticipantType.ORGANIZATION
      ? { id: row.participant }
      : { iso3: row.participant };
  }

  @FieldResolver(() => Instrument, { description: 'The instrument.' })
  async instrument(
    @Root() row: InstrumentParticipation,
    @Ctx() ctx: LawsContext,
  ): Promise<Instrument> {
    const instrument = await ctx.loaders.instrumentByCode.load(row.instrumentCode);
    if (!instrument) {
      throw new Error(
        `Participation ${row.id} refers to unseeded instrument ${row.instrumentCode}`,
      );
    }
    return instrument;
  }
}
