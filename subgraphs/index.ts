import type { AnySubgraph } from '../schema/subgraph.js';
import { assistanceSubgraph } from './assistance/index.js';
import { fundingSubgraph } from './funding/index.js';
import { lawsSubgraph } from './laws/index.js';
import { memberStatesSubgraph } from './member-states/index.js';
import { partnersSubgraph } from './partners/index.js';

/** The core subgraphs, by registry name. Partner subgraphs run as their own services. */
export const CORE_SUBGRAPHS: readonly AnySubgraph[] = [
  memberStatesSubgraph,
  lawsSubgraph,
  partnersSubgraph,
  fundingSubgraph,
  assistanceSubgraph,
];

export function subgraphByName(name: string): AnySubgraph | undefined {
  return CORE_SUBGRAPHS.find((s) => s.name === name);
}
