import { auditLogResolver } from '../../schema/audit.js';
import type { Subgraph } from '../../schema/subgraph.js';
import type { FundingContext } from './context.js';
import { ContributionRecordResolver } from './contribution-record.resolver.js';
import { CountryFundingResolver } from './country-funding.resolver.js';
import { createFundingLoaders, type FundingLoaders } from './funding.loaders.js';
import {
  resolveBudgetReference,
  resolveCountryReference,
  resolveOrganizationReference,
  resolveProjectReference,
  resolveTransactionReference,
} from './funding.reference.js';
import { seedFunding } from './funding.seed.js';
import { DB_SCHEMA, type FundingTables } from './funding.table.js';
import { GpcFactResolver } from './gpc-fact.resolver.js';
import { fundingMigrations } from './migrations/index.js';
import { OrganizationFundingResolver } from './organization-funding.resolver.js';
import { ProjectWriteResolver } from './project-write.resolver.js';
import { ProjectResolver } from './project.resolver.js';
import { FundingSummaryResolver } from './summary.resolver.js';
import { scaleFunding } from './synthetic-scale.seed.js';
import { TransactionWriteResolver } from './transaction-write.resolver.js';
import { TransactionResolver } from './transaction.resolver.js';

export { FUNDING_CACHE } from './funding.loaders.js';
export type { FundingTables } from './funding.table.js';

/** Extrabudgetary funding (res. 22/8 para. 6): projects, transactions, budgets, in honest money. */
export const fundingSubgraph: Subgraph<FundingTables, FundingLoaders> = {
  name: 'funding',
  dbSchema: DB_SCHEMA,
  resolvers: [
    ProjectResolver,
    ProjectWriteResolver,
    TransactionResolver,
    TransactionWriteResolver,
    FundingSummaryResolver,
    GpcFactResolver,
    ContributionRecordResolver,
    OrganizationFundingResolver,
    CountryFundingResolver,
    auditLogResolver('fundingAuditLog', 'funding'),
  ],
  referenceResolvers: {
    Project: {
      __resolveReference: (ref, ctx: FundingContext) =>
        resolveProjectReference(ref as { id: string }, ctx),
    },
    Transaction: {
      __resolveReference: (ref, ctx: FundingContext) =>
        resolveTransactionReference(ref as { id: string }, ctx),
    },
    Budget: {
      __resolveReference: (ref, ctx: FundingContext) =>
        resolveBudgetReference(ref as { id: string }, ctx),
    },
    Organization: {
      __resolveReference: (ref) => resolveOrganizationReference(ref as { id: string }),
    },
    Country: {
      __resolveReference: (ref) => resolveCountryReference(ref as { iso3: string }),
    },
  },
  migrations: fundingMigrations,
  seed: seedFunding,
  syntheticScale: scaleFunding,
  createLoaders: createFundingLoaders,
};
