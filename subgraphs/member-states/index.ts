import { auditLogResolver } from '../../schema/audit.js';
import {
  CapabilityIndicatorWriteResolver,
  CountryCapabilityResolver,
} from './capability.resolver.js';
import type { Subgraph } from '../../schema/subgraph.js';
import type { MemberStatesContext } from './context.js';
import { createMemberStatesLoaders, type MemberStatesLoaders } from './country.loaders.js';
import {
  resolveCountryReference,
  resolveM49RegionReference,
  resolveNeedsAssessmentReference,
} from './country.reference.js';
import { CountryResolver } from './country.resolver.js';
import { CountryCyberlawResolver } from './cyberlaw.resolver.js';
import { seedMemberStates } from './country.seed.js';
import type { MemberStatesTables } from './country.table.js';
import { CoverageGapResolver, resolveCoverageGapReference } from './coverage-gap.resolver.js';
import { memberStatesMigrations } from './migrations/index.js';
import {
  CountryNeedsAssessmentsResolver,
  NeedsAssessmentResolver,
} from './needs-assessment.resolver.js';
import { M49RegionResolver } from './region.resolver.js';
import { CountryGroupsResolver } from './country-groups.resolver.js';

export { MEMBER_STATES_CACHE } from './country.loaders.js';
export type { MemberStatesTables } from './country.table.js';

/** Countries (193 Member States and 2 observer States), UN M49 regions and needs assessments. */
export const memberStatesSubgraph: Subgraph<MemberStatesTables, MemberStatesLoaders> = {
  name: 'member-states',
  dbSchema: 'member_states',
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
