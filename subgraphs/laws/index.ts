/* eslint-disable import-x/order -- the resolver modules load in the order the committed SDL lists their fields (below). */
import { auditLogResolver } from '../../schema/audit.js';
import type { Subgraph } from '../../schema/subgraph.js';
// The resolver modules first, in this order: type-graphql lists Query and Mutation fields in the
// order their classes are declared, and the committed SDL follows it.
import { CodeListResolver, OffenceCategoryResolver } from './code-list.resolver.js';
import { SearchResolver } from './search.resolver.js';
import { CaseLawResolver, LessonLearnedResolver } from './case-law.resolver.js';
import { InstrumentParticipationResolver, InstrumentResolver } from './instrument.resolver.js';
import { LegalProvisionResolver, LegislationResolver } from './legislation.resolver.js';
import { CountryLawsResolver } from './country-laws.resolver.js';
import { CaseLawWriteResolver } from './case-law-write.resolver.js';
import { LessonLearnedWriteResolver } from './lesson-write.resolver.js';
import { LegislationWriteResolver } from './legislation-write.resolver.js';
import { ProvisionWriteResolver } from './provision-write.resolver.js';
import { TreatyHistoryWriteResolver } from './treaty-history-write.resolver.js';
import {
  TreatyActionResolver,
  TreatyHistoryResolver,
  TreatyParticipationAtResolver,
} from './treaty-history.resolver.js';
import { TreatyParticipationGroupsResolver } from './treaty-groups.resolver.js';
import { CodeList } from './code-list.entity.js';
import {
  toCooperationMechanism,
  toCrimeType,
  toCrossCuttingIssue,
  toOffenceCategory,
  toProceduralPower,
} from './code-list.repository.js';
import type { LawsContext } from './context.js';
import { createLawsLoaders, type LawsLoaders } from './laws.loaders.js';
import {
  resolveCaseReference,
  resolveCodeReference,
  resolveCountryReference,
  resolveInstrumentReference,
  resolveLegislationReference,
  resolveLessonReference,
  resolveParticipationReference,
  resolveProvisionReference,
} from './laws.reference.js';
import { seedLaws } from './laws.seed.js';
import { DB_SCHEMA, type LawsTables } from './laws.table.js';
import { lawsMigrations } from './migrations/index.js';
import { scaleLaws } from './synthetic-scale.seed.js';

export { LAWS_CACHE } from './laws.loaders.js';
export type { LawsTables } from './laws.table.js';

type Ref = Record<string, unknown>;

/** Each code list's entity, resolved by its `code` through one loader per list. */
const CODE_LIST_ENTITIES: readonly (readonly [
  type: string,
  list: CodeList,
  shape: Parameters<typeof resolveCodeReference<unknown>>[3],
])[] = [
  ['OffenceCategory', CodeList.OFFENCE_CATEGORY, toOffenceCategory],
  ['ProceduralPower', CodeList.PROCEDURAL_POWER, toProceduralPower],
  ['CooperationMechanism', CodeList.COOPERATION_MECHANISM, toCooperationMechanism],
  ['CrossCuttingIssue', CodeList.CROSS_CUTTING_ISSUE, toCrossCuttingIssue],
  ['CrimeType', CodeList.CRIME_TYPE, toCrimeType],
];
const codeListReferences = Object.fromEntries(
  CODE_LIST_ENTITIES.map(([type, list, shape]) => [
    type,
    {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveCodeReference(list, ref as { code: string }, ctx, shape),
    },
  ]),
);

/**
 * The repository of cybercrime laws, treaties, case law and lessons learned (CCPCJ res. 22/8
 * para. 5). Adds legislation, coverage and treaty participation to `Country`.
 */
export const lawsSubgraph: Subgraph<LawsTables, LawsLoaders> = {
  name: 'laws',
  dbSchema: DB_SCHEMA,
  resolvers: [
    OffenceCategoryResolver,
    CodeListResolver,
    InstrumentResolver,
    InstrumentParticipationResolver,
    LegislationResolver,
    LegalProvisionResolver,
    CountryLawsResolver,
    SearchResolver,
    CaseLawResolver,
    LessonLearnedResolver,
    LegislationWriteResolver,
    ProvisionWriteResolver,
    CaseLawWriteResolver,
    LessonLearnedWriteResolver,
    TreatyHistoryResolver,
    TreatyHistoryWriteResolver,
    TreatyParticipationGroupsResolver,
    TreatyActionResolver,
    TreatyParticipationAtResolver,
    auditLogResolver('lawsAuditLog', 'laws'),
  ],
  referenceResolvers: {
    Country: { __resolveReference: (ref) => resolveCountryReference(ref as { iso3: string }) },
    Legislation: {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveLegislationReference(ref as { id: string }, ctx),
    },
    LegalProvision: {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveProvisionReference(ref as { id: string }, ctx),
    },
    Instrument: {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveInstrumentReference(ref as { code: string }, ctx),
    },
    InstrumentParticipation: {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveParticipationReference(ref as { id: string }, ctx),
    },
    CaseLaw: {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveCaseReference(ref as { id: string }, ctx),
    },
    LessonLearned: {
      __resolveReference: (ref: Ref, ctx: LawsContext) =>
        resolveLessonReference(ref as { id: string }, ctx),
    },
    ...codeListReferences,
  },
  migrations: lawsMigrations,
  seed: seedLaws,
  syntheticScale: scaleLaws,
  createLoaders: createLawsLoaders,
};
