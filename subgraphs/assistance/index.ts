import { auditLogResolver } from '../../schema/audit.js';
import type { Subgraph } from '../../schema/subgraph.js';
import { ActivityWriteResolver } from './activity-write.resolver.js';
import { ActivityResolver } from './activity.resolver.js';
import { createAssistanceLoaders, type AssistanceLoaders } from './assistance.loaders.js';
import {
  resolveActivityReference,
  resolveCoverageGapReport,
  resolveOutcomeReference,
  resolveRequestReference,
  resolveStub,
} from './assistance.reference.js';
import { seedAssistance } from './assistance.seed.js';
import { DB_SCHEMA, type AssistanceTables } from './assistance.table.js';
import type { AssistanceContext } from './context.js';
import {
  CoverageResolver,
  OverlapPageResolver,
  OverlapResolver,
  ProjectOverlapResolver,
} from './coordination.resolver.js';
import { CountryAssistanceResolver } from './country-assistance.resolver.js';
import { LegalProvisionAssistanceResolver } from './legal-provision-assistance.resolver.js';
import { assistanceMigrations } from './migrations/index.js';
import { NeedsAssessmentAssistanceResolver } from './needs-assessment-assistance.resolver.js';
import { OrganizationAssistanceResolver } from './organization-assistance.resolver.js';
import { OutcomeWriteResolver } from './outcome-write.resolver.js';
import {
  ActivityOutcomesResolver,
  OutcomeResolver,
  RequestOutcomesResolver,
} from './outcome.resolver.js';
import { ProjectAssistanceResolver } from './project-assistance.resolver.js';
import { RequestWriteResolver } from './request-write.resolver.js';
import { RequestResolver } from './request.resolver.js';
import { DeliverySummaryResolver } from './summary.resolver.js';
import { scaleAssistance } from './synthetic-scale.seed.js';

export { ASSISTANCE_CACHE } from './assistance.loaders.js';
export type { AssistanceTables } from './assistance.table.js';

/**
 * Technical assistance (res. 22/8 paras. 2, 4, 5): States' requests, the activities delivered,
 * their coordination (overlaps, gaps) and the delivery figures of the report.
 */
export const assistanceSubgraph: Subgraph<AssistanceTables, AssistanceLoaders> = {
  name: 'assistance',
  dbSchema: DB_SCHEMA,
  resolvers: [
    ActivityResolver,
    ActivityWriteResolver,
    RequestResolver,
    RequestWriteResolver,
    OverlapResolver,
    OverlapPageResolver,
    ProjectOverlapResolver,
    CoverageResolver,
    DeliverySummaryResolver,
    OutcomeResolver,
    OutcomeWriteResolver,
    RequestOutcomesResolver,
    ActivityOutcomesResolver,
    CountryAssistanceResolver,
    OrganizationAssistanceResolver,
    ProjectAssistanceResolver,
    NeedsAssessmentAssistanceResolver,
    LegalProvisionAssistanceResolver,
    auditLogResolver('assistanceAuditLog', 'assistance'),
  ],
  referenceResolvers: {
    TechnicalAssistanceActivity: {
      __resolveReference: (ref, ctx: AssistanceContext) =>
        resolveActivityReference(ref as { id: string }, ctx),
    },
    AssistanceRequest: {
      __resolveReference: (ref, ctx: AssistanceContext) =>
        resolveRequestReference(ref as { id: string }, ctx),
    },
    Outcome: {
      __resolveReference: (ref, ctx: AssistanceContext) =>
        resolveOutcomeReference(ref as { id: string }, ctx),
    },
    CoverageGapReport: { __resolveReference: (ref) => resolveCoverageGapReport(ref) },
    Country: { __resolveReference: resolveStub('iso3') },
    Organization: { __resolveReference: resolveStub('id') },
    Project: { __resolveReference: resolveStub('id') },
    NeedsAssessment: { __resolveReference: resolveStub('id') },
    LegalProvision: { __resolveReference: resolveStub('id') },
  },
  migrations: assistanceMigrations,
  seed: seedAssistance,
  syntheticScale: scaleAssistance,
  createLoaders: createAssistanceLoaders,
};
