import { auditLogResolver } from '../../schema/audit.js';
import type { Subgraph } from '../../schema/subgraph.js';
import { CapabilityIndicatorWriteResolver } from './capability-write.resolver.js';
import { CountryCapabilityResolver } from './capability.resolver.js';
import type { MemberStatesContext } from './context.js';
import { CountryGroupsResolver } from './country-groups.resolver.js';
import { CountryResolver } from './country.resolver.js';
import { seedMemberStates } from './country.seed.js';
import { CoverageGapResolver } from './coverage-gap.resolver.js';
import { CountryCyberlawResolver } from './cyberlaw.resolver.js';
import { createMemberStatesLoaders, type MemberStatesLoaders } from './member-states.loaders.js';
import {
  resolveCountryReference,
  resolveCoverageGapReference,
  resolveM49RegionReference,
  resolveNeedsAssessmentReference,
} from './member-states.reference.js';
import { DB_SCHEMA, type MemberStatesTables } from './member-states.table.js';
import { memberStatesMigrations } from './migrations/index.js';
import { NeedsAssessmentWriteResolver } from './needs-assessment-write.resolver.js';
import {
  CountryNeedsAssessmentsResolver,
  NeedsAssessmentResolver,
} from './needs-assessment.resolver.js';
import { NeedsFindingStatisticsResolver } from './needs-statistics.resolver.js';
import { M49RegionResolver } from './region.resolver.js';

export type { MemberStatesTables } from './member-states.table.js';

/** Countries (193 Member States and 2 observer States), UN M49 regions and needs assessments. */
export const memberStatesSubgraph: Subgraph<MemberStatesTables, MemberStatesLoaders> = {
  name: 'member-states',
  dbSchema: DB_SCHEMA,
  resolvers: [
    CountryResolver,
    CountryGroupsResolver,
    M49RegionResolver,
    NeedsAssessmentResolver,
    CountryNeedsAssessmentsResolver,
    CoverageGapResolver,
    CountryCapabilityResolver,
    CountryCyberlawResolver,
    CapabilityIndicatorWriteResolver,
    NeedsAssessmentWriteResolver,
    NeedsFindingStatisticsResolver,
    auditLogResolver('memberStatesAuditLog', 'member-states'),
  ],
  referenceResolvers: {
    Country: {
      __resolveReference: (ref, ctx: MemberStatesContext) => resolveCountryReference(ref, ctx),
    },
    M49Region: {
      __resolveReference: (ref, ctx: MemberStatesContext) =>
        resolveM49RegionReference(ref as { m49: string }, ctx),
    },
    NeedsAssessment: {
      __resolveReference: (ref, ctx: MemberStatesContext) =>
        resolveNeedsAssessmentReference(ref as { id: string }, ctx),
    },
    CoverageGapReport: {
      __resolveReference: (ref, ctx: MemberStatesContext) =>
        resolveCoverageGapReference(ref as { region: string; includeSynthetic?: unknown }, ctx),
    },
  },
  migrations: memberStatesMigrations,
  seed: seedMemberStates,
  createLoaders: createMemberStatesLoaders,
};
