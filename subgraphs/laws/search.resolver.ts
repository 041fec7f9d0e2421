import { IncludeSyntheticArg } from '../../schema/basis.js';
import { Arg, Args, Ctx, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { badUserInput, notFound, type InvalidField } from '../../schema/errors.js';
import {
  connectionTypes,
  PageArgs,
  readPage,
  toConnection,
  type Connection,
} from '../../schema/pagination.js';
import { foldAccentsJs } from '../../loaders/text-fold.js';
import { CountryCodeScalar, M49CodeScalar } from '../../schema/scalars.js';
import { CodeList } from './code-list.entity.js';
import { codeListEntries, getCodeEntry } from './code-list.resolver.js';
import type { LawsContext } from './context.js';
import {
  IN_FORCE_STATUSES,
  LegalProvision,
  Legislation,
  LegislationKind,
  LegislationStatus,
} from './legislation.entity.js';
import {
  countLegislation,
  countProvisions,
  searchLegislationPage,
  searchProvisionsPage,
  type SearchValues,
} from './legislation.repository.js';
import { visibilityOf } from './visibility.js';

export const MAX_SEARCH_LENGTH = 200;
const MAX_COUNTRIES = 250;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

@InputType({
  description: 'Narrows a search of laws or provisions; all given conditions must hold.',
})
export class LawSearchFilter {
  @Field(() => [CountryCodeScalar], {
    nullable: true,
    description: 'Only these States (ISO alpha-3). With `region`, the States in both.',
  })
  countryIso3s?: string[];

  @Field(() => M49CodeScalar, {
    nullable: true,
    description:
      'Only States in this M49 region, sub-region or intermediate region, such as "002" (Africa) or "014" (Eastern Africa).',
  })
  region?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Only laws whose text is in one of these languages (ISO 639-1, such as "fr"): for catalogue entries, the language the listed title names.',
  })
  languages?: string[];

  @Field(() => [LegislationKind], {
    nullable: true,
    description: 'Only curated records, or only catalogue entries.',
  })
  kinds?: LegislationKind[];

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with this offence category code (for laws: any of its provisions).',
  })
  offenceCategory?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Tagged with any offence category of this crosswalk concept, in any scheme.',
  })
  concept?: string;

  @Field(() => String, { nullable: true, description: 'Tagged with this procedural power code.' })
  proceduralPower?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Aligned with an article of this instrument, such as "CETS-185".',
  })
  instrument?: string;

  @Field(() => [LegislationStatus], { nullable: true, description: 'Law status is one of these.' })
  statuses?: LegislationStatus[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Shorthand for statuses [IN_FORCE, AMENDED]; ignored when `statuses` is given.',
  })
  inForce?: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'In force from this year on: the in-force year where recorded, else the year of the law.',
  })
  inForceFromYear?: number;

  @Field(() => Int, { nullable: true, description: 'In force by this year (same rule).' })
  inForceToYear?: number;
}

@ObjectType('ProvisionSearchHit', { description: 'A provision found by a search.' })
export class ProvisionSearchHit {
  @Field(() => LegalProvision, { description: 'The provision.' })
  provision!: LegalProvision;

  @Field(() => Int, { description: 'Text rank × 1,000,000 (0 without a search text).' })
  rank!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Label and summary as HTML-safe text (escaped) with matches in <mark>…</mark>; null without a search text.',
  })
  snippet!: string | null;
}

@ObjectType('LegislationSearchHit', { description: 'A law found by a search.' })
export class LegislationSearchHit {
  @Field(() => Legislation, { description: 'The law.' })
  legislation!: Legislation;

  @Field(() => Int, { description: 'Text rank × 1,000,000 (0 without a search text).' })
  rank!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Title and notes as HTML-safe text (escaped) with matches in <mark>…</mark>; null without a search text.',
  })
  snippet!: string | null;
}

const { Connection: ProvisionSearchConnection } = connectionTypes<ProvisionSearchHit>(
  ProvisionSearchHit,
  'ProvisionSearchHit',
);
const { Connection: LegislationSearchConnection } = connectionTypes<LegislationSearchHit>(
  LegislationSearchHit,
  'LegislationSearchHit',
);

function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR;
}

/** Checks text and filter, every invalid field at once; unknown codes are NOT_FOUND. */
async function searchValues(
  ctx: LawsContext,
  text: string | undefined | null,
  filter: LawSearchFilter | undefined | null,
): Promise<SearchValues> {
  const problems: InvalidField[] = [];
  const trimmed = text?.trim();
  if (text !== undefined && text !== null) {
    if (!trimmed) {
      problems.push({ field: 'text', message: 'must not be empty; omit it to list everything' });
    } else if (trimmed.length > MAX_SEARCH_LENGTH) {
      problems.push({ field: 'text', message: `must be at most ${MAX_SEARCH_LENGTH} characters` });
    }
  }
  const f = filter ?? {};
  if (f.languages && (f.languages.length === 0 || f.languages.some((l) => !/^[a-z]{2}$/.test(l)))) {
    problems.push({
      field: 'filter.languages',
      message: 'must list ISO 639-1 codes of two lower-case letters, such as "fr"',
    });
  }
  if (f.kinds && f.kinds.length === 0) {
    problems.push({ field: 'filter.kinds', message: 'must list at least one kind' });
  }
  if (f.countryIso3s && (f.countryIso3s.length === 0 || f.countryIso3s.length > MAX_COUNTRIES)) {
    problems.push({
      field: 'filter.countryIso3s',
      message: `must list between 1 and ${MAX_COUNTRIES} countries`,
    });
  }
  for (const field of ['inForceFromYear', 'inForceToYear'] as const) {
    const value = f[field];
    if (value !== undefined && value !== null && !isYear(value)) {
      problems.push({
        field: `filter.${field}`,
        message: `must be a year between ${MIN_YEAR} and ${MAX_YEAR}; got ${value}`,
      });
    }
  }
  if (
    f.inForceFromYear !== undefined &&
    f.inForceFromYear !== null &&
    f.inForceToYear !== undefined &&
    f.inForceToYear !== null &&
    f.inForceToYear < f.inForceFromYear
  ) {
    problems.push({
      field: 'filter.inForceToYear',
      message: `ends (${f.inForceToYear}) before the range starts (${f.inForceFromYear})`,
    });
  }
  if (f.statuses && f.statuses.length === 0) {
    problems.push({ field: 'filter.statuses', message: 'must list at least one status' });
  }
  let offenceCodes: string[] | undefined;
  if (f.concept) {
    const concept = f.concept;
    offenceCodes = (await codeListEntries(ctx, CodeList.OFFENCE_CATEGORY))
      .filter((e) => e.concepts.includes(concept))
      .map((e) => e.code);
    if (offenceCodes.length === 0) {
      problems.push({
        field: 'filter.concept',
        message: `no offence category has concept "${concept}"`,
      });
    }
  }
  if (problems.length > 0) {
    throw badUserInput(problems);
  }
  if (f.offenceCategory) {
    await getCodeEntry(
      ctx,
      CodeList.OFFENCE_CATEGORY,
      f.offenceCategory,
      'OffenceCategory',
      'filter.offenceCategory',
    );
    offenceCodes = offenceCodes
      ? offenceCodes.filter((c) => c === f.offenceCategory)
      : [f.offenceCategory];
  }
  if (f.proceduralPower) {
    await getCodeEntry(
      ctx,
      CodeList.PROCEDURAL_POWER,
      f.proceduralPower,
      'ProceduralPower',
      'filter.proceduralPower',
    );
  }
  if (f.instrument && !(await ctx.loaders.instrumentByCode.load(f.instrument))) {
    throw notFound('Instrument', f.instrument, 'filter.instrument');
  }
  let countryIso3s = f.countryIso3s ?? undefined;
  if (f.region) {
    const inArea = (await ctx.loaders.statesInArea.load(f.region)) ?? [];
    if (inArea.length === 0) {
      throw notFound('M49Region', f.region, 'filter.region');
    }
    countryIso3s = countryIso3s ? countryIso3s.filter((c) => inArea.includes(c)) : inArea;
  }
  const statuses =
    f.statuses ??
    (f.inForce === true
      ? [...IN_FORCE_STATUSES]
      : f.inForce === false
        ? [LegislationStatus.REPEALED, LegislationStatus.DRAFT]
        : undefined);
  return {
    texts: trimmed ? await searchTexts(ctx, trimmed) : undefined,
    countryIso3s,
    languages: f.languages ?? undefined,
    kinds: f.kinds ?? undefined,
    offenceCategoryCodes: offenceCodes,
    proceduralPowerCodes: f.proceduralPower ? [f.proceduralPower] : undefined,
    instrumentCode: f.instrument ?? undefined,
    statuses,
    yearFrom: f.inForceFromYear ?? undefined,
    yearTo: f.inForceToYear ?? undefined,
    visibility: visibilityOf(ctx.viewer),
  };
}

const MAX_VARIANTS = 12;

/**
 * The search text and its variants, accent-folded: each term of the synonym table found in the
 * text (whole words) is replaced by each of its alternatives ("unauthorised" → "unauthorized",
 * "hacking" → "illegal access"). A row matches any of them; the table is PostgreSQL data
 * (search_synonym), editable without a release.
 */
export async function searchTexts(ctx: LawsContext, text: string): Promise<string[]> {
  const folded = foldAccentsJs(text);
  const synonyms = (await ctx.loaders.searchSynonyms.load('all')) ?? [];
  const texts = [folded];
  for (const { term, alternative } of synonyms) {
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}])${escapeRegExp(term)}(?=$|[^\\p{L}\\p{N}])`,
      'gu',
    );
    const replaced = folded.replace(pattern, (_m, before: string) => `${before}${alternative}`);
    if (replaced !== folded) {
      texts.push(replaced);
    }
    if (texts.length >= MAX_VARIANTS) {
      break;
    }
  }
  return [...new Set(texts)];
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@Resolver()
export class SearchResolver {
  @Query(() => ProvisionSearchConnection, {
    description:
      'Full-text search over provision labels and summaries (websearch syntax: "quoted phrases", OR, -exclusions), ranked, with highlighted snippets, combined with filters. Without `text`: every matching provision by country. Keyset cursors; stable order.',
  })
  async searchProvisions(
    @Ctx() ctx: LawsContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('text', () => String, {
      nullable: true,
      description: `Search text, 1–${MAX_SEARCH_LENGTH} characters.`,
    })
    text?: string,
    @Arg('filter', () => LawSearchFilter, {
      nullable: true,
      description:
        'Narrows the matches (in force, year, offence category, procedural power, States); omitted, every match the viewer may see.',
    })
    filter?: LawSearchFilter,
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
    @Arg('text', () => String, {
      nullable: true,
      description: `Search text, 1–${MAX_SEARCH_LENGTH} characters.`,
    })
    text?: string,
    @Arg('filter', () => LawSearchFilter, {
      nullable: true,
      description:
        'Narrows the matches (in force, year, offence category, procedural power, States); omitted, every match the viewer may see.',
    })
    filter?: LawSearchFilter,
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
