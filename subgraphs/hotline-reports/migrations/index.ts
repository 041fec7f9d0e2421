import type { Migrations } from '../../../loaders/migrate.js';
import * as createFigure from './2026_11_29_170239_create_figure.js';

/** In order of name; never edit or remove an entry once merged. */
export const hotlineReportsMigrations: Migrations = {
  '2026_11_29_170239_create_figure': createFigure,
};
