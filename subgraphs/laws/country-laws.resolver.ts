import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits, IncludeSyntheticArg } from '../../schema/basis.js';
import { listSize } from '../../schema/cost.js';
import { throwIfInvalid, type Problems } from '../../schema/validation.js';
import { CaseLaw, LessonLearned } from './case-law.entity.js';
import { CodeList, CoverageScheme } from './code-list.entity.js';
import type { LawsContext } from './context.js';
import { CountryProvisionFilter } from './country-laws.input.js';
import { LegalCoverage } from './coverage.entity.js';
import { legalCoverageOf } from './coverage.model.js';
import { Country } from './foreign.entity.js';
import { InstrumentParticipation, ParticipationStatus } from './instrument.entity.js';
import { isCaseVisible, isLessonVisible, isVisible } from './laws.access.js';
import { codeListEntries, conceptOffenceCodes, getCodeEntry } from './laws.loaders.js';
import {
  IN_FORCE_STATUSES,
  LegalProvision,
  Legislation,
  type LegislationStatus,
} from './legislation.entity.js';
import { checkConcept } from './search.validation.js';

/** The provisions of a State the viewer may see: visible, of a visible law. */
async function visibleProvisions(country: Country, ctx: LawsContext): Promise<LegalProvision[]> {
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

async function inForceLegislationIds(country: Country, ctx: LawsContext): Promise<Set<string>> {
  const laws = (await ctx.loaders.legislationByCountry.load(country.iso3)) ?? [];
  return new Set(
    laws.filter((l) => IN_FORCE_STATUSES.includes(l.status as LegislationStatus)).map((l) => l.id),
  );
}

/** The offence codes a provision filter asks for, after checks; undefined: any. */
async function offenceCodesOf(
  ctx: LawsContext,
  filter: CountryProvisionFilter,
): Promise<string[] | undefined> {
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
    const codes = await conceptOffenceCodes(ctx, filter.concept);
    const problems: Problems = [];
    checkConcept(problems, filter.concept, codes);
    throwIfInvalid(problems);
    offenceCodes = offenceCodes ? offenceCodes.filter((c) => codes.includes(c)) : codes;
  }
  return offenceCodes;
}

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
    const provisions = (await visibleProvisions(country, ctx)).filter((p) =>
      admits(p, includeSynthetic),
    );
    if (!filter) {
      return provisions;
    }
    const offenceCodes = await offenceCodesOf(ctx, filter);
    const power = filter.proceduralPower;
    if (power) {
      await getCodeEntry(
        ctx,
        CodeList.PROCEDURAL_POWER,
        power,
        'ProceduralPower',
        'filter.proceduralPower',
      );
    }
    const inForceIds =
      filter.inForce === undefined || filter.inForce === null
        ? undefined
        : await inForceLegislationIds(country, ctx);
    return provisions.filter(
      (p) =>
        (!offenceCodes || p.offenceCategoryCodes.some((c) => offenceCodes.includes(c))) &&
        (!power || p.proceduralPowerCodes.includes(power)) &&
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
    const [provisions, inForceIds, offences, powers, laws, unctad] = await Promise.all([
      visibleProvisions(country, ctx),
      inForceLegislationIds(country, ctx),
      codeListEntries(ctx, CodeList.OFFENCE_CATEGORY),
      codeListEntries(ctx, CodeList.PROCEDURAL_POWER),
      ctx.loaders.legislationByCountry.load(country.iso3),
      ctx.loaders.unctadStatus.load(country.iso3),
    ]);
    return legalCoverageOf({
      scheme,
      provisions: provisions.filter((p) => admits(p, includeSynthetic)),
      inForceIds,
      offences,
      powers,
      laws: (laws ?? []).filter((l) => isVisible(ctx.viewer, l) && admits(l, includeSynthetic)),
      unctadStatus: unctad?.status ?? null,
      includeSynthetic: includeSynthetic ?? false,
    });
  }

  @FieldResolver(() => [CaseLaw], { description: 'Court decisions concerning this State.' })
  async cases(@Root() country: Country, @Ctx() ctx: LawsContext): Promise<CaseLaw[]> {
    return ((await ctx.loaders.casesByCountry.load(country.iso3)) ?? []).filter((c) =>
      isCaseVisible(ctx.viewer, c),
    );
  }

  @FieldResolver(() => [LessonLearned], {
    description: 'Lessons-learned sources (plans, strategies) of this State.',
  })
  async lessonsLearned(
    @Root() country: Country,
    @Ctx() ctx: LawsContext,
  ): Promise<LessonLearned[]> {
    return ((await ctx.loaders.lessonsByCountry.load(country.iso3)) ?? []).filter((l) =>
      isLessonVisible(ctx.viewer, l),
    );
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
}
