import type { SubgraphContext } from '../../schema/context.js';
import type { LawsLoaders } from './laws.loaders.js';
import type { LawsTables } from './laws.table.js';

export type LawsContext = SubgraphContext<LawsTables, LawsLoaders>;
