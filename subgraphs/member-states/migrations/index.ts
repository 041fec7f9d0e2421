import type { Migrations } from '../../../loaders/migrate.js';
import * as createCountry from './2026_11_29_170000_create_country.js';
import * as createNeedsAssessment from './2026_11_29_173000_create_needs_assessment.js';
import * as createCapabilityIndicator from './2026_11_29_210000_create_capability_indicator.js';
import * as createCyberlawStatus from './2026_12_06_190000_create_cyberlaw_status.js';
import * as addNeedsAssessmentWorkflow from './2026_12_06_220000_add_needs_assessment_workflow.js';

/** In order of name; never edit or remove an entry once merged. */
export const memberStatesMigrations: Migrations = {
  '2026_11_29_170000_create_country': createCountry,
  '2026_11_29_173000_create_needs_assessment': createNeedsAssessment,
  '2026_11_29_210000_create_capability_indicator': createCapabilityIndicator,
  '2026_12_06_190000_create_cyberlaw_status': createCyberlawStatus,
  '2026_12_06_220000_add_needs_assessment_workflow': addNeedsAssessmentWorkflow,
};
