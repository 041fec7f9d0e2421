import type { Kysely } from 'kysely';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey, groupByKey } from '../../loaders/keyed.js';
import type { CaseLaw, LessonLearned } from './case-law.entity.js';
import {
  findCasesByCountries,
  findCasesByIds,
  findLessonsByCountries,
  findLessonsByIds,
} from './case-law.repository.js';
import type { CodeEntry } from './code-list.entity.js';
import { findCodeEntriesByKeys, findCodeEntriesByLists } from './code-list.repository.js';
import type { Instrument, InstrumentParticipation } from './instrument.entity.js';
import {
  findInstrumentsByCodes,
  findParticipationsByIds,
  findParticipationsByInstruments,
  findParticipationsByParticipants,
} from './instrument.repository.js';
import type { LawsTables } from './laws.table.js';
import type { TreatyAction } from './treaty-history.entity.js';
import { findTreatyActionsByInstruments } from './treaty-history.js';
import type { LegalProvision, Legislation } from './legislation.entity.js';
import {
  findLegislationAmending,
  findLegislationByCountries,
  findLegislationByIds,
  findProvisionsByCountries,
  findProvisionsByIds,
  findProvisionsByLegislationIds,
  findSearchSynonyms,
  findStatesInArea,
  findUnctadStatuses,
  type SearchSynonym,
} from './legislation.repository.js';

/** Cache key prefixes of this subgraph; bump the version when an entity's shape changes. */
export const LAWS_CACHE = {
  codeEntry: 'laws:v1:code:',
  codeList: 'laws:v1:code-list:',
  instrumentByCode: 'laws:v1:instrument:',
  participationById: 'laws:v1:participation:',
  participationsByInstrument: 'laws:v1:participations-of-instrument:',
  participationsByParticipant: 'laws:v1:participations-of:',
  legislationById: 'laws:v2:legislation:',
  legislationByCountry: 'laws:v2:legislation-of-country:',
  legislationAmending: 'laws:v2:legislation-amending:',
  searchSynonyms: 'laws:v1:search-synonyms:',
  statesInArea: 'laws:v1:states-in-area:',
  treatyActionsByInstrument: 'laws:v1:treaty-actions-of-instrument:',
  unctadStatus: 'laws:v1:unctad-status:',
  provisionById: 'laws:v1:provision:',
  provisionsByLegislation: 'laws:v1:provisions-of-legislation:',
  provisionsByCountry: 'laws:v1:provisions-of-country:',
  caseById: 'laws:v2:case:',
  casesByCountry: 'laws:v2:cases-of-country:',
  lessonById: 'laws:v2:lesson:',
  lessonsByCountry: 'laws:v2:lessons-of-country:',
} as const;

/**
 * Every loader reads through the entity cache. Per-parent lists hold every review state; the
 * resolvers filter by viewer, so a cached list never depends on who asked. Writes purge both
 * the entity keys and the lists of its parents.
 */
export function createLawsLoaders(db: Kysely<LawsTables>, deps: LoaderDeps) {
  return {
    codeEntry: createCachedLoader<string, CodeEntry>(deps, {
      prefix: LAWS_CACHE.codeEntry,
      load: async (keys) =>
        byKey(keys, await findCodeEntriesByKeys(db, keys), (e) => `${e.list}:${e.code}`),
    }),
    codeList: createCachedLoader<string, CodeEntry[]>(deps, {
      prefix: LAWS_CACHE.codeList,
      load: async (lists) =>
        groupByKey(lists, await findCodeEntriesByLists(db, lists), (e) => e.list),
    }),
    /** One key, "all": the synonym table is small and read whole. */
    searchSynonyms: createCachedLoader<string, SearchSynonym[]>(deps, {
      prefix: LAWS_CACHE.searchSynonyms,
      load: async (keys) => {
        const all = await findSearchSynonyms(db);
        return keys.map(() => all);
      },
    }),
    unctadStatus: createCachedLoader<string, { iso3: string; status: string | null }>(deps, {
      prefix: LAWS_CACHE.unctadStatus,
      load: async (keys) => byKey(keys, await findUnctadStatuses(db, keys), (r) => r.iso3),
    }),
    treatyActionsByInstrument: createCachedLoader<string, TreatyAction[]>(deps, {
      prefix: LAWS_CACHE.treatyActionsByInstrument,
      load: async (codes) =>
        groupByKey(codes, await findTreatyActionsByInstruments(db, codes), (a) => a.instrumentCode),
    }),
    statesInArea: createCachedLoader<string, string[]>(deps, {
      prefix: LAWS_CACHE.statesInArea,
      load: async (areas) => Promise.all(areas.map((m49) => findStatesInArea(db, m49))),
    }),
    instrumentByCode: createCachedLoader<string, Instrument>(deps, {
      prefix: LAWS_CACHE.instrumentByCode,
      load: async (codes) => byKey(codes, await findInstrumentsByCodes(db, codes), (i) => i.code),
    }),
    participationById: createCachedLoader<string, InstrumentParticipation>(deps, {
      prefix: LAWS_CACHE.participationById,
      load: async (ids) => byKey(ids, await findParticipationsByIds(db, ids), (p) => p.id),
    }),
    participationsByInstrument: createCachedLoader<string, InstrumentParticipation[]>(deps, {
      prefix: LAWS_CACHE.participationsByInstrument,
      load: async (codes) =>
        groupByKey(
          codes,
          await findParticipationsByInstruments(db, codes),
          (p) => p.instrumentCode,
        ),
    }),
    participationsByParticipant: createCachedLoader<string, InstrumentParticipation[]>(deps, {
      prefix: LAWS_CACHE.participationsByParticipant,
      load: async (keys) =>
        groupByKey(keys, await findParticipationsByParticipants(db, keys), (p) => p.participant),
    }),
    legislationById: createCachedLoader<string, Legislation>(deps, {
      prefix: LAWS_CACHE.legislationById,
      load: async (ids) => byKey(ids, await findLegislationByIds(db, ids), (l) => l.id),
    }),
    legislationByCountry: createCachedLoader<string, Legislation[]>(deps, {
      prefix: LAWS_CACHE.legislationByCountry,
      load: async (iso3s) =>
        groupByKey(iso3s, await findLegislationByCountries(db, iso3s), (l) => l.countryIso3),
    }),
    legislationAmending: createCachedLoader<string, Legislation[]>(deps, {
      prefix: LAWS_CACHE.legislationAmending,
      load: async (ids) => {
        const laws = await findLegislationAmending(db, ids);
        return ids.map((id) => laws.filter((l) => l.amendsIds.includes(id)));
      },
    }),
    provisionById: createCachedLoader<string, LegalProvision>(deps, {
      prefix: LAWS_CACHE.provisionById,
      load: async (ids) => byKey(ids, await findProvisionsByIds(db, ids), (p) => p.id),
    }),
    provisionsByLegislation: createCachedLoader<string, LegalProvision[]>(deps, {
      prefix: LAWS_CACHE.provisionsByLegislation,
      load: async (ids) =>
        groupByKey(ids, await findProvisionsByLegislationIds(db, ids), (p) => p.legislationId),
    }),
    provisionsByCountry: createCachedLoader<string, LegalProvision[]>(deps, {
      prefix: LAWS_CACHE.provisionsByCountry,
      load: async (iso3s) =>
        groupByKey(iso3s, await findProvisionsByCountries(db, iso3s), (p) => p.countryIso3),
    }),
    caseById: createCachedLoader<string, CaseLaw>(deps, {
      prefix: LAWS_CACHE.caseById,
      load: async (ids) => byKey(ids, await findCasesByIds(db, ids), (c) => c.id),
    }),
    casesByCountry: createCachedLoader<string, CaseLaw[]>(deps, {
      prefix: LAWS_CACHE.casesByCountry,
      load: async (iso3s) => {
        const cases = await findCasesByCountries(db, iso3s);
        return iso3s.map((iso3) => cases.filter((c) => c.countryIso3s.includes(iso3)));
      },
    }),
    lessonById: createCachedLoader<string, LessonLearned>(deps, {
      prefix: LAWS_CACHE.lessonById,
      load: async (ids) => byKey(ids, await findLessonsByIds(db, ids), (l) => l.id),
    }),
    lessonsByCountry: createCachedLoader<string, LessonLearned[]>(deps, {
      prefix: LAWS_CACHE.lessonsByCountry,
      load: async (iso3s) =>
        groupByKey(iso3s, await findLessonsByCountries(db, iso3s), (l) => l.countryIso3 ?? ''),
    }),
  };
}

export type LawsLoaders = ReturnType<typeof createLawsLoaders>;
