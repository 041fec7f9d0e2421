import type { SubgraphContext } from '../../schema/context.js';
import type { AssistanceLoaders } from './assistance.loaders.js';
import type { AssistanceTables } from './assistance.table.js';

export type AssistanceContext = SubgraphContext<AssistanceTables, AssistanceLoaders>;
