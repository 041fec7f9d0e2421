import type { SubgraphContext } from '../../schema/context.js';
import type { FundingLoaders } from './funding.loaders.js';
import type { FundingTables } from './funding.table.js';

export type FundingContext = SubgraphContext<FundingTables, FundingLoaders>;
