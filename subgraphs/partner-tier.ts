import type { AnySubgraph } from '../schema/subgraph.js';
import { hotlineReportsSubgraph } from './hotline-reports/index.js';
// subgraph:new imports

/**
 * PARTNER-tier subgraphs whose code lives in this repository (built with `npm run subgraph:new`).
 * Each also runs as its own service (`node dist/subgraphs/<name>/main.js`); they are listed here
 * so `schema:emit` emits their SDL and the one-process stack (`npm start`, tests) runs them.
 */
export const PARTNER_TIER_SUBGRAPHS: readonly AnySubgraph[] = [
  hotlineReportsSubgraph,
  // subgraph:new entries
];
