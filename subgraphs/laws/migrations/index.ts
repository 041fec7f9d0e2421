import type { Migrations } from '../../../loaders/migrate.js';
import * as createLaws from './2026_11_29_180000_create_laws.js';
import * as catalogueHistorySearch from './2026_12_06_191000_catalogue_history_search.js';
import * as stateAreaNames from './2026_12_06_230000_state_area_names.js';

/** In order of name; never edit or remove an entry once merged. */
export const lawsMigrations: Migrations = {
  '2026_11_29_180000_create_laws': createLaws,
  '2026_12_06_191000_catalogue_history_search': catalogueHistorySearch,
  '2026_12_06_230000_state_area_names': stateAreaNames,
};
