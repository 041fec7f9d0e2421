import { auditLogResolver } from '../../schema/audit.js';
import type { Subgraph } from '../../schema/subgraph.js';
import type { PartnersContext } from './context.js';
import { CountryPartnersResolver } from './country.resolver.js';
import { partnersMigrations } from './migrations/index.js';
import { OrganizationResolver } from './organization.resolver.js';
import { createPartnersLoaders, type PartnersLoaders } from './partners.loaders.js';
import {
  resolveCountryReference,
  resolveOrganizationReference,
  resolvePartnershipReference,
} from './partners.reference.js';
import { seedPartners } from './partners.seed.js';
import type { PartnersTables } from './partners.table.js';
import {
  PartnerCoverageResolver,
  PartnershipMemberResolver,
  PartnershipResolver,
} from './partnership.resolver.js';
import { scalePartners } from './synthetic-scale.js';

export { PARTNERS_CACHE } from './partners.loaders.js';
export type { PartnersTables } from './partners.table.js';

/** Organizations and partnerships for technical assistance (resolution 22/8 para. 4). */
export const partnersSubgraph: Subgraph<PartnersTables, PartnersLoaders> = {
  name: 'partners',
  dbSchema: 'partners',
  resolvers: [
    OrganizationResolver,
    PartnershipResolver,
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

export {
  registerUnverifiedOrganizations,
  type UnverifiedOrganization,
} from './organization-registration.js';
