import { listSize } from '../../schema/cost.js';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { admits, Basis, basisOfRecords, IncludeSyntheticArg } from '../../schema/basis.js';
import { DateScalar } from '../../schema/scalars.js';
import { badUserInput } from '../../schema/errors.js';
import { CaseLaw, LessonLearned } from './case-law.entity.js';
import {
  CodeList,
  CoverageScheme,
  OffenceCategory,
  ProceduralPower,
  SCHEME_CODES,
  type CodeEntry,
} from './code-list.entity.js';
import { toOffenceCategory, toProceduralPower } from './code-list.repository.js';
import { codeListEntries, getCodeEntry } from './code-list.resolver.js';
import type { LawsContext } from './context.js';
import { offenceCoverage, powerCoverage } from './coverage.js';
import { Country } from './foreign.entity.js';
import { InstrumentParticipation, ParticipationStatus } from './instrument.entity.js';
import {
  IN_FORCE_STATUSES,
  LegalProvision,
  Legislation,
  type LegislationStatus,
  UNCTAD_ATTRIBUTION,
} from './legislation.entity.js';
import { isVisible } from './visibility.js';

@InputType({ description: 'Narrows `Country.provisions`; all given conditions must hold.' })
export class CountryProvisionFilter {
  @Field(() => String, { nullable: true, description: 'Tagged with this offence category code.' })
  offenceCategory?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with any offence category mapped to this crosswalk concept.',
  })
  concept?: string;

  @Field(() => String, { nullable: true, description: 'Tagged with this procedural power code.' })
  proceduralPower?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only provisions of laws in force (IN_FORCE or AMENDED); false: only others.',
  })
  inForce?: boolean;
}

/** What the record says about one offence or power: never "no data" read as "no law". */
export enum CoverageState {
  COVERED = 'COVERED',
  NOT_IN_RECORDED_PROVISIONS = 'NOT_IN_RECORDED_PROVISIONS',
  NO_PROVISIONS_RECORDED = 'NO_PROVISIONS_RECORDED',
}

registerEnumType(CoverageState, {
  name: 'CoverageState',
  description:
    'What the repository records for one offence or procedural power of a State: a finding only in the first two states.',
  valuesConfig: {
    COVERED: { description: 'A recorded provision in force covers it.' },
    NOT_IN_RECORDED_PROVISIONS: {
      description:
        'Provisions of this State are recorded, and none of them covers it. The law may still provide it in a provision not recorded here.',
    },
    NO_PROVISIONS_RECORDED: {
      description:
        'No provision in force of this State is recorded: the repository says nothing about its law, which is not a finding that it lacks one.',
    },
  },
});

function coverageState(covered: boolean, provisionsRecorded: number): CoverageState {
  if (covered) {
    return CoverageState.COVERED;
  }
  return provisionsRecorded === 0
    ? CoverageState.NO_PROVISIONS_RECORDED
    : CoverageState.NOT_IN_RECORDED_PROVISIONS;
}

@ObjectType('OffenceCoverage', {
  description: 'Whether a country’s law covers one offence category.',
})
export class OffenceCoverage {
  @Field(() => OffenceCategory, { description: 'The offence category of the scheme.' })
  category!: OffenceCategory;

  @Field(() => Boolean, { description: 'Whether any provision in force covers it.' })
  covered!: boolean;

  @Field(() => CoverageState, {
    description: 'Covered, recorded provisions without it, or no provisions recorded.',
  })
  state!: CoverageState;

  @Field(() => [LegalProvision], { description: 'Provisions in force tagged with the category.' })
  directProvisions!: LegalProvision[];

  @Field(() => [LegalProvision], {
    description:
      'Provisions in force tagged with a category of another scheme sharing a crosswalk concept.',
  })
  conceptProvisions!: LegalProvision[];
}

@ObjectType('ProceduralPowerCoverage', {
  description: 'Whether a country’s law provides one procedural power.',
})
export class ProceduralPowerCoverage {
  @Field(() => ProceduralPower, { description: 'The procedural power.' })
  power!: ProceduralPower;

  @Field(() => String, { description: 'Its article in the scheme’s convention.' })
  article!: string;

  @Field(() => Boolean, { description: 'Whether any provision in force provides it.' })
  covered!: boolean;

  @Field(() => CoverageState, {
    description: 'Covered, recorded provisions without it, or no provisions recorded.',
  })
  state!: CoverageState;

  @Field(() => [LegalProvision], { description: 'Provisions in force tagged with the power.' })
  provisions!: LegalProvision[];
}

export enum LawOnRecord {
  PROVISIONS_RECORDED = 'PROVISIONS_RECORDED',
  LAW_EXISTS_PROVISIONS_NOT_RECORDED = 'LAW_EXISTS_PROVISIONS_NOT_RECORDED',
  DRAFT_LAW_ONLY = 'DRAFT_LAW_ONLY',
  NO_LAW_KNOWN = 'NO_LAW_KNOWN',
  NO_DATA = 'NO_DATA',
}

registerEnumType(LawOnRecord, {
  name: 'LawOnRecord',
  description: `Whether a cybercrime law is known to exist, from the laws recorded here and the UNCTAD Global Cyberlaw Tracker (${UNCTAD_ATTRIBUTION}).`,
  valuesConfig: {
    PROVISIONS_RECORDED: { description: 'Provisions of its laws are recorded here.' },
    LAW_EXISTS_PROVISIONS_NOT_RECORDED: {
      description:
        'Law exists, provisions not yet recorded: a law is recorded here (a catalogue entry or curated record) or UNCTAD classifies the State as having legislation, but no provision is recorded.',
    },
    DRAFT_LAW_ONLY: { description: 'UNCTAD classifies the State as having draft legislation.' },
    NO_LAW_KNOWN: { description: 'UNCTAD classifies the State as having no legislation.' },
    NO_DATA: { description: 'UNCTAD has no data, and no law is recorded here.' },
  },
});

/** Pure, for unit tests. */
export function lawOnRecord(
  provisionsRecorded: number,
  lawsRecorded: number,
  unctadStatus: string | null,
): LawOnRecord {
  if (provisionsRecorded > 0) {
    return LawOnRecord.PROVISIONS_RECORDED;
  }
  if (lawsRecorded > 0 || unctadStatus === 'LEGISLATION') {
    return LawOnRecord.LAW_EXISTS_PROVISIONS_NOT_RECORDED;
  }
  if (unctadStatus === 'DRAFT_LEGISLATION') {
    return LawOnRecord.DRAFT_LAW_ONLY;
  }
  return unctadStatus === 'NO_LEGISLATION' ? LawOnRecord.NO_LAW_KNOWN : LawOnRecord.NO_DATA;
}

@ObjectType('LegalCoverage', {
  description:
    'Gap analysis: the offences and procedural powers of a convention against the provisions in force recorded here. "Not covered" means no recorded provision covers it, not that the law lacks it: only tagged provisions count.',
})
export class LegalCoverage {
  @Field(() => CoverageScheme, { description: 'The convention checked against.' })
  scheme!: CoverageScheme;

  @Field(() => [OffenceCoverage], {
    description: 'One entry per offence category, in article order.',
  })
  offences!: OffenceCoverage[];

  @Field(() => [ProceduralPowerCoverage], {
    description: 'One entry per procedural power the convention provides, in list order.',
  })
  proceduralPowers!: ProceduralPowerCoverage[];

  @Field(() => Int, { description: 'How many offence categories are covered.' })
  offencesCovered!: number;

  @Field(() => Int, { description: 'How many procedural powers are covered.' })
  proceduralPowersCovered!: number;

  @Field(() => Int, { description: 'How many visible provisions in force were considered.' })
  provisionsConsidered!: number;

  @Field(() => CoverageState, {
    description:
      'NO_PROVISIONS_RECORDED when no provision in force of this State is recorded (then every entry says so); otherwise NOT_IN_RECORDED_PROVISIONS, or COVERED when every entry is covered.',
  })
  state!: CoverageState;

  @Field(() => Int, {
    description:
      'How complete the record is: provisions recorded for this State (visible ones, in force or not).',
  })
  provisionsRecorded!: number;

  @Field(() => Int, { description: 'Laws recorded for this State (visible ones).' })
  lawsRecorded!: number;

  @Field(() => LawOnRecord, {
    description: `Whether a law is known to exist where no provision is recorded ("law exists, provisions not yet recorded"), from the laws recorded here and the UNCTAD Global Cyberlaw Tracker. ${UNCTAD_ATTRIBUTION}.`,
  })
  lawOnRecord!: LawOnRecord;

  @Field(() => String, {
    nullable: true,
    description: `UNCTAD's cybercrime-law status of the State (LEGISLATION, DRAFT_LEGISLATION, NO_LEGISLATION, NO_DATA); null where the tracker has no row. ${UNCTAD_ATTRIBUTION}; see Country.cyberlawStatus.`,
  })
  unctadCybercrimeStatus!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The latest `lastVerifiedOn` of those laws; null when none was verified on a recorded date.',
  })
  lastVerifiedOn!: string | null;

  @Field(() => Basis, {
    description:
      'The provisions in force considered, real and synthetic apart, real by confidence.',
  })
  basis!: Basis;
}

const POWER_ARTICLE: Record<CoverageScheme, string> = {
  [CoverageScheme.BUDAPEST]: 'budapest_article',
  [CoverageScheme.UN_CONVENTION]: 'uncc_article',
};

@Resolver(() => Country)
export class CountryLawsResolver {
  @listSize(3)
  @FieldResolver(() => [Legislation], {
    description: 'Cybercrime laws of this State the viewer may see, by year.',
  })
  async legislation(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Legislation[]> {
    const all = (await ctx.loaders.legislationByCountry.load(country.iso3)) ?? [];
    return all.filter((l) => isVisible(ctx.viewer, l) && admits(l, includeSynthetic));
  }

  @FieldResolver(() => [LegalProvision], {
    description: 'Provisions of this State’s laws the viewer may see, filtered.',
  })
  async provisions(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
    @Arg('filter', () => CountryProvisionFilter, {
      nullable: true,
      description: 'Narrows this State’s provisions; omitted, every provision the viewer may see.',
    })
    filter?: CountryProvisionFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<LegalProvision[]> {
    const provisions = (await this.visibleProvisions(country, ctx)).filter((p) =>
      admits(p, includeSynthetic),
    );
    if (!filter) {
      return provisions;
    }
    let offenceCodes: string[] | undefined;
    if (filter.offenceCategory) {
      await getCodeEntry(
        ctx,
        CodeList.OFFENCE_CATEGORY,
        filter.offenceCategory,
        'OffenceCategory',
        'filter.offenceCategory',
      );
      offenceCodes = [filter.offenceCategory];
    }
    if (filter.concept) {
      const concept = filter.concept;
      const codes = (await codeListEntries(ctx, CodeList.OFFENCE_CATEGORY))
        .filter((e) => e.concepts.includes(concept))
        .map((e) => e.code);
      if (codes.length === 0) {
        throw badUserInput([
          { field: 'filter.concept', message: `no offence category has concept "${concept}"` },
        ]);
      }
      offenceCodes = offenceCodes ? offenceCodes.filter((c) => codes.includes(c)) : codes;
    }
    if (filter.proceduralPower) {
      await getCodeEntry(
        ctx,
        CodeList.PROCEDURAL_POWER,
        filter.proceduralPower,
        'ProceduralPower',
        'filter.proceduralPower',
      );
    }
    const inForceIds =
      filter.inForce === undefined || filter.inForce === null
        ? undefined
        : await this.inForceLegislationIds(country, ctx);
    return provisions.filter(
      (p) =>
        (!offenceCodes || p.offenceCategoryCodes.some((c) => offenceCodes.includes(c))) &&
        (!filter.proceduralPower || p.proceduralPowerCodes.includes(filter.proceduralPower)) &&
        (!inForceIds || inForceIds.has(p.legislationId) === filter.inForce),
    );
  }

  @FieldResolver(() => LegalCoverage, {
    description:
      'For each offence category and procedural power of the convention, whether this State’s provisions in force cover it (directly or through the concept crosswalk), with the covering provisions.',
  })
  async legalCoverage(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
    @Arg('scheme', () => CoverageScheme, { description: 'Budapest or the UN Convention.' })
    scheme: CoverageScheme,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<LegalCoverage> {
    const [allProvisions, inForceIds, offences, powers, allLaws, unctad] = await Promise.all([
      this.visibleProvisions(country, ctx),
      this.inForceLegislationIds(country, ctx),
      codeListEntries(ctx, CodeList.OFFENCE_CATEGORY),
      codeListEntries(ctx, CodeList.PROCEDURAL_POWER),
      ctx.loaders.legislationByCountry.load(country.iso3),
      ctx.loaders.unctadStatus.load(country.iso3),
    ]);
    const provisions = allProvisions.filter((p) => admits(p, includeSynthetic));
    const laws = (allLaws ?? []).filter(
      (l) => isVisible(ctx.viewer, l) && admits(l, includeSynthetic),
    );
    const inForce = provisions.filter((p) => inForceIds.has(p.legislationId));
    const recorded = inForce.length;
    const conceptsByCode = new Map(offences.map((e) => [e.code, e.concepts]));
    const schemeCode = SCHEME_CODES[scheme];
    const offenceRows = offences
      .filter((e) => e.scheme === schemeCode)
      .map((e): OffenceCoverage => {
        const found = offenceCoverage(e, inForce, conceptsByCode);
        return {
          category: toOffenceCategory(e),
          covered: found.direct.length + found.viaConcept.length > 0,
          state: coverageState(found.direct.length + found.viaConcept.length > 0, recorded),
          directProvisions: found.direct,
          conceptProvisions: found.viaConcept,
        };
      });
    const articleColumn = POWER_ARTICLE[scheme];
    const powerRows = powers
      .filter((e: CodeEntry) => e.attributes[articleColumn])
      .map((e): ProceduralPowerCoverage => {
        const found = powerCoverage(e, inForce);
        return {
          power: toProceduralPower(e),
          article: e.attributes[articleColumn] ?? '',
          covered: found.length > 0,
          state: coverageState(found.length > 0, recorded),
          provisions: found,
        };
      });
    return {
      scheme,
      offences: offenceRows,
      proceduralPowers: powerRows,
      offencesCovered: offenceRows.filter((r) => r.covered).length,
      proceduralPowersCovered: powerRows.filter((r) => r.covered).length,
      provisionsConsidered: inForce.length,
      state:
        recorded === 0
          ? CoverageState.NO_PROVISIONS_RECORDED
          : [...offenceRows, ...powerRows].every((r) => r.covered)
            ? CoverageState.COVERED
            : CoverageState.NOT_IN_RECORDED_PROVISIONS,
      provisionsRecorded: provisions.length,
      lawsRecorded: laws.length,
      lawOnRecord: lawOnRecord(provisions.length, laws.length, unctad?.status ?? null),
      unctadCybercrimeStatus: unctad?.status ?? null,
      lastVerifiedOn:
        laws
          .map((l) => l.lastVerifiedOn)
          .filter((d): d is string => !!d)
          .sort()
          .at(-1) ?? null,
      basis: basisOfRecords('legal provision in force', includeSynthetic ?? false, inForce),
    };
  }

  @FieldResolver(() => [CaseLaw], { description: 'Court decisions concerning this State.' })
  async cases(@Root() country: Country, @Ctx() ctx: LawsContext): Promise<CaseLaw[]> {
    return (await ctx.loaders.casesByCountry.load(country.iso3)) ?? [];
  }

  @FieldResolver(() => [LessonLearned], {
    description: 'Lessons-learned sources (plans, strategies) of this State.',
  })
  async lessonsLearned(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned[]> {
    return (await ctx.loaders.lessonsByCountry.load(country.iso3)) ?? [];
  }

  @FieldResolver(() => [InstrumentParticipation], {
    description: 'This State’s signatures and consents, by instrument.',
  })
  async treatyParticipation(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
    @Arg('instrument', () => String, {
      nullable: true,
      description: 'Only rows of this instrument, such as "UNCC-2024".',
    })
    instrument?: string,
    @Arg('status', () => ParticipationStatus, { nullable: true, description: 'Only this status.' })
    status?: ParticipationStatus,
  ): Promise<InstrumentParticipation[]> {
    const rows = (await ctx.loaders.participationsByParticipant.load(country.iso3)) ?? [];
    return rows.filter(
      (r) => (!instrument || r.instrumentCode === instrument) && (!status || r.status === status),
    );
  }

  private async visibleProvisions(country: Country, ctx: LawsContext): Promise<LegalProvision[]> {
    const [provisions, laws] = await Promise.all([
      ctx.loaders.provisionsByCountry.load(country.iso3),
      ctx.loaders.legislationByCountry.load(country.iso3),
    ]);
    const visibleLaws = new Set(
      (laws ?? []).filter((l) => isVisible(ctx.viewer, l)).map((l) => l.id),
    );
    return (provisions ?? []).filter(
      (p) => visibleLaws.has(p.legislationId) && isVisible(ctx.viewer, p),
    );
  }

  private async inForceLegislationIds(country: Country, ctx: LawsContext): Promise<Set<string>> {
    const laws = (await ctx.loaders.legislationByCountry.load(country.iso3)) ?? [];
    return new Set(
      laws
        .filter((l) => IN_FORCE_STATUSES.includes(l.status as LegislationStatus))
        .map((l) => l.id),
    );
  }
}
