import 'reflect-metadata';
import { runSubgraphMain } from '../../schema/server/run-subgraph.js';
import { hotlineReportsSubgraph } from './index.js';

// `node dist/subgraphs/hotline-reports/main.js`: this partner subgraph as its own service.
await runSubgraphMain(hotlineReportsSubgraph, process.env);
