import type { SubgraphContext } from '../../schema/context.js';
import type { HotlineReportsLoaders } from './figure.loaders.js';
import type { HotlineReportsTables } from './figure.table.js';

export type HotlineReportsContext = SubgraphContext<HotlineReportsTables, HotlineReportsLoaders>;
