import type { Kysely } from 'kysely';
import type { LoaderDeps } from '../../loaders/cached-loader.js';
import { defineEntityCache } from '../../loaders/entity-cache.js';
import type { Invalidation } from '../../loaders/invalidation.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import { foldAccentsJs } from '../../loaders/text-fold.js';
import { notFound, found } from '../../schema/errors.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import {
  findCasesByCountries,
  findCasesByIds,
  findLessonsByCountries,
  findLessonsByIds,
} from './case-law.repository.js';
import { CodeList, type CodeEntry } from './code-list.entity.js';
import {
  codeEntryKey,
  findCodeEntriesByKeys,
  findCodeEntriesByLists,
} from './code-list.repository.js';
import type { Instrument, InstrumentParticipation } from './instrument.entity.js';
import {
  findInstrumentsByCodes,
  findParticipationsByIds,
  findParticipationsByInstruments,
  findParticipationsByParticipants,
} from './instrument.repository.js';
import type { LawsTables } from './laws.table.js';
import { findSearchSynonyms, type SearchSynonym } from './legislation-search.repository.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';
import {
  findLegislationAmending,
  findLegislationByCountries,
  findLegislationByIds,
} from './legislation.repository.js';
import {
  findProvisionsByCountries,
  findProvisionsByIds,
  findProvisionsByLegislationIds,
} from './provision.repository.js';
import {
  findStatesInArea,
  findUnctadStatuses,
  type UnctadStatus,
} from './state-area.repository.js';
import { searchVariants } from './text-search.model.js';
import type { TreatyAction } from './treaty-history.entity.js';
import { findTreatyActionsByInstruments } from './treaty-history.repository.js';

/** This subgraph's entity caches: bump a cache's version when the shape it stores changes. */
export const LAWS_CACHE = {
  codeEntry: defineEntityCache<string, CodeEntry>({
    subgraph: 'laws',
    name: 'code',
    version: 1,
  }),
  codeList: defineEntityCache<string, CodeEntry[]>({
    subgraph: 'laws',
    name: 'code-list',
    version: 1,
  }),
  instrumentByCode: defineEntityCache<string, Instrument>({
    subgraph: 'laws',
    name: 'instrument',
    version: 1,
  }),
  participationById: defineEntityCache<string, InstrumentParticipation>({
    subgraph: 'laws',
    name: 'participation',
    version: 1,
  }),
  participationsByInstrument: defineEntityCache<string, InstrumentParticipation[]>({
    subgraph: 'laws',
    name: 'participations-of-instrument',
    version: 1,
  }),
  participationsByParticipant: defineEntityCache<string, InstrumentParticipation[]>({
    subgraph: 'laws',
    name: 'participations-of',
    version: 1,
  }),
  legislationById: defineEntityCache<string, Legislation>({
    subgraph: 'laws',
    name: 'legislation',
    version: 2,
  }),
  legislationByCountry: defineEntityCache<string, Legislation[]>({
    subgraph: 'laws',
    name: 'legislation-of-country',
    version: 2,
  }),
  legislationAmending: defineEntityCache<string, Legislation[]>({
    subgraph: 'laws',
    name: 'legislation-amending',
    version: 2,
  }),
  searchSynonyms: defineEntityCache<string, SearchSynonym[]>({
    subgraph: 'laws',
    name: 'search-synonyms',
    version: 1,
  }),
  statesInArea: defineEntityCache<string, string[]>({
    subgraph: 'laws',
    name: 'states-in-area',
    version: 1,
  }),
  treatyActionsByInstrument: defineEntityCache<string, TreatyAction[]>({
    subgraph: 'laws',
    name: 'treaty-actions-of-instrument',
    version: 1,
  }),
  unctadStatus: defineEntityCache<string, UnctadStatus>({
    subgraph: 'laws',
    name: 'unctad-status',
    version: 1,
  }),
  provisionById: defineEntityCache<string, LegalProvision>({
    subgraph: 'laws',
    name: 'provision',
    version: 1,
  }),
  provisionsByLegislation: defineEntityCache<string, LegalProvision[]>({
    subgraph: 'laws',
    name: 'provisions-of-legislation',
    version: 1,
  }),
  provisionsByCountry: defineEntityCache<string, LegalProvision[]>({
    subgraph: 'laws',
    name: 'provisions-of-country',
    version: 1,
  }),
  caseById: defineEntityCache<string, CaseLaw>({
    subgraph: 'laws',
    name: 'case',
    version: 2,
  }),
  casesByCountry: defineEntityCache<string, CaseLaw[]>({
    subgraph: 'laws',
    name: 'cases-of-country',
    version: 2,
  }),
  lessonById: defineEntityCache<string, LessonLearned>({
    subgraph: 'laws',
    name: 'lesson',
    version: 2,
  }),
  lessonsByCountry: defineEntityCache<string, LessonLearned[]>({
    subgraph: 'laws',
    name: 'lessons-of-country',
    version: 2,
  }),
} as const;

/**
 * Every loader reads through the entity cache. Per-parent lists hold every review state; the
 * resolvers filter by viewer, so a cached list never depends on who asked. Writes purge both
 * the entity keys and the lists of its parents.
 */
export function createLawsLoaders(db: Kysely<LawsTables>, deps: LoaderDeps) {
  return {
    codeEntry: LAWS_CACHE.codeEntry.loader(deps, async (keys) =>
      byKey(keys, await findCodeEntriesByKeys(db, keys), (e) => `${e.list}:${e.code}`),
    ),
    codeList: LAWS_CACHE.codeList.loader(deps, async (lists) =>
      groupByKey(lists, await findCodeEntriesByLists(db, lists), (e) => e.list),
    ),
    /** One key, "all": the synonym table is small and read whole. */
    searchSynonyms: LAWS_CACHE.searchSynonyms.loader(deps, async (keys) => {
      const all = await findSearchSynonyms(db);
      return keys.map(() => all);
    }),
    unctadStatus: LAWS_CACHE.unctadStatus.loader(deps, async (keys) =>
      byKey(keys, await findUnctadStatuses(db, keys), (r) => r.iso3),
    ),
    treatyActionsByInstrument: LAWS_CACHE.treatyActionsByInstrument.loader(deps, async (codes) =>
      groupByKey(codes, await findTreatyActionsByInstruments(db, codes), (a) => a.instrumentCode),
    ),
    statesInArea: LAWS_CACHE.statesInArea.loader(deps, async (areas) =>
      Promise.all(areas.map((m49) => findStatesInArea(db, m49))),
    ),
    instrumentByCode: LAWS_CACHE.instrumentByCode.loader(deps, async (codes) =>
      byKey(codes, await findInstrumentsByCodes(db, codes), (i) => i.code),
    ),
    participationById: LAWS_CACHE.participationById.loader(deps, async (ids) =>
      byKey(ids, await findParticipationsByIds(db, ids), (p) => p.id),
    ),
    participationsByInstrument: LAWS_CACHE.participationsByInstrument.loader(deps, async (codes) =>
      groupByKey(codes, await findParticipationsByInstruments(db, codes), (p) => p.instrumentCode),
    ),
    participationsByParticipant: LAWS_CACHE.participationsByParticipant.loader(deps, async (keys) =>
      groupByKey(keys, await findParticipationsByParticipants(db, keys), (p) => p.participant),
    ),
    legislationById: LAWS_CACHE.legislationById.loader(deps, async (ids) =>
      byKey(ids, await findLegislationByIds(db, ids), (l) => l.id),
    ),
    legislationByCountry: LAWS_CACHE.legislationByCountry.loader(deps, async (iso3s) =>
      groupByKey(iso3s, await findLegislationByCountries(db, iso3s), (l) => l.countryIso3),
    ),
    legislationAmending: LAWS_CACHE.legislationAmending.loader(deps, async (ids) => {
      const laws = await findLegislationAmending(db, ids);
      return ids.map((id) => laws.filter((l) => l.amendsIds.includes(id)));
    }),
    provisionById: LAWS_CACHE.provisionById.loader(deps, async (ids) =>
      byKey(ids, await findProvisionsByIds(db, ids), (p) => p.id),
    ),
    provisionsByLegislation: LAWS_CACHE.provisionsByLegislation.loader(deps, async (ids) =>
      groupByKey(ids, await findProvisionsByLegislationIds(db, ids), (p) => p.legislationId),
    ),
    provisionsByCountry: LAWS_CACHE.provisionsByCountry.loader(deps, async (iso3s) =>
      groupByKey(iso3s, await findProvisionsByCountries(db, iso3s), (p) => p.countryIso3),
    ),
    caseById: LAWS_CACHE.caseById.loader(deps, async (ids) =>
      byKey(ids, await findCasesByIds(db, ids), (c) => c.id),
    ),
    casesByCountry: LAWS_CACHE.casesByCountry.loader(deps, async (iso3s) => {
      const cases = await findCasesByCountries(db, iso3s);
      return iso3s.map((iso3) => cases.filter((c) => c.countryIso3s.includes(iso3)));
    }),
    lessonById: LAWS_CACHE.lessonById.loader(deps, async (ids) =>
      byKey(ids, await findLessonsByIds(db, ids), (l) => l.id),
    ),
    lessonsByCountry: LAWS_CACHE.lessonsByCountry.loader(deps, async (iso3s) =>
      groupByKey(iso3s, await findLessonsByCountries(db, iso3s), (l) => l.countryIso3 ?? ''),
    ),
  };
}

export type LawsLoaders = ReturnType<typeof createLawsLoaders>;

// ---------------------------------------------------------------------------------------------
// What a write purges: the one place per entity that names its cache keys and response tags.

/** A law, and the "amended by" lists of the laws it amends now or amended before the write. */
export function legislationPurge(l: Legislation, previousAmends: readonly string[] = []) {
  return {
    keys: [
      LAWS_CACHE.legislationById.key(l.id),
      LAWS_CACHE.legislationByCountry.key(l.countryIso3),
      ...LAWS_CACHE.legislationAmending.keys(new Set([...l.amendsIds, ...previousAmends])),
    ],
    tags: ['Legislation', `Legislation:${l.id}`, `Country:${l.countryIso3}`],
  } satisfies Invalidation;
}

export function provisionPurge(p: LegalProvision) {
  return {
    keys: [
      LAWS_CACHE.provisionById.key(p.id),
      LAWS_CACHE.provisionsByLegislation.key(p.legislationId),
      LAWS_CACHE.provisionsByCountry.key(p.countryIso3),
    ],
    tags: ['LegalProvision', `LegalProvision:${p.id}`, `Country:${p.countryIso3}`],
  } satisfies Invalidation;
}

/** A case, and the lists of every State it concerns now or concerned before the write. */
export function casePurge(c: CaseLaw, before?: CaseLaw) {
  const states = new Set([...c.countryIso3s, ...(before?.countryIso3s ?? [])]);
  return {
    keys: [LAWS_CACHE.caseById.key(c.id), ...LAWS_CACHE.casesByCountry.keys(states)],
    tags: ['CaseLaw', `CaseLaw:${c.id}`, ...[...states].map((iso3) => `Country:${iso3}`)],
  } satisfies Invalidation;
}

/** A lesson, and the lists of its State now and before the write (a regional one has none). */
export function lessonPurge(l: LessonLearned, before?: LessonLearned) {
  const states = new Set(
    [l.countryIso3, before?.countryIso3].filter((c): c is string => Boolean(c)),
  );
  return {
    keys: [LAWS_CACHE.lessonById.key(l.id), ...LAWS_CACHE.lessonsByCountry.keys(states)],
    tags: [
      'LessonLearned',
      `LessonLearned:${l.id}`,
      ...[...states].map((iso3) => `Country:${iso3}`),
    ],
  } satisfies Invalidation;
}

// ---------------------------------------------------------------------------------------------
// Lookups every resolver shares, through the request's loaders (a query of their own never).
// They take anything holding the loaders, the request context included.

interface WithLoaders {
  readonly loaders: LawsLoaders;
}

/** Every entry of one list, through the cached per-list loader. */
export async function codeListEntries(ctx: WithLoaders, list: CodeList): Promise<CodeEntry[]> {
  return (await ctx.loaders.codeList.load(list)) ?? [];
}

/** Every entry of every list (the write checks of code tags take them all). */
export async function allCodeEntries(ctx: WithLoaders): Promise<CodeEntry[]> {
  return (await Promise.all(Object.values(CodeList).map((l) => codeListEntries(ctx, l)))).flat();
}

/** Entries by code from one list, in the order given, unknown codes skipped. */
export async function codeEntries(
  ctx: WithLoaders,
  list: CodeList,
  codes: readonly string[],
): Promise<CodeEntry[]> {
  const entries = await ctx.loaders.codeEntry.loadMany(codes.map((c) => codeEntryKey(list, c)));
  return entries.filter((e): e is CodeEntry => e !== null && !(e instanceof Error));
}

/** One entry, or NOT_FOUND naming the code and the argument. */
export async function getCodeEntry(
  ctx: WithLoaders,
  list: CodeList,
  code: string,
  type: string,
  field: string,
): Promise<CodeEntry> {
  return found(await ctx.loaders.codeEntry.load(codeEntryKey(list, code)), type, code, field);
}

/** One instrument, or NOT_FOUND naming the code and the argument. */
export async function getInstrument(
  ctx: WithLoaders,
  code: string,
  field: string,
): Promise<Instrument> {
  return found(await ctx.loaders.instrumentByCode.load(code), 'Instrument', code, field);
}

/** The offence category codes of a crosswalk concept, in any scheme (none: unknown concept). */
export async function conceptOffenceCodes(ctx: WithLoaders, concept: string): Promise<string[]> {
  return (await codeListEntries(ctx, CodeList.OFFENCE_CATEGORY))
    .filter((e) => e.concepts.includes(concept))
    .map((e) => e.code);
}

/**
 * The States a filter's `countryIso3s` and M49 `region` leave (both: the States in both);
 * undefined when neither is given. An unknown region is NOT_FOUND naming `regionField`.
 */
export async function statesOfFilter(
  ctx: WithLoaders,
  countryIso3s: readonly string[] | undefined | null,
  region: string | undefined | null,
  regionField = 'filter.region',
): Promise<string[] | undefined> {
  let states = countryIso3s ? [...countryIso3s] : undefined;
  if (region) {
    const inArea = (await ctx.loaders.statesInArea.load(region)) ?? [];
    if (inArea.length === 0) {
      throw notFound('M49Region', region, regionField);
    }
    states = states ? states.filter((c) => inArea.includes(c)) : inArea;
  }
  return states;
}

/**
 * The search text and its variants, accent-folded (`searchVariants`), from the synonym table:
 * PostgreSQL data (search_synonym), editable without a release.
 */
export async function searchTexts(ctx: WithLoaders, text: string): Promise<string[]> {
  const synonyms = (await ctx.loaders.searchSynonyms.load('all')) ?? [];
  return searchVariants(foldAccentsJs(text), synonyms);
}
