import { listSize } from '../../schema/cost.js';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
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

@ObjectType('OffenceCoverage', {
  description: 'Whether a country’s law covers one offence category.',
})
export class OffenceCoverage {
  @Field(() => OffenceCategory, { description: 'The offence category of the scheme.' })
  category!: OffenceCategory;

  @Field(() => Boolean, { description: 'Whether any provision in force covers it.' })
  covered!: boolean;

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

  @Field(() => [LegalProvision], { description: 'Provisions in force tagged with the power.' })
  provisions!: LegalProvision[];
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
  async legislation(@Root() country: Country, @Ctx() ctx: LawsContext): Promise<Legislation[]> {
    const all = (await ctx.loaders.legislationByCountry.load(country.iso3)) ?? [];
    return all.filter((l) => isVisible(ctx.viewer, l));
  }

  @FieldResolver(() => [LegalProvision], {
    description: 'Provisions of this State’s laws the viewer may see, filtered.',
  })
  async provisions(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
    @Arg('filter', () => CountryProvisionFilter, { nullable: true })
    filter?: CountryProvisionFilter,
  ): Promise<LegalProvision[]> {
    const provisions = await this.visibleProvisions(country, ctx);
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
  ): Promise<LegalCoverage> {
    const [provisions, inForceIds, offences, powers] = await Promise.all([
      this.visibleProvisions(country, ctx),
      this.inForceLegislationIds(country, ctx),
      codeListEntries(ctx, CodeList.OFFENCE_CATEGORY),
      codeListEntries(ctx, CodeList.PROCEDURAL_POWER),
    ]);
    const inForce = provisions.filter((p) => inForceIds.has(p.legislationId));
    const conceptsByCode = new Map(offences.map((e) => [e.code, e.concepts]));
    const schemeCode = SCHEME_CODES[scheme];
    const offenceRows = offences
      .filter((e) => e.scheme === schemeCode)
      .map((e): OffenceCoverage => {
        const found = offenceCoverage(e, inForce, conceptsByCode);
        return {
          category: toOffenceCategory(e),
          covered: found.direct.length + found.viaConcept.length > 0,
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
