import type { Migrations } from '../../../loaders/migrate.js';
import * as createPartners from './2026_11_29_180000_create_partners.js';
import * as organizationSynthetic from './2026_11_29_200000_organization_synthetic.js';
import * as organizationVerified from './2026_12_06_220000_organization_verified.js';
import * as realPartnerships from './2026_12_06_220000_real_partnerships.js';

/** In order of name; never edit or remove an entry once merged. */
export const partnersMigrations: Migrations = {
  '2026_11_29_180000_create_partners': createPartners,
  '2026_11_29_200000_organization_synthetic': organizationSynthetic,
  '2026_12_06_220000_organization_verified': organizationVerified,
  '2026_12_06_220000_real_partnerships': realPartnerships,
};
