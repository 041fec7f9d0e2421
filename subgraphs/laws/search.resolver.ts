import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { IncludeSyntheticArg } from '../../schema/basis.js';
import { notFound } from '../../schema/errors.js';
import { PageArgs, readPage, toConnection, type Connection } from '../../schema/pagination.js';
import { throwIfInvalid, type Problems } from '../../schema/validation.js';
import { CodeList } from './code-list.entity.js';
import type { LawsContext } from './context.js';
import { visibilityOf } from './laws.access.js';
import { conceptOffenceCodes, getCodeEntry, searchTexts, statesOfFilter } from './laws.loaders.js';
import {
  countLegislation,
  countProvisions,
  searchLegislationPage,
  searchProvisionsPage,
  type SearchValues,
} from './legislation-search.repository.js';
import { IN_FORCE_STATUSES, LegislationStatus } from './legislation.entity.js';
import {
  LegislationSearchConnection,
  ProvisionSearchConnection,
  type LegislationSearchHit,
  type ProvisionSearchHit,
} from './search.entity.js';
import { LawSearchFilter } from './search.input.js';
import { checkConcept, checkLawSearch, MAX_SEARCH_LENGTH } from './search.validation.js';

/** The statuses a filter asks for: `statuses`, else those `inForce` stands for. */
function statusesOf(f: LawSearchFilter): LegislationStatus[] | undefined {
  if (f.statuses) {
    return f.statuses;
  }
  if (f.inForce === true) {
    return [...IN_FORCE_STATUSES];
  }
  return f.inForce === false ? [LegislationStatus.REPEALED, LegislationStatus.DRAFT] : undefined;
}

/** The offence codes a filter asks for (its category, within its concept), after checks. */
async function offenceCodesOf(
  ctx: LawsContext,
  f: LawSearchFilter,
  conceptCodes: string[] | undefined,
): Promise<string[] | undefined> {
  if (!f.offenceCategory) {
    return conceptCodes;
  }
  const code = f.offenceCategory;
  await getCodeEntry(
    ctx,
    CodeList.OFFENCE_CATEGORY,
    code,
    'OffenceCategory',
    'filter.offenceCategory',
  );
  return conceptCodes ? conceptCodes.filter((c) => c === code) : [code];
}

/** Checks text and filter, every invalid field at once; unknown codes are NOT_FOUND. */
async function searchValues(
  ctx: LawsContext,
  text: string | undefined | null,
  filter: LawSearchFilter | undefined | null,
): Promise<SearchValues> {
  const f = filter ?? {};
  const problems: Problems = [];
  const trimmed = checkLawSearch(problems, text, f);
  const conceptCodes = f.concept ? await conceptOffenceCodes(ctx, f.concept) : undefined;
  checkConcept(problems, f.concept, conceptCodes);
  throwIfInvalid(problems);
  const offenceCategoryCodes = await offenceCodesOf(ctx, f, conceptCodes);
  if (f.proceduralPower) {
    const power = f.proceduralPower;
    await getCodeEntry(
      ctx,
      CodeList.PROCEDURAL_POWER,
      power,
      'ProceduralPower',
      'filter.proceduralPower',
    );
  }
  if (f.instrument && !(await ctx.loaders.instrumentByCode.load(f.instrument))) {
    throw notFound('Instrument', f.instrument, 'filter.instrument');
  }
  return {
    texts: trimmed ? await searchTexts(ctx, trimmed) : undefined,
    countryIso3s: await statesOfFilter(ctx, f.countryIso3s, f.region),
    languages: f.languages ?? undefined,
    kinds: f.kinds ?? undefined,
    offenceCategoryCodes,
    proceduralPowerCodes: f.proceduralPower ? [f.proceduralPower] : undefined,
    instrumentCode: f.instrument ?? undefined,
    statuses: statusesOf(f),
    yearFrom: f.inForceFromYear ?? undefined,
    yearTo: f.inForceToYear ?? undefined,
    visibility: visibilityOf(ctx.viewer),
  };
}

const TEXT_ARG = {
  nullable: true,
  description: `Search text, 1–${MAX_SEARCH_LENGTH} characters.`,
} as const;

const FILTER_ARG = {
  nullable: true,
  description:
    'Narrows the matches (in force, year, offence category, procedural power, States); omitted, every match the viewer may see.',
} as const;

@Resolver()
export class SearchResolver {
  @Query(() => ProvisionSearchConnection, {
    description:
      'Full-text search over provision labels and summaries (websearch syntax: "quoted phrases", OR, -exclusions), ranked, with highlighted snippets, combined with filters. Without `text`: every matching provision by country. Keyset cursors; stable order.',
  })
  async searchProvisions(
    @Ctx() ctx: LawsContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('text', () => String, TEXT_ARG) text?: string,
    @Arg('filter', () => LawSearchFilter, FILTER_ARG) filter?: LawSearchFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<ProvisionSearchHit>> {
    const { limit, after } = readPage(page, ['number', 'string', 'string'] as const);
    const values = { ...(await searchValues(ctx, text, filter)), includeSynthetic };
    const [rows, totalCount] = await Promise.all([
      searchProvisionsPage(ctx.db, values, limit, after),
      countProvisions(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (h) => [
      h.rank,
      h.provision.countryIso3,
      h.provision.id,
    ]);
  }

  @Query(() => LegislationSearchConnection, {
    description:
      'Full-text search over law titles and notes, ranked, with snippets, combined with filters (tag filters match laws with a published provision so tagged). Keyset cursors; stable order.',
  })
  async searchLegislation(
    @Ctx() ctx: LawsContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('text', () => String, TEXT_ARG) text?: string,
    @Arg('filter', () => LawSearchFilter, FILTER_ARG) filter?: LawSearchFilter,
    @IncludeSyntheticArg() includeSynthetic?: boolean,
  ): Promise<Connection<LegislationSearchHit>> {
    const { limit, after } = readPage(page, ['number', 'string', 'string'] as const);
    const values = { ...(await searchValues(ctx, text, filter)), includeSynthetic };
    const [rows, totalCount] = await Promise.all([
      searchLegislationPage(ctx.db, values, limit, after),
      countLegislation(ctx.db, values),
    ]);
    return toConnection(rows, limit, totalCount, (h) => [
      h.rank,
      h.legislation.countryIso3,
      h.legislation.id,
    ]);
  }
}
