import type { Migrations } from '../../../loaders/migrate.js';
import * as createAssistance from './2026_11_29_200000_create_assistance.js';

/** In order of name; never edit or remove an entry once merged. */
export const assistanceMigrations: Migrations = {
  '2026_11_29_200000_create_assistance': createAssistance,
};
