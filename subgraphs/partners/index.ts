/* eslint-disable import-x/order -- the resolver modules load in the order the committed SDL lists their fields (see below). */
import { auditLogResolver } from '../../schema/audit.js';
import type { Subgraph } from '../../schema/subgraph.js';
import type { PartnersContext } from './context.js';
import { CountryPartnersResolver } from './country-partners.resolver.js';
import { partnersMigrations } from './migrations/index.js';
import { OrganizationResolver } from './organization.resolver.js';
import { OrganizationWriteResolver } from './organization-write.resolver.js';
import { createPartnersLoaders, type PartnersLoaders } from './partners.loaders.js';
import {
  resolveCountryReference,
  resolveOrganizationReference,
  resolvePartnershipReference,
} from './partners.reference.js';
import { seedPartners } from './partners.seed.js';
import { DB_SCHEMA, type PartnersTables } from './partners.table.js';
import { PartnershipMemberResolver, PartnershipResolver } from './partnership.resolver.js';
// After partnership.resolver.ts: the order of evaluation is the order of the SDL's Query fields.
import { PartnerCoverageResolver } from './partner-coverage.resolver.js';
import { PartnershipWriteResolver } from './partnership-write.resolver.js';
import { scalePartners } from './synthetic-scale.seed.js';

export type { PartnersTables } from './partners.table.js';

/** Organizations and partnerships for technical assistance (resolution 22/8 para. 4). */
export const partnersSubgraph: Subgraph<PartnersTables, PartnersLoaders> = {
  name: 'partners',
  dbSchema: DB_SCHEMA,
  resolvers: [
    OrganizationResolver,
    OrganizationWriteResolver,
    PartnershipResolver,
    PartnershipWriteResolver,
    PartnershipMemberResolver,
    PartnerCoverageResolver,
    CountryPartnersResolver,
    auditLogResolver('partnersAuditLog', 'partners'),
  ],
  referenceResolvers: {
    Organization: {
      __resolveReference: (ref, ctx: PartnersContext) =>
        resolveOrganizationReference(ref as { id: string }, ctx),
    },
    Partnership: {
      __resolveReference: (ref, ctx: PartnersContext) =>
        resolvePartnershipReference(ref as { id: string }, ctx),
    },
    Country: {
      __resolveReference: (ref) => resolveCountryReference(ref as { iso3: string }),
    },
  },
  migrations: partnersMigrations,
  seed: seedPartners,
  syntheticScale: scalePartners,
  createLoaders: createPartnersLoaders,
};

export { registerUnverifiedOrganizations } from './organization-write.resolver.js';
export type { UnverifiedOrganization } from '../../schema/sourced.js';
