import type { Migrations } from '../../../loaders/migrate.js';
import * as createAssistance from './2026_11_29_200000_create_assistance.js';
import * as createOutcome from './2026_12_06_220000_create_outcome.js';
import * as realActivities from './2026_12_06_220000_real_activities.js';
import * as projectFootprint from './2026_12_06_221000_project_footprint.js';

/** In order of name; never edit or remove an entry once merged. */
export const assistanceMigrations: Migrations = {
  '2026_11_29_200000_create_assistance': createAssistance,
  '2026_12_06_220000_create_outcome': createOutcome,
  '2026_12_06_220000_real_activities': realActivities,
  '2026_12_06_221000_project_footprint': projectFootprint,
};
