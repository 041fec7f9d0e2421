import type { Migrations } from '../../../loaders/migrate.js';
import * as createFunding from './2026_11_29_180000_create_funding.js';
import * as createGpcFact from './2026_12_06_190000_create_gpc_fact.js';
import * as iatiPublisherShapes from './2026_12_06_220000_iati_publisher_shapes.js';
import * as realMoney from './2026_12_06_220000_real_money.js';

/** In order of name; never edit or remove an entry once merged. */
export const fundingMigrations: Migrations = {
  '2026_11_29_180000_create_funding': createFunding,
  '2026_12_06_190000_create_gpc_fact': createGpcFact,
  '2026_12_06_220000_iati_publisher_shapes': iatiPublisherShapes,
  '2026_12_06_220000_real_money': realMoney,
};
