import type { SubgraphContext } from '../../schema/context.js';
import type { HotlineReportsLoaders } from './hotline-reports.loaders.js';
import type { HotlineReportsTables } from './hotline-reports.table.js';

export type HotlineReportsContext = SubgraphContext<HotlineReportsTables, HotlineReportsLoaders>;
